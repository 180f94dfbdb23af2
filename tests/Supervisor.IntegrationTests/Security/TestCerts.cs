namespace Supervisor.IntegrationTests.Security;

/// <summary>
/// The certificates of scripts/make-test-certs.sh, made once per test run into a temp dir (the script is the same
/// one operators use for a lab, so it is tested too), plus config snippets that use them.
/// </summary>
public sealed class TestCerts
{
    /// <summary>Distinctive, so a test can prove it never shows up in output.</summary>
    public const string Password = "pfx-Pw-7f3a9c";

    private static readonly Lazy<string> Made = new(Make);

    public string Dir => Made.Value;

    public string File(string name) => Path.Combine(Dir, name);

    public string PasswordFile => File("password.txt");

    /// <summary>
    /// A supervisor.tls section presenting <paramref name="cert"/>.pfx and trusting <paramref name="ca"/>.crt. By default the
    /// password comes from the password file; <paramref name="inlinePassword"/> writes it into the config instead.
    /// </summary>
    public string TlsSection(string cert, string ca = "ca", bool inlinePassword = false) => $$"""
        tls {
          enabled = on
          certificate = "{{File(cert + ".pfx")}}"
          {{(inlinePassword ? $"certificate-password = \"{Password}\"" : $"certificate-password-file = \"{PasswordFile}\"")}}
          ca-certificate = "{{File(ca + ".crt")}}"
        }
        """;

    /// <summary>
    /// One temp dir per checkout, reused across runs: the script is idempotent, so later runs only check the files
    /// (and the temp dir does not fill up with keys; the test host is killed rather than exited, so no cleanup hook runs).
    /// </summary>
    private static string Make()
    {
        var checkout = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(RepoPaths.Root)))[..10];
        var dir = Path.Combine(Path.GetTempPath(), "supervisor-it-certs", checkout);
        var psi = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        psi.ArgumentList.Add(Path.Combine(RepoPaths.Root, "scripts", "make-test-certs.sh"));
        psi.ArgumentList.Add(dir);
        psi.Environment["TEST_CERT_PASSWORD"] = Password;
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEnd();
        if (!p.WaitForExit(60_000) || p.ExitCode != 0)
            throw new InvalidOperationException($"make-test-certs.sh failed ({(p.HasExited ? p.ExitCode : "timeout")}): {stderr}{stdout.Result}");
        return dir;
    }
}
