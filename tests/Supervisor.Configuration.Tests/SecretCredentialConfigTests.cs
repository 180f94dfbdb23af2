using Supervisor.Domain.Configuration;
using static Supervisor.Configuration.Tests.LoaderTestSupport;

namespace Supervisor.Configuration.Tests;

/// <summary>
/// <c>password = "credential:nut"</c>: a systemd credential, read from <c>$CREDENTIALS_DIRECTORY/nut</c>. Every test
/// that sets or clears that process-wide variable is in this one class, so xunit never runs two of them at once.
/// </summary>
public sealed class SecretCredentialConfigTests : IDisposable
{
    private const string Variable = "CREDENTIALS_DIRECTORY";
    private const string Value = "cred-Secret-77";
    private readonly TempDir _credentials = new();
    private readonly string? _before = Environment.GetEnvironmentVariable(Variable);

    public SecretCredentialConfigTests() => Environment.SetEnvironmentVariable(Variable, _credentials.Path);

    public void Dispose()
    {
        Environment.SetEnvironmentVariable(Variable, _before);
        _credentials.Dispose();
    }

    [Fact]
    public void Credential_reference_should_read_the_file_systemd_made_with_its_trailing_newline_trimmed()
    {
        _credentials.Write("nut", Value + "\n");
        var options = (NutOptions)LoadValid(NutWith("password = \"credential:nut\"")).Devices.Single().Options;
        Assert.Equal(Value, options.Password?.Reveal());
    }

    [Fact]
    public void Credential_reference_should_say_how_to_run_under_systemd_when_credentials_directory_is_not_set()
    {
        Environment.SetEnvironmentVariable(Variable, null);
        var e = AssertRejected(NutWith("password = \"credential:nut\""), "supervisor.devices.ups-a.password");
        Assert.Equal("\"credential:nut\": $CREDENTIALS_DIRECTORY is not set, so there is no systemd credential \"nut\"; " +
                     "run under systemd with LoadCredential=nut:/path/to/the/password in the service unit, or use \"file:/path\"", e.Message);
    }

    [Fact]
    public void Credential_reference_should_name_the_directory_and_loadcredential_when_the_credential_is_missing()
    {
        var e = AssertRejected(NutWith("password = \"credential:nut\""), "supervisor.devices.ups-a.password");
        Assert.Equal($"\"credential:nut\": no credential \"nut\" in $CREDENTIALS_DIRECTORY ({_credentials.Path}); " +
                     "add LoadCredential=nut:/path/to/the/password to the service unit, or fix the name", e.Message);
    }

    [Fact]
    public void Credential_reference_should_report_an_empty_credential()
    {
        var file = _credentials.Write("nut", "\n");
        Assert.Equal($"\"credential:nut\": file \"{file}\" is empty; put the password on its first line",
            SingleError(Load(NutWith("password = \"credential:nut\""))).Message);
    }

    [Theory]
    [InlineData("credential:")]
    [InlineData("credential:../nut")]
    [InlineData("credential:..")]
    public void Credential_reference_should_refuse_a_name_that_is_not_one_file_in_the_directory(string written)
    {
        AssertRejected(NutWith($"password = \"{written}\""), "supervisor.devices.ups-a.password", "is not a credential name (one word, no '/'); write e.g. password = \"credential:nut\"");
    }

    [Fact]
    public void Credential_reference_should_serve_the_connection_string_and_the_shelly_password_too()
    {
        const string connection = "Host=db;Database=s;Username=u;Password=" + Value;
        _credentials.Write("journal", connection + "\n");
        _credentials.Write("plug", Value + "\n");
        var s = LoadValid(NutWith("poll-interval = 2s") +
                          "\nsupervisor.journal { provider = postgresql, connection-string = \"credential:journal\" }" +
                          "\nsupervisor.devices.plug-a { driver = shelly, host = \"127.0.0.1\", password = \"credential:plug\" }");
        Assert.Equal(connection, s.Journal.ConnectionString?.Reveal());
        Assert.Equal(Value, ((ShellyOptions)s.Devices.Single(d => d.Id == "plug-a").Options).Password?.Reveal());
    }

    [Fact]
    public void Credential_reference_should_open_the_tls_certificate()
    {
        using var dir = new TempDir();
        var certs = new TestCertificates(dir);
        var pfx = certs.Pfx("node.pfx", certs.Leaf(), Value);
        var ca = certs.Pem("ca.crt", certs.Ca);
        _credentials.Write("node-pfx", Value + "\n");
        var tls = LoadValid($"supervisor.tls {{ enabled = on, certificate = \"{pfx}\", certificate-password = \"credential:node-pfx\", ca-certificate = \"{ca}\" }}").Tls;
        Assert.Equal(Value, tls.CertificatePassword?.Reveal());
        Assert.Equal("CN=node-1", tls.CertificateSubject);
    }
}
