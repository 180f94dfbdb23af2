using static Supervisor.Configuration.Tests.LoaderTestSupport;

namespace Supervisor.Configuration.Tests;

/// <summary>
/// The NUT device's TLS keys: <c>tls = off | starttls</c> (default off, as upsmon), <c>tls-ca</c> opened at load time,
/// <c>tls-verify = off</c> accepted but warned about, <c>tls-server-name</c>, and TLS keys that do nothing while tls = off.
/// </summary>
public sealed class NutTlsConfigTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private static string Device(string body) => $"supervisor.devices.ups-a {{ {NutDevice}, {body} }}\n{RackA}";

    private static NutOptions Nut(SupervisorSettings s) => Assert.IsType<NutOptions>(s.Devices.Single().Options);

    private string CaFile() => new TestCertificates(_dir).Pem("upsd-ca.pem", TestCertificates.CreateCa("CN=upsd CA"));

    [Fact]
    public void Loader_should_leave_tls_off_when_no_tls_key_is_set()
    {
        var result = Load(Device("port = 3493"));
        Assert.Empty(result.Warnings);
        Assert.Equal(NutTlsSettings.Off, Nut(result.Settings!).Tls);
    }

    [Fact]
    public void Loader_should_read_starttls_with_its_ca_and_server_name_when_set()
    {
        var ca = CaFile();
        var result = Load(Device($"tls = starttls, tls-ca = \"{ca}\", tls-server-name = ups.example.net"));

        Assert.Empty(result.Errors);
        Assert.Empty(result.Warnings);
        Assert.Equal(new NutTlsSettings(NutTlsMode.StartTls, ca, true, "ups.example.net"), Nut(result.Settings!).Tls);
        Assert.Contains($"ups1@127.0.0.1:3493, STARTTLS (verified against {ca}, name ups.example.net)", ConfigSummary.Format(result.Settings!));
    }

    [Fact]
    public void Loader_should_resolve_a_relative_tls_ca_against_the_config_files_directory()
    {
        CaFile();
        var file = _dir.Write("supervisor.conf", Device("tls = starttls, tls-ca = \"upsd-ca.pem\""));
        var result = Supervisor.Configuration.SupervisorConfigLoader.LoadFile(file);
        Assert.Empty(result.Errors);
        Assert.Equal(Path.Combine(_dir.Path, "upsd-ca.pem"), Nut(result.Settings!).Tls.CaFile);
    }

    [Fact]
    public void Loader_should_accept_but_warn_naming_the_risk_when_tls_verify_is_off()
    {
        var result = Load(Device("tls = starttls, tls-verify = off"));

        Assert.Empty(result.Errors);
        var warning = Assert.Single(result.Warnings);
        Assert.Equal("supervisor.devices.ups-a.tls-verify", warning.Path);
        Assert.StartsWith("off: upsd's certificate is not checked, so anyone between this node and upsd can pose as upsd, read the password", warning.Message);
        Assert.False(Nut(result.Settings!).Tls.Verify);
        Assert.Contains("STARTTLS (certificate NOT checked)", ConfigSummary.Format(result.Settings!));
    }

    [Fact]
    public void Loader_should_report_a_missing_tls_ca_file_at_its_path()
    {
        Assert.StartsWith("file \"/nonexistent/upsd-ca.pem\" not found; give the CA certificate (PEM or DER) that signed upsd's certificate", AssertRejected(Device("tls = starttls, tls-ca = \"/nonexistent/upsd-ca.pem\""), "supervisor.devices.ups-a.tls-ca").Message);
    }

    [Fact]
    public void Loader_should_report_a_tls_ca_that_holds_no_certificate_at_its_path()
    {
        var bogus = _dir.Write("not-a-cert.pem", "hello\n");
        AssertRejected(Device($"tls = starttls, tls-ca = \"{bogus}\""), "supervisor.devices.ups-a.tls-ca", $"cannot read \"{bogus}\" as X.509 certificate(s)");
    }

    [Theory]
    [InlineData("tls = on")]
    [InlineData("tls = ssl")]
    public void Loader_should_name_the_choices_when_tls_has_an_unknown_value(string setting)
    {
        var e = AssertRejected(Device(setting), "supervisor.devices.ups-a.tls");
        Assert.EndsWith("; use one of off, starttls", e.Message);
    }

    [Fact]
    public void Loader_should_warn_that_tls_keys_do_nothing_when_tls_is_off()
    {
        var result = Load(Device($"tls-ca = \"{CaFile()}\", tls-server-name = ups.example.net"));
        Assert.Empty(result.Errors);
        Assert.Equal(["supervisor.devices.ups-a.tls-ca", "supervisor.devices.ups-a.tls-server-name"], result.Warnings.Select(w => w.Path));
        Assert.All(result.Warnings, w => Assert.Equal("has no effect while tls = off; set tls = starttls to use it", w.Message));
    }

    [Fact]
    public void Loader_should_apply_a_tls_default_to_every_nut_device_when_set_under_supervisor_defaults_nut()
    {
        var s = LoadValid($"supervisor.defaults.nut.tls = starttls\n{Device("port = 3493")}");
        Assert.Equal(NutTlsMode.StartTls, Nut(s).Tls.Mode);
        Assert.Null(Nut(s).Tls.CaFile); // no tls-ca: the system store
    }
}
