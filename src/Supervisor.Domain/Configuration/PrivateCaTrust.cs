using System.Security.Cryptography.X509Certificates;

namespace Supervisor.Domain.Configuration;

/// <summary>
/// The one trust rule of Supervisor's mutual TLS: a certificate is trusted when it chains to the configured
/// private CA, and to nothing else. The operating system's CA store is ignored on purpose: a certificate from a
/// public CA must not let anyone into the cluster. Used by the config loader (to warn about a node certificate
/// its own peers would refuse), by the TLS handshake of nodes and the CLI, and wherever a `tls-ca` names the one CA
/// a server must chain to (the e-mail channel, the Proxmox action).
/// </summary>
public static class PrivateCaTrust
{
    /// <summary>Null when <paramref name="certificate"/> chains to <paramref name="ca"/> and is valid now; otherwise why not.</summary>
    public static string? Check(X509Certificate2 certificate, X509Certificate2 ca)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(ca);
        // A private CA publishes no CRL or OCSP responder; revoke by rotating the CA or removing the host (docs/deployment.md).
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        // Never fetch issuers over the network (AIA): the cluster may be offline, and the CA is all we trust anyway.
        chain.ChainPolicy.DisableCertificateDownloads = true;
        if (chain.Build(certificate)) return null;
        var reasons = chain.ChainStatus.Select(s => s.Status).Where(s => s != X509ChainStatusFlags.NoError).Distinct().Select(Describe).ToList();
        return reasons.Count == 0 ? "the chain does not end at the CA" : string.Join("; ", reasons);
    }

    private static string Describe(X509ChainStatusFlags status) => status switch
    {
        X509ChainStatusFlags.UntrustedRoot or X509ChainStatusFlags.PartialChain => "not issued by the trusted CA",
        X509ChainStatusFlags.NotTimeValid => "expired or not yet valid",
        X509ChainStatusFlags.NotSignatureValid => "bad signature",
        X509ChainStatusFlags.InvalidBasicConstraints => "the issuer is not a CA",
        _ => status.ToString(),
    };
}
