using static Supervisor.Configuration.Tests.LoaderTestSupport;

namespace Supervisor.Configuration.Tests;

/// <summary>supervisor.tls: the files are opened at load time, so every mistake is an error (or warning) at its HOCON path.</summary>
public sealed class TlsConfigTests : IDisposable
{
    private const string Password = "Tls-pw-8c1f!x";
    private readonly TempDir _dir = new();
    private readonly TestCertificates _certs;
    private readonly string _caPem;

    public TlsConfigTests()
    {
        _certs = new TestCertificates(_dir);
        _caPem = _certs.Pem("ca.crt", _certs.Ca);
    }

    public void Dispose() => _dir.Dispose();

    private string GoodPfx() => _certs.Pfx("node.pfx", _certs.Leaf(), Password);

    private static string Tls(string certificate, string ca, string password = $"certificate-password = \"{Password}\"", string extra = "") =>
        $"supervisor.tls {{\n enabled = on\n certificate = \"{certificate}\"\n {password}\n ca-certificate = \"{ca}\"\n {extra}\n}}";

    private static TlsSettings TlsOf(ConfigLoadResult r) => r.Settings!.Tls;

    [Fact]
    public void Load_should_leave_tls_off_when_the_section_is_absent()
    {
        var tls = LoadValid("").Tls;
        Assert.False(tls.Enabled);
        Assert.True(tls.RequireMutualAuthentication);
        Assert.Null(tls.Certificate);
    }

    [Fact]
    public void Load_should_not_look_at_the_files_when_tls_is_off()
    {
        var r = Load("supervisor.tls { enabled = off, certificate = \"/no/such.pfx\", ca-certificate = \"/no/ca.crt\" }");
        Assert.Empty(r.Errors);
        Assert.False(TlsOf(r).Enabled);
    }

    [Fact]
    public void Load_should_read_every_key_and_the_certificate_facts_when_the_files_are_good()
    {
        var pfx = GoodPfx();
        var r = Load(Tls(pfx, _caPem));
        Assert.True(r.Errors.Count == 0 && r.Warnings.Count == 0, string.Join(" | ", r.Errors.Concat(r.Warnings)));
        var tls = TlsOf(r);
        Assert.Equal((true, pfx, Password, _caPem, true), (tls.Enabled, tls.Certificate, tls.CertificatePassword, tls.CaCertificate, tls.RequireMutualAuthentication));
        Assert.Equal("CN=node-1", tls.CertificateSubject);
        Assert.InRange(tls.CertificateExpires!.Value, DateTimeOffset.UtcNow.AddDays(364), DateTimeOffset.UtcNow.AddDays(366));
    }

    [Fact]
    public void LoadFile_should_resolve_relative_paths_and_the_password_file_against_the_config_directory()
    {
        GoodPfx();
        _certs.Der("ca.der", _certs.Ca);
        _dir.Write("pfx.pw", Password + "\n");
        var file = _dir.Write("node.conf", Tls("node.pfx", "ca.der", "certificate-password-file = pfx.pw"));
        var r = SupervisorConfigLoader.LoadFile(file);
        Assert.True(r.Errors.Count == 0, string.Join(" | ", r.Errors));
        Assert.Equal((Path.Combine(_dir.Path, "node.pfx"), Path.Combine(_dir.Path, "ca.der"), Password),
            (TlsOf(r).Certificate, TlsOf(r).CaCertificate, TlsOf(r).CertificatePassword));
    }

    [Fact]
    public void Load_should_take_the_password_from_an_environment_variable_when_certificate_password_env_is_set()
    {
        const string name = "SUPERVISOR_TEST_TLS_PW";
        Environment.SetEnvironmentVariable(name, Password);
        try { Assert.Equal(Password, LoadValid(Tls(GoodPfx(), _caPem, $"certificate-password-env = {name}")).Tls.CertificatePassword); }
        finally { Environment.SetEnvironmentVariable(name, null); }
    }

    [Fact]
    public void Load_should_say_cannot_open_with_the_given_password_when_the_password_is_wrong()
    {
        var pfx = GoodPfx();
        var e = AssertRejected(Tls(pfx, _caPem, "certificate-password = \"not-the-one\""), "supervisor.tls.certificate");
        Assert.Equal($"cannot open \"{pfx}\" with the given password (wrong password, or not a PKCS#12 (.pfx) file)", e.Message);
        Assert.DoesNotContain("not-the-one", e.ToString());
    }

