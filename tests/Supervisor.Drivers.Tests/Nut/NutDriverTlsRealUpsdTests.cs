using System.Security.Cryptography.X509Certificates;

namespace Supervisor.Drivers.Tests.Nut;

/// <summary>A real upsd (Debian's nut 2.8.0, NSS build) offering STARTTLS with a certificate for 127.0.0.1 and localhost, signed by <see cref="Ca"/>.</summary>
public sealed class TlsUpsdFixture : IAsyncLifetime
{
    public X509Certificate2 Ca { get; } = UpsdCertificates.CreateCa("upsd Test CA");
    public X509Certificate2 OtherCa { get; } = UpsdCertificates.CreateCa("Some Other CA");
    public string Dir { get; } = Directory.CreateTempSubdirectory("supervisor-upsd-tls-").FullName;
    public UpsdServer Upsd { get; private set; } = null!;

    public string CaFile => Path.Combine(Dir, "ca.pem");
    public string OtherCaFile => Path.Combine(Dir, "other-ca.pem");

    public async Task InitializeAsync()
    {
        UpsdCertificates.WritePem(Ca, CaFile);
        UpsdCertificates.WritePem(OtherCa, OtherCaFile);
        using var server = UpsdCertificates.IssueServer(Ca, "upsd-test", "127.0.0.1", "localhost");
        Upsd = await UpsdServer.StartWithTlsAsync(server);
    }

    public async Task DisposeAsync()
    {
        if (Upsd is not null) await Upsd.DisposeAsync();
        Directory.Delete(Dir, recursive: true);
    }
}

/// <summary>
/// NUT over TLS against the real upsd: STARTTLS with the right CA reads the UPS (logged in, so the password goes over
/// TLS); another CA's or another name's certificate fails naming the device, the endpoint and the key to fix; the
/// opt-out reads anyway; and a recording relay shows the password never crosses the wire in plaintext.
/// </summary>
public sealed class NutDriverTlsRealUpsdTests(TlsUpsdFixture fixture, ITestOutputHelper output) : IClassFixture<TlsUpsdFixture>, IAsyncLifetime
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);
    private UpsdServer Upsd => fixture.Upsd;

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync()
    {
        output.WriteLine(Upsd.DrainLog());
        return Task.CompletedTask;
    }

    private NutDriver Driver(NutTlsSettings tls, int? port = null, string? user = UpsdServer.MonitorUser, string? password = UpsdServer.MonitorPassword) =>
        new("ups-tls", new NutOptions(Upsd.Host, port ?? Upsd.Port, Upsd.UpsName, user, password) { Tls = tls }, Timeout);

    private NutTlsSettings Verified(string? ca = null, string? serverName = null) => new(NutTlsMode.StartTls, ca ?? fixture.CaFile, true, serverName);

    [Fact]
    public void Upsd_should_be_a_build_with_tls_support_when_debian_ships_it()
    {
        // Recorded here so a change of build (e.g. to OpenSSL, which reads CERTFILE instead) shows up as a reason, not a mystery.
        output.WriteLine($"upsd TLS backend: {UpsdServer.TlsBackend()}");
        Assert.NotNull(UpsdServer.TlsBackend());
    }

    [Fact]
    public async Task ReadAsync_should_read_the_ups_over_starttls_when_tls_ca_is_the_ca_that_signed_upsd()
    {
        await using var driver = Driver(Verified());

        var r = await driver.ReadAsync(CancellationToken.None);

        Assert.True(r.OnLine);
        Assert.Equal(100, r.ChargePercent);
        Assert.Contains("SSL handshake done successfully", Upsd.DrainLog());
        Assert.True((await driver.ReadAsync(CancellationToken.None)).OnLine); // the TLS session is kept across polls
    }

    [Fact]
    public async Task ReadAsync_should_match_the_name_in_tls_server_name_when_it_differs_from_host()
    {
        await using var driver = Driver(Verified(serverName: "localhost"));
        Assert.True((await driver.ReadAsync(CancellationToken.None)).OnLine);
    }

    [Fact]
    public async Task ReadAsync_should_fail_naming_the_device_endpoint_and_tls_ca_when_upsds_certificate_is_from_another_ca()
    {
        await using var driver = Driver(Verified(ca: fixture.OtherCaFile));

        var message = (await DriverAssert.FailsAsync(driver, output)).Message;

        Assert.Contains($"upsd at {Upsd.Host}:{Upsd.Port} presented certificate \"CN=upsd-test, O=Supervisor Test\" (issued by \"CN=upsd Test CA, O=Supervisor Test\"", message);
        Assert.Contains($"which is not trusted: not issued by a CA in tls-ca (checked against tls-ca \"{fixture.OtherCaFile}\")", message);
        Assert.Contains("set supervisor.devices.ups-tls.tls-ca to the CA certificate that signed upsd's certificate", message);
    }

    [Fact]
    public async Task ReadAsync_should_fail_naming_tls_server_name_when_upsds_certificate_is_for_another_name()
    {
        await using var driver = Driver(Verified(serverName: "ups.example.net"));

        var message = (await DriverAssert.FailsAsync(driver, output)).Message;

        Assert.Contains($"upsd at {Upsd.Host}:{Upsd.Port} presented certificate \"CN=upsd-test, O=Supervisor Test\"", message);
        Assert.Contains("for DNS:localhost, IP:127.0.0.1, not for \"ups.example.net\"", message);
        Assert.Contains("set supervisor.devices.ups-tls.tls-server-name to a name the certificate carries", message);
    }

    [Fact]
    public async Task ReadAsync_should_still_read_over_tls_when_tls_verify_is_off_and_the_ca_is_wrong()
    {
        // The opt-out (warned about by validate, see NutTlsConfigTests): encryption without knowing who answers.
        await using var driver = Driver(new NutTlsSettings(NutTlsMode.StartTls, fixture.OtherCaFile, Verify: false, "ups.example.net"));
        Assert.True((await driver.ReadAsync(CancellationToken.None)).OnLine);
    }

    [Fact]
    public async Task Password_should_cross_the_wire_only_inside_tls_when_tls_is_starttls()
    {
        await using var relay = new RecordingTcpProxy(Upsd.Host, Upsd.Port);
        await using (var tls = Driver(Verified(), port: relay.Port))
            Assert.True((await tls.ReadAsync(CancellationToken.None)).OnLine); // logged in: LOGIN checked the password

        var sent = relay.ClientBytes;
        Assert.StartsWith("STARTTLS\n", sent);
        Assert.Equal(2, CountOf(sent, "STARTTLS\n")); // the LOGIN probe and the polling connection, each before anything else
        Assert.DoesNotContain(UpsdServer.MonitorPassword + "\n", sent);
        Assert.DoesNotContain("USERNAME", sent);
        Assert.DoesNotContain("LIST VAR", sent);

        // The same relay does see a plaintext session, password included: the check above can fail.
        await using (var plain = Driver(NutTlsSettings.Off, port: relay.Port))
            Assert.True((await plain.ReadAsync(CancellationToken.None)).OnLine);
        Assert.Contains($"PASSWORD {UpsdServer.MonitorPassword}\n", relay.ClientBytes);
    }

    private static int CountOf(string text, string part) => (text.Length - text.Replace(part, "").Length) / part.Length;
}
