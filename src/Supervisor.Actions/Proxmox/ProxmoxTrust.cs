using Supervisor.Domain.Agents;
using Supervisor.Domain.Configuration;
using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Supervisor.Domain.Agents.Actions;

namespace Supervisor.Actions.Proxmox;

/// <summary>
/// Decides whether to trust the node's certificate — usually self-signed by the cluster's own CA — and remembers what
/// the server presented, so a refusal can print its fingerprint and the fix. Exactly one rule applies: the configured
/// <c>fingerprint</c> (the certificate itself), else <c>tls-ca</c> (a CA that signed it, and the name must match),
/// else the system's trust store.
/// </summary>
internal sealed class ProxmoxTrust(ProxmoxSpec spec)
{
    /// <summary>The SHA-256 fingerprint of the certificate the server last presented, as Proxmox shows it.</summary>
    public string? Presented { get; private set; }

    /// <summary>Why the last certificate was refused, when it was.</summary>
    public string? Refusal { get; private set; }

    public bool Validate(X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        if (certificate is null)
        {
            Refusal = "the server presented no certificate";
            return false;
        }
        var hash = SHA256.HashData(certificate.GetRawCertData());
        Presented = CertificateFingerprint.Format(hash);
        if (spec.Fingerprint is { } pinned)
            return Refuse(CertificateFingerprint.Matches(pinned, hash), $"its fingerprint is {Presented}, not the configured one");
        if (spec.TlsCa is { } caFile)
        {
            if (errors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch))
                return Refuse(false, $"it is not issued for {spec.Url.Host}");
            using var ca = X509CertificateLoader.LoadCertificateFromFile(caFile);
            using var leaf = X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
            return Refuse(PrivateCaTrust.Check(leaf, ca) is null, $"it is not signed by the CA in {caFile}");
        }
        return Refuse(errors == SslPolicyErrors.None, $"the system does not trust it ({errors})");
    }

    private bool Refuse(bool trusted, string why)
    {
        Refusal = trusted ? null : why;
        return trusted;
    }

    /// <summary>The message for a refused certificate: what was presented, and the two ways to trust it.</summary>
    public string Explain() =>
        $"TLS: the certificate of {spec.Url.GetLeftPart(UriPartial.Authority)} was refused: {Refusal ?? "the TLS handshake failed"}. " +
        (Presented is null ? "" : $"It presented SHA-256 fingerprint {Presented}. ") +
        "If that is your node's certificate (compare: node → System → Certificates, or pvenode cert info), set " +
        (Presented is null ? "fingerprint = \"AB:CD:…\"" : $"fingerprint = \"{Presented}\"") +
        ", or tls-ca = the CA file that signed it (/etc/pve/pve-root-ca.pem on the node)";
}
