using System.Security.Cryptography;
using System.Text;

namespace Supervisor.Domain.Agents.Actions;

/// <summary>One key a known_hosts file pins for a host: its type (ssh-ed25519, ssh-rsa, …) and SHA256 fingerprint.</summary>
public sealed record PinnedHostKey(string KeyType, string Fingerprint, bool Revoked = false);

/// <summary>
/// Pure host-key pinning for <c>type = ssh</c>: fingerprints as <c>ssh-keygen -lf</c> prints them
/// (<c>SHA256:</c> + unpadded base64), OpenSSH known_hosts lines (plain, <c>[host]:port</c>, hashed <c>|1|salt|hash</c>,
/// <c>*</c>/<c>?</c> patterns, <c>!</c> negation, <c>@revoked</c>), and the verdict with the message that says the fix.
/// </summary>
public static class SshHostKeys
{
    private const string Prefix = "SHA256:";

    public static bool IsFingerprint(string text) =>
        text.StartsWith(Prefix, StringComparison.Ordinal) && text.Length == Prefix.Length + 43 &&
        text[Prefix.Length..].All(c => char.IsAsciiLetterOrDigit(c) || c is '+' or '/');

    /// <summary>The fingerprint of a public key blob (the wire form, as base64-decoded from known_hosts).</summary>
    public static string Fingerprint(ReadOnlySpan<byte> keyBlob) => Prefix + Convert.ToBase64String(SHA256.HashData(keyBlob)).TrimEnd('=');

    /// <summary>The keys <paramref name="knownHosts"/> pins for <paramref name="host"/> on <paramref name="port"/>; malformed lines are skipped, as ssh does.</summary>
    public static IReadOnlyList<PinnedHostKey> FromKnownHosts(string knownHosts, string host, int port)
    {
        var result = new List<PinnedHostKey>();
        foreach (var raw in knownHosts.Split('\n'))
        {
            var fields = raw.Trim().Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length == 0 || fields[0].StartsWith('#')) continue;
            var revoked = false;
            if (fields[0].StartsWith('@'))
            {
                if (fields[0] != "@revoked") continue; // @cert-authority: certificates are not supported, so it pins nothing
                revoked = true;
                fields = fields[1..];
            }
            if (fields.Length < 3 || !HostsMatch(fields[0], host, port)) continue;
            var blob = new byte[fields[2].Length];
            if (!Convert.TryFromBase64String(fields[2], blob, out var length)) continue;
            result.Add(new PinnedHostKey(fields[1], Fingerprint(blob.AsSpan(0, length)), revoked));
        }
        return result;
    }

    /// <summary>Null when the server's key is pinned; otherwise why it is refused, with its fingerprint and the fix.</summary>
    /// <param name="pinnedIn">Where the pins came from, for the message: <c>known-hosts /etc/…</c> or <c>host-key</c>.</param>
    public static string? Refusal(IReadOnlyList<PinnedHostKey> pins, string keyType, string fingerprint, string host, int port, string pinnedIn)
    {
        var endpoint = $"{host}:{port}";
        var offered = $"{endpoint} offered host key {keyType} {fingerprint}";
        var fix = $"if this really is {host} (check with ssh-keygen -lf on the host's key), add it to a known_hosts file " +
                  $"(ssh-keyscan -p {port} {host} >> known_hosts) or set host-key = \"{fingerprint}\"";
        if (pins.Any(p => p.Revoked && p.Fingerprint == fingerprint))
            return $"{offered}, which {pinnedIn} marks @revoked; refusing to connect";
        var trusted = pins.Where(p => !p.Revoked).ToList();
        if (trusted.Any(p => p.Fingerprint == fingerprint)) return null;
        if (trusted.Count == 0)
            return $"{offered}, an unknown key: {pinnedIn} has no key for {endpoint}; refusing to connect. {Capitalized(fix)}";
        return $"{offered}, but {pinnedIn} pins {string.Join(", ", trusted.Select(p => $"{p.KeyType} {p.Fingerprint}".Trim()))}: " +
               $"the host key CHANGED (a reinstalled host, or someone in between); refusing to connect. {Capitalized(fix)}";
    }

    private static string Capitalized(string s) => char.ToUpperInvariant(s[0]) + s[1..];

    private static bool HostsMatch(string patterns, string host, int port)
    {
        var token = port == 22 ? host : $"[{host}]:{port}";
        if (patterns.StartsWith("|1|", StringComparison.Ordinal)) return HashedMatch(patterns, token);
        var matched = false;
        foreach (var pattern in patterns.Split(','))
        {
            var negated = pattern.StartsWith('!');
            if (!Glob(negated ? pattern[1..] : pattern, token)) continue;
            if (negated) return false;
            matched = true;
        }
        return matched;
    }

    /// <summary><c>|1|base64(salt)|base64(HMAC-SHA1(salt, host))</c>, as ssh-keygen -H writes.</summary>
    private static bool HashedMatch(string entry, string token)
    {
        var parts = entry.Split('|');
        if (parts.Length != 4) return false;
        try
        {
            var hash = HMACSHA1.HashData(Convert.FromBase64String(parts[2]), Encoding.UTF8.GetBytes(token));
            return CryptographicOperations.FixedTimeEquals(hash, Convert.FromBase64String(parts[3]));
        }
        catch (FormatException)
        {
            return false;
        }
    }

    private static bool Glob(string pattern, string text)
    {
        if (pattern.Length == 0) return text.Length == 0;
        return pattern[0] switch
        {
            '*' => Glob(pattern[1..], text) || (text.Length > 0 && Glob(pattern, text[1..])),
            '?' => text.Length > 0 && Glob(pattern[1..], text[1..]),
            _ => text.Length > 0 && char.ToLowerInvariant(pattern[0]) == char.ToLowerInvariant(text[0]) && Glob(pattern[1..], text[1..]),
        };
    }
}
