using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;
using Supervisor.Domain.Configuration;
using Supervisor.Domain.Notifications;

namespace Supervisor.Notifications.Channels;

/// <summary>
/// <c>type = email</c>: one SMTP session per notification (MailKit), STARTTLS by default and refused when the server does
/// not offer it. The Message-Id comes from the notification id, so a redelivered copy is recognisably the same mail.
/// A 5xx answer (a rejected recipient, a refused sender) or a failed login is permanent; a 4xx, a dropped connection or
/// a timeout is retried.
/// </summary>
public sealed class EmailChannel(EmailChannelSettings settings) : INotificationChannel, IDisposable
{
    private readonly ChannelDescription _channel = settings.Describe();
    private readonly X509Certificate2? _ca = settings.TlsCa is { } path ? X509CertificateLoader.LoadCertificateFromFile(path) : null;

    public string Id => settings.Id;

    public async Task<DeliveryOutcome> SendAsync(Notification notification, CancellationToken cancellationToken)
    {
        using var attempt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        attempt.CancelAfter(settings.Timeout);
        using var client = new SmtpClient { Timeout = (int)settings.Timeout.TotalMilliseconds };
        if (_ca is not null) client.ServerCertificateValidationCallback = ChainsToCa;
        try
        {
            await client.ConnectAsync(settings.Host, settings.Port, Options(settings.Security), attempt.Token).ConfigureAwait(false);
            if (settings.Username is { } user)
                await client.AuthenticateAsync(user, settings.Password?.Reveal() ?? "", attempt.Token).ConfigureAwait(false);
            await client.SendAsync(Message(notification, RenderedText.Of(notification, settings.Templates)), attempt.Token).ConfigureAwait(false);
            await client.DisconnectAsync(quit: true, attempt.Token).ConfigureAwait(false);
            return new DeliveryOutcome.Delivered();
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return DeliveryClassifier.TimedOut(_channel, settings.Timeout);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return Classify(e);
        }
    }

    private DeliveryOutcome Classify(Exception e) => e switch
    {
        SmtpCommandException { StatusCode: var code } c when (int)code >= 500 => new DeliveryOutcome.Permanent(
            $"{(int)code} from {_channel}: {Refused(c)}"),
        SmtpCommandException c => new DeliveryOutcome.RetryLater($"{(int)c.StatusCode} from {_channel}: the server deferred the mail ({Server(c)}); retrying"),
        AuthenticationException => new DeliveryOutcome.Permanent(
            $"{_channel}: the SMTP server refused the login; check the username and password ({_channel.KeyPath("username")}, {_channel.KeyPath("password")})"),
        SslHandshakeException => new DeliveryOutcome.Permanent(
            $"{_channel}: TLS handshake with {settings.Host}:{settings.Port} failed; check security (starttls on 587, tls on 465) and, " +
            $"for a private certificate, {_channel.KeyPath("tls-ca")}"),
        NotSupportedException => new DeliveryOutcome.Permanent(
            $"{_channel}: {settings.Host}:{settings.Port} offers no STARTTLS; use its TLS port with security = tls, or a relay that offers STARTTLS"),
        SocketException s => DeliveryClassifier.Unreachable(_channel, s.SocketErrorCode),
        TimeoutException => DeliveryClassifier.TimedOut(_channel, settings.Timeout),
        _ => DeliveryClassifier.Unreachable(_channel, $"{e.GetType().Name} during the SMTP session"),
    };

    private string Refused(SmtpCommandException c) => c.ErrorCode switch
    {
        SmtpErrorCode.RecipientNotAccepted =>
            $"recipient {c.Mailbox?.Address} rejected ({Server(c)}); check {_channel.KeyPath("to")}",
        SmtpErrorCode.SenderNotAccepted =>
            $"sender {c.Mailbox?.Address} refused ({Server(c)}); check {_channel.KeyPath("from")} (the server may only accept its own domain or the login's address)",
        _ => $"the server refused the mail ({Server(c)}); check the channel's settings ({_channel.ConfigPath})",
    };

    /// <summary>The server's own words, one line and bounded (it never holds what we authenticate with).</summary>
    private static string Server(SmtpCommandException c) => c.Message.ReplaceLineEndings(" ") is { Length: > 200 } m ? m[..200] + "…" : c.Message.ReplaceLineEndings(" ");

    private static SecureSocketOptions Options(SmtpSecurity security) => security switch
    {
        SmtpSecurity.Tls => SecureSocketOptions.SslOnConnect,
        SmtpSecurity.None => SecureSocketOptions.None,
        _ => SecureSocketOptions.StartTls,
    };

    /// <summary>With <c>tls-ca</c>: the server's certificate must chain to that CA (and name the host); the system store plays no part.</summary>
    private bool ChainsToCa(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        if (certificate is null || (errors & SslPolicyErrors.RemoteCertificateNameMismatch) != 0) return false;
        return PrivateCaTrust.Check(certificate as X509Certificate2 ?? X509CertificateLoader.LoadCertificate(certificate.GetRawCertData()), _ca!) is null;
    }

    /// <summary>The mail: the title is the subject, the message the plain-text body, kind and severity in X- headers for filters.</summary>
    internal MimeMessage Message(Notification n, RenderedText text)
    {
        var message = new MimeMessage { Subject = text.Title, Date = n.At, MessageId = $"{MessageIdPart(n.Id)}@supervisor" };
        message.From.Add(MailboxAddress.Parse(settings.From));
        foreach (var to in settings.To) message.To.Add(MailboxAddress.Parse(to));
        message.Headers.Add("X-Supervisor-Kind", n.Kind);
        message.Headers.Add("X-Supervisor-Severity", SeverityScales.Name(n.Severity));
        message.Body = new TextPart("plain") { Text = text.Message };
        return message;
    }

    /// <summary>A Message-Id's left part allows only atom characters; anything else in an id becomes '-'.</summary>
    private static string MessageIdPart(string id) =>
        string.Concat(id.Select(c => char.IsAsciiLetterOrDigit(c) || "!#$%&'*+-/=?^_`{|}~.".Contains(c) ? c : '-')).Trim('.');

    /// <summary>Releases the <c>tls-ca</c> certificate (each SMTP session's client is disposed after its own send).</summary>
    public void Dispose() => _ca?.Dispose();
}
