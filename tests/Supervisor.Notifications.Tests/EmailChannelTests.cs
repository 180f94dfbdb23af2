namespace Supervisor.Notifications.Tests;

/// <summary>The e-mail channel against a real SMTP server on loopback, over STARTTLS with a self-signed certificate.</summary>
public sealed class EmailChannelTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("supervisor-smtp-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static EmailChannel Channel(LoopbackSmtpServer server, string[]? to = null, string? user = null, string? password = null,
        SmtpSecurity security = SmtpSecurity.StartTls, bool trustCa = true, MessageTemplates? templates = null) =>
        new(new EmailChannelSettings("mail", TimeSpan.FromSeconds(10), templates ?? MessageTemplates.None, "127.0.0.1", server.Port, security,
            trustCa ? server.CaFile : null, "supervisor@example.net", to ?? ["ops@example.net", "oncall@example.net"], user, password));

    [Fact]
    public async Task Delivers_over_starttls_with_subject_recipients_headers_and_body()
    {
        await using var server = await LoopbackSmtpServer.StartAsync(tls: true, _dir);
        var channel = Channel(server, user: LoopbackSmtpServer.User, password: LoopbackSmtpServer.Password,
            templates: new("[{severity}] {title}", null));

        var outcome = await channel.SendAsync(Samples.OnBattery(), CancellationToken.None);

        Assert.IsType<DeliveryOutcome.Delivered>(outcome);
        var mail = Assert.Single(server.Received);
        Assert.True(mail.OverTls, "the session should have been upgraded with STARTTLS");
        Assert.Equal(LoopbackSmtpServer.User, mail.User);
        Assert.Equal(["ops@example.net", "oncall@example.net"], mail.Recipients);
        Assert.Equal("[critical] ups-a on battery", mail.Message.Subject);
        Assert.Equal("supervisor@example.net", mail.Message.From.Mailboxes.Single().Address);
        Assert.Equal("n-0001@supervisor", mail.Message.MessageId);
        Assert.Equal("ONBATT", mail.Message.Headers["X-Supervisor-Kind"]);
        Assert.Equal("critical", mail.Message.Headers["X-Supervisor-Severity"]);
        Assert.Equal(Samples.OnBattery().Message, mail.Message.TextBody?.Trim());
    }

    [Fact]
    public async Task A_rejected_recipient_is_permanent_and_names_the_to_key()
    {
        await using var server = await LoopbackSmtpServer.StartAsync(tls: true, _dir);
        var channel = Channel(server, to: [$"ghost@{LoopbackSmtpServer.RejectedDomain}"]);

        var permanent = Assert.IsType<DeliveryOutcome.Permanent>(await channel.SendAsync(Samples.OnBattery(), CancellationToken.None));

        Assert.StartsWith("550 from email channel 'mail': recipient ghost@nowhere.invalid rejected", permanent.Reason);
        Assert.Contains("supervisor.notifications.channels.mail.to", permanent.Reason);
        Assert.Empty(server.Received);
    }

    [Fact]
    public async Task A_refused_login_is_permanent_and_never_shows_the_password()
    {
        await using var server = await LoopbackSmtpServer.StartAsync(tls: true, _dir);
        var channel = Channel(server, user: LoopbackSmtpServer.User, password: "wrong-Secret-pw");

        var permanent = Assert.IsType<DeliveryOutcome.Permanent>(await channel.SendAsync(Samples.OnBattery(), CancellationToken.None));

        Assert.Contains("refused the login; check the username and password", permanent.Reason);
        Assert.DoesNotContain("wrong-Secret-pw", permanent.Reason);
    }

    [Fact]
    public async Task A_server_without_starttls_is_refused_rather_than_sent_in_clear()
    {
        await using var server = await LoopbackSmtpServer.StartAsync(tls: false, _dir);
        var channel = Channel(server);

        var permanent = Assert.IsType<DeliveryOutcome.Permanent>(await channel.SendAsync(Samples.OnBattery(), CancellationToken.None));

        Assert.Contains("offers no STARTTLS", permanent.Reason);
        Assert.Empty(server.Received);
    }

    [Fact]
    public async Task An_untrusted_certificate_is_permanent_and_points_at_tls_ca()
    {
        await using var server = await LoopbackSmtpServer.StartAsync(tls: true, _dir);
        var channel = Channel(server, trustCa: false);

        var permanent = Assert.IsType<DeliveryOutcome.Permanent>(await channel.SendAsync(Samples.OnBattery(), CancellationToken.None));

        Assert.Contains("TLS handshake", permanent.Reason);
        Assert.Contains("supervisor.notifications.channels.mail.tls-ca", permanent.Reason);
        Assert.Empty(server.Received);
    }

    [Fact]
    public async Task A_closed_port_is_retry_later()
    {
        var settings = new EmailChannelSettings("mail", TimeSpan.FromSeconds(5), MessageTemplates.None, "127.0.0.1", Samples.ClosedPort(),
            SmtpSecurity.StartTls, null, "supervisor@example.net", ["ops@example.net"], null, null);

        var retry = Assert.IsType<DeliveryOutcome.RetryLater>(await new EmailChannel(settings).SendAsync(Samples.OnBattery(), CancellationToken.None));

        Assert.Contains("email channel 'mail' unreachable", retry.Reason);
    }
}
