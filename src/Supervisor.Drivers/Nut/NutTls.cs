using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Supervisor.Domain.Configuration;

namespace Supervisor.Drivers.Nut;

/// <summary>
/// The TLS half of NUT's <c>STARTTLS</c>: after upsd answered <c>OK STARTTLS</c> on a plain connection, a TLS client
/// handshake over that same socket, checking upsd's certificate as upsmon does with CERTVERIFY: the chain against
/// <c>tls-ca</c> (or the system store) and the name against <c>tls-server-name</c> (or the host). A refusal says which of
/// the two failed, for which device and endpoint, and which key fixes it.
/// </summary>
public static class NutTls
{
    /// <summary>The CA certificate(s) in <paramref name="path"/>: a PEM bundle or one DER certificate. Error text when unusable.</summary>
    public static (X509Certificate2Collection? Certificates, string? Error) LoadCa(string path)
    {
        try
        {
            var certificates = new X509Certificate2Collection();
            var text = File.ReadAllText(path);
            if (text.Contains("-----BEGIN CERTIFICATE-----", StringComparison.Ordinal)) certificates.ImportFromPem(text);
            else certificates.Add(X509CertificateLoader.LoadCertificateFromFile(path));
            return certificates.Count > 0 ? (certificates, null) : (null, $"\"{path}\" holds no certificate");
        }
        catch (Exception e) when (e is CryptographicException or IOException or UnauthorizedAccessException)
        {
            return (null, $"cannot read \"{path}\" as X.509 certificate(s), PEM or DER ({e.Message})");
        }
    }

    /// <summary>Runs the handshake; on failure throws a <see cref="DeviceException"/> via <paramref name="fail"/>.</summary>
    /// <param name="cfg">The device's config path, <c>supervisor.devices.&lt;id&gt;</c>, for the fix in messages.</param>
    internal static async Task<SslStream> AuthenticateAsync(Stream plain, NutTlsSettings tls, string host, string endpoint, string cfg,
        Func<string, Exception?, DeviceException> fail, CancellationToken ct)
    {
        var name = tls.ServerName ?? host;
        X509Certificate2Collection? ca = null;
        if (tls.Verify && tls.CaFile is { } caFile)
        {
            var (certificates, error) = LoadCa(caFile);
            ca = certificates ?? throw fail($"{cfg}.tls-ca: {error}; give the CA certificate that signed upsd's certificate", null);
        }
        string? refused = null;
        var ssl = new SslStream(plain, leaveInnerStreamOpen: false);
        var options = new SslClientAuthenticationOptions
        {
            TargetHost = name,
            // A private CA publishes no CRL or OCSP responder, and upsd's network may have no way out.
            CertificateRevocationCheckMode = X509RevocationMode.NoCheck,
            RemoteCertificateValidationCallback = (_, certificate, chain, errors) =>
            {
                if (!tls.Verify) return true; // tls-verify = off: warned about at config load
                refused = Refusal(certificate, chain, errors, name, tls, cfg);
                return refused is null;
            },
        };
        if (ca is not null)
        {
            options.CertificateChainPolicy = new X509ChainPolicy
            {
                TrustMode = X509ChainTrustMode.CustomRootTrust,
                RevocationMode = X509RevocationMode.NoCheck,
                DisableCertificateDownloads = true,
            };
            options.CertificateChainPolicy.CustomTrustStore.AddRange(ca);
        }
        try
        {
            await ssl.AuthenticateAsClientAsync(options, ct).ConfigureAwait(false);
            return ssl;
        }
        catch (Exception e) when (e is AuthenticationException or IOException)
        {
            await ssl.DisposeAsync().ConfigureAwait(false);
            throw fail(refused is not null
                ? $"upsd at {endpoint} {refused}"
                : $"TLS handshake with upsd at {endpoint} failed after OK STARTTLS ({e.Message}); check upsd's log and that its certificate " +
                  "and key are usable (upsd.conf CERTFILE, or CERTPATH + CERTIDENT)", e);
        }
    }

    /// <summary>Null when upsd's certificate passes; otherwise what is wrong with it and the key that fixes it.</summary>
    private static string? Refusal(X509Certificate? presented, X509Chain? chain, SslPolicyErrors errors, string name, NutTlsSettings tls, string cfg)
    {
        if (errors == SslPolicyErrors.None) return null;
        if (presented is null || errors.HasFlag(SslPolicyErrors.RemoteCertificateNotAvailable))
            return "presented no certificate after OK STARTTLS; check CERTFILE (or CERTPATH + CERTIDENT) in upsd.conf";
        using var certificate = X509CertificateLoader.LoadCertificate(presented.GetRawCertData());
        var shown = $"\"{certificate.Subject}\" (issued by \"{certificate.Issuer}\", valid until {certificate.NotAfter.ToUniversalTime():yyyy-MM-dd})";
        if (errors.HasFlag(SslPolicyErrors.RemoteCertificateChainErrors))
        {
            var why = chain?.ChainStatus.Select(s => s.Status).Where(s => s != X509ChainStatusFlags.NoError).Distinct().Select(s => Describe(s, tls)).ToList() ?? [];
            var trusted = tls.CaFile is null ? "the system's CA store (no tls-ca set)" : $"tls-ca \"{tls.CaFile}\"";
            return $"presented certificate {shown}, which is not trusted: {(why.Count == 0 ? "its chain does not end at a trusted CA" : string.Join("; ", why))} " +
                   $"(checked against {trusted}); set {cfg}.tls-ca to the CA certificate that signed upsd's certificate (or, for a self-signed one, " +
                   "to that certificate itself), or renew upsd's certificate if it expired";
        }
        var names = Names(certificate);
        return $"presented certificate {shown} for {(names.Count == 0 ? "no name in subjectAltName" : string.Join(", ", names))}, not for \"{name}\"; " +
               $"set {cfg}.tls-server-name to a name the certificate carries, or reissue upsd's certificate with \"{name}\" in its subjectAltName";
    }

    private static List<string> Names(X509Certificate2 certificate)
    {
        var san = certificate.Extensions.OfType<X509SubjectAlternativeNameExtension>().FirstOrDefault();
        if (san is null) return [];
        return san.EnumerateDnsNames().Select(n => "DNS:" + n).Concat(san.EnumerateIPAddresses().Select(a => "IP:" + a)).ToList();
    }

    private static string Describe(X509ChainStatusFlags status, NutTlsSettings tls) => status switch
    {
        X509ChainStatusFlags.UntrustedRoot or X509ChainStatusFlags.PartialChain =>
            tls.CaFile is null ? "not issued by a CA the system trusts" : "not issued by a CA in tls-ca",
        X509ChainStatusFlags.NotTimeValid => "expired or not yet valid",
        X509ChainStatusFlags.NotSignatureValid => "bad signature",
        X509ChainStatusFlags.InvalidBasicConstraints => "its issuer is not a CA",
        X509ChainStatusFlags.NotValidForUsage => "not valid for TLS servers (extended key usage)",
        _ => status.ToString(),
    };
}
