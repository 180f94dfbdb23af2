using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using Supervisor.Configuration;

namespace Supervisor.Node.Cli.Inspection;

/// <summary>
/// Before the CLI starts Akka on a TLS link, it does one TLS handshake of its own with the node, with the same
/// certificate and trust rule. Akka would only drop a refused link and let the ask time out; this says within a
/// second or two which side refused what. It also replaces the plain TCP probe, which a TLS node logs as a
/// failed handshake on every CLI call.
/// </summary>
internal static class TlsProbe
{
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(3);

    /// <summary>With TLS 1.3 the node checks the client's certificate after the handshake and answers a refusal with an alert.</summary>
    private static readonly TimeSpan AlertWait = TimeSpan.FromMilliseconds(700);

    public static async Task CheckAsync(string host, int port, string address, TlsSettings tls)
    {
        using var tcp = new TcpClient();
        using var cts = new CancellationTokenSource(ConnectTimeout);
        try
        {
            await tcp.ConnectAsync(host, port, cts.Token);
        }
        catch (Exception e)
        {
            var why = e is OperationCanceledException ? "no answer within 3s" : e.Message;
            throw new InspectorUnavailableException($"cannot reach {address} ({why}): is a Supervisor node running there? Pass --node host:port of a running node.");
        }

        using var certificate = X509CertificateLoader.LoadPkcs12FromFile(tls.Certificate!, tls.CertificatePassword?.Reveal());
        using var ca = X509CertificateLoader.LoadCertificateFromFile(tls.CaCertificate!);
        string? refusedHere = null;
        await using var ssl = new SslStream(tcp.GetStream(), leaveInnerStreamOpen: false);
        var options = new SslClientAuthenticationOptions
        {
            TargetHost = host,
            ClientCertificates = [certificate],
            CertificateRevocationCheckMode = X509RevocationMode.NoCheck,
            RemoteCertificateValidationCallback = (_, peer, _, _) =>
            {
                using var node = peer is null ? null : X509CertificateLoader.LoadCertificate(peer.GetRawCertData());
                refusedHere = node is null ? "it presented no certificate" : PrivateCaTrust.Check(node, ca) is { } why ? $"its certificate \"{node.Subject}\" is not trusted: {why}" : null;
                return refusedHere is null;
            },
        };
        try
        {
            await ssl.AuthenticateAsClientAsync(options, cts.Token);
        }
        catch (Exception e) when (e is AuthenticationException or IOException or OperationCanceledException)
        {
            if (refusedHere is not null)
                throw new InspectorUnavailableException($"this CLI does not trust {address}: {refusedHere}. Is --tls-config's ca-certificate ({tls.CaCertificate}) the cluster's CA?");
            if (await NonAkkaProbe.AnswerAsync(host, port) is { } stranger)
                throw new InspectorUnavailableException(NonAkkaProbe.Message(address, stranger));
            throw new InspectorUnavailableException(
                $"TLS handshake with {address} failed ({(e is OperationCanceledException ? "no TLS answer within 3s" : e.Message)}): either the node does not run TLS " +
                $"(supervisor.tls.enabled = off there: drop --tls-config) or it refused this CLI's certificate ({tls.CertificateSubject}; its log says \"TLS: refused …\")");
        }
        if (await RefusedAfterHandshakeAsync(ssl))
            throw new InspectorUnavailableException(
                $"{address} refused this CLI's certificate ({tls.CertificateSubject}; the node logs \"TLS: refused …\" with that subject). " +
                "The CLI needs a certificate signed by the cluster's CA: check --tls-config's certificate");
    }

    /// <summary>A short read: an accepted client hears nothing (the node waits for Akka's handshake), a refused one gets an alert or EOF.</summary>
    private static async Task<bool> RefusedAfterHandshakeAsync(SslStream ssl)
    {
        using var wait = new CancellationTokenSource(AlertWait);
        try
        {
            return await ssl.ReadAsync(new byte[1], wait.Token) == 0;
        }
        catch (OperationCanceledException)
        {
            return false; // silence: the node accepted this certificate
        }
        catch (Exception e) when (e is AuthenticationException or IOException)
        {
            return true;
        }
    }
}