    [Fact]
    public void Load_should_report_only_the_password_file_when_it_is_missing()
    {
        AssertRejected(Tls(GoodPfx(), _caPem, $"certificate-password-file = \"{_dir.Path}/none.pw\""), "supervisor.tls.certificate-password-file", "not found");
    }

    [Fact]
    public void Load_should_refuse_two_password_sources_naming_the_certificate_keys()
    {
        var e = SingleError(Load(Tls(GoodPfx(), _caPem, $"certificate-password = x, certificate-password-env = Y")));
        Assert.Equal("supervisor.tls: set only one of certificate-password, certificate-password-file, certificate-password-env (found certificate-password, certificate-password-env)", e.ToString());
    }

    [Theory]
    [InlineData("certificate")]
    [InlineData("ca-certificate")]
    public void Load_should_name_the_key_when_a_file_is_missing_or_not_set(string key)
    {
        var pfx = GoodPfx();
        var missing = Path.Combine(_dir.Path, "missing.file");
        var notFound = SingleError(Load(key == "certificate" ? Tls(missing, _caPem) : Tls(pfx, missing)));
        Assert.Equal(($"supervisor.tls.{key}", $"file \"{missing}\" not found; fix the path (relative paths start at the config file's directory)"), (notFound.Path, notFound.Message));

        Assert.StartsWith($"missing; with tls.enabled = on set {key} = ", AssertRejected(Tls(pfx, _caPem).Replace($"\n {key} = ", "\n # "), $"supervisor.tls.{key}").Message);
    }

    [Fact]
    public void Load_should_say_the_certificate_has_no_private_key_when_the_pfx_lacks_it()
    {
        var pfx = _certs.PfxWithoutKey("nokey.pfx", _certs.Leaf(), Password);
        Assert.StartsWith($"\"{pfx}\" (CN=node-1) holds no private key", AssertRejected(Tls(pfx, _caPem), "supervisor.tls.certificate").Message);
    }

    [Fact]
    public void Load_should_explain_a_bare_pem_certificate_given_as_the_certificate()
    {
        var pem = _certs.Pem("node.crt", _certs.Leaf());
        var e = SingleError(Load(Tls(pem, _caPem)));
        Assert.Contains("it is a bare certificate (PEM or DER), not a PKCS#12 (.pfx) file", e.Message);
    }

    [Fact]
    public void Load_should_report_an_expired_certificate_as_an_error()
    {
        var pfx = _certs.Pfx("old.pfx", _certs.Leaf("CN=old", fromDays: -60, toDays: -2), Password);
        var e = AssertRejected(Tls(pfx, _caPem), "supervisor.tls.certificate");
        Assert.Matches(@"^CN=old expired on \d{4}-\d\d-\d\d \d\d:\d\d UTC; every peer refuses it", e.Message);
    }

    [Fact]
    public void Load_should_report_a_certificate_that_is_not_valid_yet_as_an_error()
    {
        var pfx = _certs.Pfx("future.pfx", _certs.Leaf("CN=future", fromDays: 5, toDays: 100), Password);
        Assert.Contains("is not valid before", SingleError(Load(Tls(pfx, _caPem))).Message);
    }

    [Fact]
    public void Load_should_warn_when_the_certificate_expires_within_30_days()
    {
        var pfx = _certs.Pfx("soon.pfx", _certs.Leaf("CN=soon", toDays: 10.5), Password);
        var r = Load(Tls(pfx, _caPem));
        Assert.Empty(r.Errors);
        var w = Assert.Single(r.Warnings);
        Assert.Equal("supervisor.tls.certificate", w.Path);
        Assert.Matches(@"^CN=soon expires on \d{4}-\d\d-\d\d \(in 10 days\); issue a new one", w.Message);
    }

    [Fact]
    public void Load_should_warn_when_the_certificate_does_not_chain_to_the_ca()
    {
        using var otherCa = TestCertificates.CreateCa("CN=Other CA");
        var pfx = _certs.Pfx("foreign.pfx", _certs.Leaf("CN=foreign", issuer: otherCa), Password);
        AssertOnlyWarning(Tls(pfx, _caPem), "supervisor.tls.certificate", "(CN=foreign) does not chain to ca-certificate (CN=Loader Test CA): not issued by the trusted CA");
    }

