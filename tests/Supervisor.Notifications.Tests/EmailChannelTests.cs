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

    /// <summary>The reason of a permanent outcome from a real server that stored no mail.</summary>
    private async Task<string> PermanentReason(bool tls, Func<LoopbackSmtpServer, EmailChannel> channel)
    {
        await using var server = await LoopbackSmtpServer.StartAsync(tls, _dir);
        var outcome = await channel(server).SendAsync(Samples.OnBattery(), CancellationToken.None);
        Assert.Empty(server.Received);
        return Assert.IsType<DeliveryOutcome.Permanent>(outcome).Reason;
    }

    [Fact]
    public async Task A_rejected_recipient_is_permanent_and_names_the_to_key()
    {
        var reason = await PermanentReason(tls: true, server => Channel(server, to: [$"ghost@{LoopbackSmtpServer.RejectedDomain}"]));

        Assert.StartsWith("550 from email channel 'mail': recipient ghost@nowhere.invalid rejected", reason);
        Assert.Contains("supervisor.notifications.channels.mail.to", reason);
    }

    [Fact]
    public async Task A_refused_login_is_permanent_and_never_shows_the_password()
    {
        var reason = await PermanentReason(tls: true, server => Channel(server, user: LoopbackSmtpServer.User, password: "wrong-Secret-pw"));

        Assert.Contains("refused the login; check the username and password", reason);
        Assert.DoesNotContain("wrong-Secret-pw", reason);
    }

    [Fact]
    public async Task A_server_without_starttls_is_refused_rather_than_sent_in_clear() =>
        Assert.Contains("offers no STARTTLS", await PermanentReason(tls: false, server => Channel(server)));

    [Fact]
    public async Task An_untrusted_certificate_is_permanent_and_points_at_tls_ca()
    {
        var reason = await PermanentReason(tls: true, server => Channel(server, trustCa: false));

        Assert.Contains("TLS handshake", reason);
        Assert.Contains("supervisor.notifications.channels.mail.tls-ca", reason);
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
