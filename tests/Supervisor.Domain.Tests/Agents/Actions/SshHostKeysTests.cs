using Supervisor.Domain.Agents.Actions;

namespace Supervisor.Domain.Tests.Agents.Actions;

/// <summary>Keys and fingerprints below were made with ssh-keygen (OpenSSH 9.2): -t ed25519, -lf, and -H for the hashed lines.</summary>
public sealed class SshHostKeysTests
{
    private const string KeyA = "AAAAC3NzaC1lZDI1NTE5AAAAIDInl83f630cT6fI8UxOtM7FGjLd8OfOO0/5EZzHXcx+";
    private const string FingerprintA = "SHA256:ikHiXqr2msxT4NKdOXrPuPLTe9/zBui0efkjGb45BQw";
    private const string KeyB = "AAAAC3NzaC1lZDI1NTE5AAAAIPyiM/bPAXNNhm19k52h6NH+iabcOzF3MNYjmazJt7iW";
    private const string FingerprintB = "SHA256:75/s+IpF8iYYFGYE0jfJATSEgQspYTpljT/+AW4Y6sA";

    [Fact]
    public void The_fingerprint_is_the_one_ssh_keygen_prints() =>
        Assert.Equal(FingerprintA, SshHostKeys.Fingerprint(Convert.FromBase64String(KeyA)));

    [Theory]
    [InlineData(FingerprintA, true)]
    [InlineData("ikHiXqr2msxT4NKdOXrPuPLTe9/zBui0efkjGb45BQw", false)]
    [InlineData("SHA256:ikHiXqr2msxT4NKdOXrPuPLTe9/zBui0efkjGb45BQ", false)]
    [InlineData("MD5:16:27:ac:a5:76:28:2d:36:63:1b:56:4d:eb:df:a6:48", false)]
    [InlineData("SHA256:ikHiXqr2msxT4NKdOXrPuPLTe9/zBui0efkjGb45BQ=", false)]
    public void Only_a_SHA256_fingerprint_as_ssh_keygen_prints_it_is_accepted(string text, bool ok) =>
        Assert.Equal(ok, SshHostKeys.IsFingerprint(text));

    [Fact]
    public void A_plain_line_pins_the_host_on_port_22_only()
    {
        var file = $"# comment\n\nnas.lan,10.0.0.5 ssh-ed25519 {KeyA} root@nas\n";
        Assert.Equal(FingerprintA, Assert.Single(SshHostKeys.FromKnownHosts(file, "10.0.0.5", 22)).Fingerprint);
        Assert.Empty(SshHostKeys.FromKnownHosts(file, "nas.lan", 2222));
        Assert.Empty(SshHostKeys.FromKnownHosts(file, "other.lan", 22));
    }

    [Fact]
    public void A_bracketed_line_pins_the_host_on_its_port()
    {
        var file = $"[nas.lan]:2222 ssh-ed25519 {KeyA}\n";
        Assert.Single(SshHostKeys.FromKnownHosts(file, "nas.lan", 2222));
        Assert.Empty(SshHostKeys.FromKnownHosts(file, "nas.lan", 22));
    }

    [Fact]
    public void Hashed_lines_from_ssh_keygen_H_match_their_host_and_port()
    {
        var file = $"|1|fnBfuXi0p0WXVdQhZDG2MX2w3Ho=|KW1Uq3sS+c0t8/hrMeHGNYvp8ZA= ssh-ed25519 {KeyA}\n" +
                   $"|1|LrcDJd9DuuPR/pvgLAP3eoInnkw=|2U49TOafl7TR6+AO0Kl2dRUTTo4= ssh-ed25519 {KeyB}\n";
        Assert.Equal(FingerprintA, Assert.Single(SshHostKeys.FromKnownHosts(file, "nas.lan", 2222)).Fingerprint);
        Assert.Equal(FingerprintB, Assert.Single(SshHostKeys.FromKnownHosts(file, "nas.lan", 22)).Fingerprint);
        Assert.Empty(SshHostKeys.FromKnownHosts(file, "nas.lan", 2223));
    }

    [Fact]
    public void Wildcards_match_and_a_negated_pattern_excludes()
    {
        var file = $"*.lan,!evil.lan ssh-ed25519 {KeyA}\n";
        Assert.Single(SshHostKeys.FromKnownHosts(file, "nas.LAN", 22));
        Assert.Empty(SshHostKeys.FromKnownHosts(file, "evil.lan", 22));
    }

    [Fact]
    public void Malformed_lines_and_cert_authority_lines_pin_nothing()
    {
        var file = $"nas.lan ssh-ed25519 not!base64\nnas.lan ssh-ed25519\n@cert-authority nas.lan ssh-ed25519 {KeyA}\n";
        Assert.Empty(SshHostKeys.FromKnownHosts(file, "nas.lan", 22));
    }

    [Fact]
    public void The_pinned_key_is_accepted()
    {
        var pins = SshHostKeys.FromKnownHosts($"nas.lan ssh-ed25519 {KeyA}", "nas.lan", 22);
        Assert.Null(SshHostKeys.Refusal(pins, "ssh-ed25519", FingerprintA, "nas.lan", 22, "known-hosts kh"));
    }

    [Fact]
    public void An_unknown_host_is_refused_with_the_servers_fingerprint_and_both_fixes()
    {
        var why = SshHostKeys.Refusal([], "ssh-ed25519", FingerprintA, "nas.lan", 2222, "known-hosts /etc/kh");
        Assert.Contains($"nas.lan:2222 offered host key ssh-ed25519 {FingerprintA}, an unknown key: known-hosts /etc/kh has no key", why);
        Assert.Contains("ssh-keyscan -p 2222 nas.lan >> known_hosts", why);
        Assert.Contains($"host-key = \"{FingerprintA}\"", why);
    }

    [Fact]
    public void A_changed_key_is_refused_naming_the_pinned_and_the_offered_fingerprints()
    {
        var why = SshHostKeys.Refusal([new PinnedHostKey("", FingerprintB)], "ssh-ed25519", FingerprintA, "nas.lan", 22, "host-key");
        Assert.Contains($"but host-key pins {FingerprintB}: the host key CHANGED", why);
        Assert.Contains(FingerprintA, why);
    }

    [Fact]
    public void A_revoked_key_is_refused_even_when_also_pinned()
    {
        var pins = SshHostKeys.FromKnownHosts($"nas.lan ssh-ed25519 {KeyA}\n@revoked nas.lan ssh-ed25519 {KeyA}\n", "nas.lan", 22);
        Assert.Contains("marks @revoked", SshHostKeys.Refusal(pins, "ssh-ed25519", FingerprintA, "nas.lan", 22, "known-hosts kh"));
    }
}