    [Fact]
    public void Load_should_warn_when_the_certificate_lacks_client_authentication()
    {
        var pfx = _certs.Pfx("server-only.pfx", _certs.Leaf("CN=server-only", clientAuth: false), Password);
        Assert.Contains("lacks extended key usage clientAuth", Assert.Single(Load(Tls(pfx, _caPem)).Warnings).Message);
    }

    [Fact]
    public void Load_should_report_a_ca_file_that_is_not_a_certificate()
    {
        var garbage = _dir.Write("ca.txt", "not a certificate");
        Assert.StartsWith($"cannot read \"{garbage}\" as an X.509 certificate, PEM or DER", AssertRejected(Tls(GoodPfx(), garbage), "supervisor.tls.ca-certificate").Message);
    }

    [Fact]
    public void Load_should_report_bad_switches_and_warn_about_unknown_keys_and_optional_mutual_authentication()
    {
        Assert.Equal("supervisor.tls.enabled: \"maybe\" is not on/off; write enabled = on or enabled = off",
            SingleError(Load("supervisor.tls.enabled = maybe")).ToString());
        var r = Load(Tls(GoodPfx(), _caPem, extra: "require-mutual-authentication = off\n ca-certificat = x"));
        Assert.Empty(r.Errors);
        Assert.Contains(r.Warnings, w => w.Path == "supervisor.tls.ca-certificat" && w.Message.Contains("did you mean ca-certificate?"));
        Assert.Contains(r.Warnings, w => w.Path == "supervisor.tls.require-mutual-authentication" && w.Message.StartsWith("off: a peer without a certificate may connect"));
        Assert.False(TlsOf(r).RequireMutualAuthentication);
    }

    [Fact]
    public void Password_should_never_appear_in_ToString_summary_errors_or_warnings()
    {
        var good = Load(Tls(GoodPfx(), _caPem));
        var soon = Load(Tls(_certs.Pfx("soon.pfx", _certs.Leaf(toDays: 3), Password), _caPem));
        var wrongPfx = _certs.Pfx("other-pw.pfx", _certs.Leaf(), "a-different-pw");
        var wrong = Load(Tls(wrongPfx, _caPem));
        var texts = new List<string> { good.Settings!.ToString(), good.Settings.Tls.ToString(), ConfigSummary.Format(good.Settings), soon.Settings!.ToString() };
        texts.AddRange(new[] { good, soon, wrong }.SelectMany(r => r.Errors.Concat(r.Warnings)).Select(e => e.ToString()));

        Assert.Single(wrong.Errors);
        Assert.Contains("CertificatePassword = ***", good.Settings.Tls.ToString());
        Assert.Contains("password set", ConfigSummary.Format(good.Settings));
        Assert.All(texts, t => Assert.DoesNotContain(Password, t));
    }

    [Fact]
    public void LoadTlsFile_should_read_only_the_tls_section_so_mistakes_elsewhere_do_not_stop_the_cli()
    {
        var file = _dir.Write("cli.conf", Tls(GoodPfx(), _caPem) + "\nsupervisor.devices.x { driver = nonsense }");
        var r = SupervisorConfigLoader.LoadTlsFile(file);
        Assert.True(r.Errors.Count == 0, string.Join(" | ", r.Errors));
        Assert.Equal("CN=node-1", r.Settings!.CertificateSubject);

        var none = SupervisorConfigLoader.LoadTlsFile(_dir.Write("empty.conf", "supervisor.data-dir = x"));
        Assert.Null(none.Settings);
        Assert.Contains("has no supervisor.tls section", Assert.Single(none.Errors).Message);
    }
}

/// <summary>The trust rule the handshakes use: only the configured CA, and only while the certificate is valid.</summary>
public sealed class PrivateCaTrustTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Check_should_accept_only_a_valid_certificate_signed_by_the_configured_ca()
    {
        var certs = new TestCertificates(_dir);
        using var otherCa = TestCertificates.CreateCa("CN=Other CA");
        using var good = certs.Leaf();
        using var expired = certs.Leaf("CN=old", fromDays: -60, toDays: -2);
        using var foreign = certs.Leaf("CN=foreign", issuer: otherCa);

        Assert.Null(PrivateCaTrust.Check(good, certs.Ca));
        Assert.Equal("expired or not yet valid", PrivateCaTrust.Check(expired, certs.Ca));
        Assert.Equal("not issued by the trusted CA", PrivateCaTrust.Check(foreign, certs.Ca));
        Assert.Equal("not issued by the trusted CA", PrivateCaTrust.Check(certs.Ca, otherCa));
    }
}
