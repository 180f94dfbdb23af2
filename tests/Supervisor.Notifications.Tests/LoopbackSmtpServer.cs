using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using MimeKit;
using SmtpServer;
using SmtpServer.Authentication;
using SmtpServer.ComponentModel;
using SmtpServer.Mail;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace Supervisor.Notifications.Tests;

/// <summary>One mail as the SMTP server stored it, and whether its session had been upgraded to TLS.</summary>
public sealed record ReceivedMail(MimeMessage Message, IReadOnlyList<string> Recipients, bool OverTls, string? User);

/// <summary>
/// A real SMTP server (the SmtpServer package) on a free loopback port, offering STARTTLS with a self-signed
/// certificate for 127.0.0.1 when <c>tls</c> is on. Recipients at <see cref="RejectedDomain"/> are refused (550), and a
/// login succeeds only as <see cref="User"/> / <see cref="Password"/>.
/// </summary>
public sealed class LoopbackSmtpServer : IAsyncDisposable
{
    public const string RejectedDomain = "nowhere.invalid";
    public const string User = "alerts";
    public const string Password = "smtp-Pa55word";

    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentQueue<ReceivedMail> _mail = new();
    private Task _running = Task.CompletedTask;

    public int Port { get; } = Samples.ClosedPort();

    /// <summary>The server's certificate as a PEM file, for the channel's tls-ca.</summary>
    public string? CaFile { get; private set; }

    public IReadOnlyList<ReceivedMail> Received => [.. _mail];

    public static async Task<LoopbackSmtpServer> StartAsync(bool tls, string directory)
    {
        var server = new LoopbackSmtpServer();
        var certificate = tls ? SelfSigned() : null;
        if (certificate is not null)
        {
            server.CaFile = Path.Combine(directory, "smtp-ca.pem");
            await File.WriteAllTextAsync(server.CaFile, certificate.ExportCertificatePem());
        }
        var options = new SmtpServerOptionsBuilder().ServerName("127.0.0.1").Endpoint(e =>
        {
            e.Endpoint(new IPEndPoint(IPAddress.Loopback, server.Port)).IsSecure(false).AllowUnsecureAuthentication(false);
            if (certificate is not null) e.Certificate(certificate);
        }).Build();
        var services = new ServiceProvider();
        services.Add(new Store(server._mail));
        services.Add(new Recipients());
        services.Add(new Login());
        server._running = new SmtpServer.SmtpServer(options, services).StartAsync(server._stop.Token);
        await WaitUntilListening(server.Port);
        return server;
    }

    private static async Task WaitUntilListening(int port)
    {
        for (var i = 0; i < 100; i++)
        {
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(IPAddress.Loopback, port);
                return;
            }
            catch (SocketException) { await Task.Delay(50); }
        }
        throw new TimeoutException($"the SMTP server did not listen on port {port}");
    }

    private static X509Certificate2 SelfSigned()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var san = new SubjectAlternativeNameBuilder();
        san.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(san.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        using var cert = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
        // Through PKCS#12 so the private key is usable by SslStream on every platform.
        return X509CertificateLoader.LoadPkcs12(cert.Export(X509ContentType.Pkcs12), null);
    }

    private sealed class Store(ConcurrentQueue<ReceivedMail> mail) : MessageStore
    {
        public override async Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction,
            ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            using var stream = new MemoryStream(buffer.ToArray());
            var message = await MimeMessage.LoadAsync(stream, cancellationToken);
            var user = context.Authentication.IsAuthenticated ? context.Authentication.User : null;
            mail.Enqueue(new ReceivedMail(message, [.. transaction.To.Select(m => $"{m.User}@{m.Host}")], context.Pipe.IsSecure, user));
            return SmtpResponse.Ok;
        }
    }

    private sealed class Recipients : MailboxFilter
    {
        public override Task<bool> CanDeliverToAsync(ISessionContext context, IMailbox to, IMailbox from, CancellationToken cancellationToken) =>
            Task.FromResult(!string.Equals(to.Host, RejectedDomain, StringComparison.OrdinalIgnoreCase));
    }

    private sealed class Login : UserAuthenticator
    {
        public override Task<bool> AuthenticateAsync(ISessionContext context, string user, string password, CancellationToken cancellationToken) =>
            Task.FromResult(user == User && password == Password);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try { await _running; } catch (OperationCanceledException) { }
        _stop.Dispose();
    }
}
