using System.Security.Cryptography;
using System.Text;

namespace Supervisor.Domain.Http;

/// <summary>
/// API keys are 32 random bytes (base64url, 43 characters) and are stored only as <c>sha256:&lt;hex&gt;</c>. A plain
/// SHA-256 is right for machine keys of that much entropy: nothing to guess, so no slow hash is needed. Keys are matched
/// by comparing hashes in constant time, so the time a wrong key takes tells nothing about a right one.
/// </summary>
public static class ApiKeyHash
{
    public const string Prefix = "sha256:";
    private const int KeyBytes = 32;

    /// <summary>A fresh key for <c>supervisor http new-key</c>.</summary>
    public static string NewKey() => Base64Url(RandomNumberGenerator.GetBytes(KeyBytes));

    /// <summary>The stored form of <paramref name="key"/>: <c>sha256:</c> and 64 lower-case hex digits.</summary>
    public static string Of(string key) => Prefix + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    public static bool IsWellFormed(string hash) =>
        hash.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase) && hash.Length == Prefix.Length + 64 && hash[Prefix.Length..].All(Uri.IsHexDigit);

    /// <summary>The key among <paramref name="keys"/> whose hash is <paramref name="presented"/>'s; every candidate is compared, in constant time.</summary>
    public static T? Match<T>(string presented, IEnumerable<T> keys, Func<T, string> hashOf) where T : class
    {
        var digest = SHA256.HashData(Encoding.UTF8.GetBytes(presented));
        T? found = null;
        foreach (var key in keys)
        {
            var stored = Stored(hashOf(key));
            if (stored is not null && CryptographicOperations.FixedTimeEquals(stored, digest) && found is null) found = key;
        }
        return found;
    }

    private static byte[]? Stored(string hash) => IsWellFormed(hash) ? Convert.FromHexString(hash[Prefix.Length..]) : null;

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
