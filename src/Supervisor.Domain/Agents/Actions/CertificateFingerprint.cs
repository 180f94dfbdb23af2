namespace Supervisor.Domain.Agents.Actions;

/// <summary>
/// SHA-256 certificate fingerprints as Proxmox shows them (node → System → Certificates): 32 upper-case hex pairs
/// joined by colons. Compared after normalising, so lower case or missing colons in the config still match.
/// </summary>
public static class CertificateFingerprint
{
    /// <summary>The 64 upper-case hex digits of <paramref name="text"/>, or null when it is not a SHA-256 fingerprint.</summary>
    public static string? Normalize(string text)
    {
        var hex = text.Trim().Replace(":", "").Replace(" ", "").ToUpperInvariant();
        return hex.Length == 64 && hex.All(Uri.IsHexDigit) ? hex : null;
    }

    /// <summary>The display form, <c>AB:CD:…</c>, of a digest.</summary>
    public static string Format(ReadOnlySpan<byte> sha256) => string.Join(':', sha256.ToArray().Select(b => b.ToString("X2")));

    public static bool Matches(string configured, ReadOnlySpan<byte> sha256) =>
        Normalize(configured) is { } expected && expected == Convert.ToHexString(sha256);
}
