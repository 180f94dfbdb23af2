using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Supervisor.Domain.Doctor;

namespace Supervisor.Node.Cli.Doctor;

/// <summary>
/// Expiry of the certificates this node presents or trusts: the cluster's (supervisor.tls: node certificate and CA)
/// and the HTTP API's (supervisor.http.tls). An expired one means peers (or browsers) refuse this node after its next
/// restart or reconnect, so it is caught here first.
/// </summary>
internal static class CertificateChecks
{
    private const string RenewCluster = "issue a new one with `supervisor certs issue` (signed by the same CA) and point supervisor.tls.certificate at it";
    private const string RenewCa = "create a new CA (`supervisor certs init`), issue every node a certificate from it, and roll them out together";
    private const string RenewHttp = "renew the certificate (and key) in supervisor.http.tls and restart the node";

    public static IReadOnlyList<DoctorCheck> Run(SupervisorSettings settings, DateTimeOffset now)
    {
        var checks = new List<DoctorCheck>();
        if (settings.Tls is { Enabled: true } tls)
        {
            checks.Add(Check("cluster TLS certificate", tls.Certificate!, now, RenewCluster,
                () => X509CertificateLoader.LoadPkcs12FromFile(tls.Certificate!, tls.CertificatePassword?.Reveal())));
            checks.Add(Check("cluster TLS CA", tls.CaCertificate!, now, RenewCa, () => X509CertificateLoader.LoadCertificateFromFile(tls.CaCertificate!)));
        }
        if (settings.Http is { Enabled: true, Tls: { } http })
            checks.Add(Check("HTTP TLS certificate", http.Certificate, now, RenewHttp, () => X509Certificate2.CreateFromPemFile(http.Certificate, http.Key)));
        if (checks.Count == 0) checks.Add(DoctorCheck.Ok("TLS certificates", "none configured (supervisor.tls and supervisor.http.tls are off)"));
        return checks;
    }

    private static DoctorCheck Check(string check, string file, DateTimeOffset now, string renew, Func<X509Certificate2> load)
    {
        try
        {
            using var certificate = load();
            return DoctorRules.CertificateExpiry(check, file, new DateTimeOffset(certificate.NotAfter.ToUniversalTime(), TimeSpan.Zero), now, renew);
        }
        catch (Exception e) when (e is CryptographicException or IOException or UnauthorizedAccessException)
        {
            return DoctorCheck.Fail(check, $"{file} cannot be read: {e.Message}", "check the path, its permissions (readable by the service user) and the password");
        }
    }
}
