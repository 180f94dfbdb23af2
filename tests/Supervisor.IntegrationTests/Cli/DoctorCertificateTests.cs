using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Supervisor.IntegrationTests.Cli;

/// <summary>
/// <c>supervisor doctor</c> on the HTTP API's certificate (supervisor.http.tls), which the config loader does not judge
/// by date: expired is a FAIL with the fix, within 30 days a WARN (exit 0), later OK.
/// </summary>
public sealed class DoctorCertificateTests : ScenarioTest
{
    private string ConfigWithHttpCertificate(TimeSpan notAfterFromNow)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=supervisor-http", key, HashAlgorithmName.SHA256);
        var now = DateTimeOffset.UtcNow;
        using var certificate = request.CreateSelfSigned(now.AddDays(-60), now + notAfterFromNow);
        var (crt, pem) = (Path.Combine(Scenario.Dir, "http.crt"), Path.Combine(Scenario.Dir, "http.key"));
        File.WriteAllText(crt, certificate.ExportCertificatePem());
        File.WriteAllText(pem, key.ExportPkcs8PrivateKeyPem());
        return Scenario.WriteConfig("node.conf", DoctorCli.Config(Path.Combine(Scenario.Dir, "data"),
            extra: $"http {{ enabled = on, listen = \"127.0.0.1:{LoopbackPort.Free()}\", tls {{ cert = \"{crt}\", key = \"{pem}\" }} }}"));
    }

    private static string HttpRow(CliProcess.Result r) => Assert.Single(DoctorCli.Rows(r), l => l.Contains("HTTP TLS certificate", StringComparison.Ordinal));

    [Fact]
    public async Task Doctor_should_exit_1_with_the_fix_when_the_http_certificate_has_expired()
    {
        var r = await DoctorCli.RunAsync(Scenario.Dir, ConfigWithHttpCertificate(TimeSpan.FromDays(-2)));
        var row = DoctorCli.SingleFailRow(r, l => l.Contains("HTTP TLS certificate", StringComparison.Ordinal));
        Assert.Contains("http.crt expired on", row);
        Assert.Contains("fix: renew the certificate (and key) in supervisor.http.tls", r.Stdout);
    }

    [Fact]
    public async Task Doctor_should_warn_but_exit_0_when_the_http_certificate_expires_within_30_days()
    {
        var r = await DoctorCli.RunAsync(Scenario.Dir, ConfigWithHttpCertificate(TimeSpan.FromDays(10)));
        Assert.True(r.ExitCode == 0, r.Stdout + r.Stderr);
        Assert.StartsWith("WARN", HttpRow(r));
        Assert.Contains("expires on", HttpRow(r));
    }

    [Fact]
    public async Task Doctor_should_say_ok_when_the_http_certificate_is_valid_for_longer_than_30_days()
    {
        var r = await DoctorCli.RunAsync(Scenario.Dir, ConfigWithHttpCertificate(TimeSpan.FromDays(90)));
        Assert.True(r.ExitCode == 0, r.Stdout + r.Stderr);
        Assert.StartsWith("OK", HttpRow(r));
    }
}
