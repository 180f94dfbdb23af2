using System.Security.Cryptography;
using System.Text;

namespace Supervisor.Domain.Notifications;

/// <summary>
/// The Standard Webhooks signature (standardwebhooks.com, spec "Verifying webhook authenticity"): HMAC-SHA256 over
/// <c>{webhook-id}.{webhook-timestamp}.{body}</c>, sent as <c>v1,&lt;base64&gt;</c> in <c>webhook-signature</c>.
/// A secret written <c>whsec_&lt;base64&gt;</c> is the key's base64 form (as Svix and the reference libraries issue it);
/// any other text is used as its UTF-8 bytes.
/// </summary>
public static class WebhookSignature
{
    /// <summary>The prefix of a secret in the spec's own form.</summary>
    public const string SecretPrefix = "whsec_";

    /// <summary>The HMAC key of <paramref name="secret"/>; null for a <c>whsec_</c> secret whose rest is not base64.</summary>
    public static byte[]? Key(string secret)
    {
        if (!secret.StartsWith(SecretPrefix, StringComparison.Ordinal)) return Encoding.UTF8.GetBytes(secret);
        var encoded = secret[SecretPrefix.Length..];
        var buffer = new byte[encoded.Length];
        return Convert.TryFromBase64String(encoded, buffer, out var written) && written > 0 ? buffer[..written] : null;
    }

    /// <summary>The <c>webhook-signature</c> header value, <c>v1,&lt;base64&gt;</c>.</summary>
    public static string Sign(byte[] key, string id, long unixSeconds, ReadOnlySpan<byte> body)
    {
        var prefix = Encoding.UTF8.GetBytes($"{id}.{unixSeconds}.");
        var content = new byte[prefix.Length + body.Length];
        prefix.CopyTo(content, 0);
        body.CopyTo(content.AsSpan(prefix.Length));
        return "v1," + Convert.ToBase64String(HMACSHA256.HashData(key, content));
    }
}
