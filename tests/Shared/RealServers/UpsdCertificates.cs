using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Supervisor.Tests.RealServers;

/// <summary>
/// Certificates for a TLS upsd (<see cref="UpsdServer.StartWithTlsAsync"/>), made in-process: a CA and a server
/// certificate it signs, for 127.0.0.1 and localhost by default. RSA keys, which every upsd TLS backend (OpenSSL or NSS) takes.
/// </summary>
public static class UpsdCertificates
{
    private static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;

    public static X509Certificate2 CreateCa(string commonName)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest($"CN={commonName}, O=Supervisor Test", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, true, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        return request.CreateSelfSigned(Now.AddDays(-1), Now.AddDays(30));
    }

    /// <summary>A serverAuth certificate with its private key, signed by <paramref name="ca"/>, naming <paramref name="names"/> (IPs or DNS names).</summary>
    public static X509Certificate2 IssueServer(X509Certificate2 ca, string commonName, params string[] names)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest($"CN={commonName}, O=Supervisor Test", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        var san = new SubjectAlternativeNameBuilder();
        foreach (var name in names.Length > 0 ? names : ["127.0.0.1", "localhost"])
        {
            if (System.Net.IPAddress.TryParse(name, out var ip)) san.AddIpAddress(ip);
            else san.AddDnsName(name);
        }
        request.CertificateExtensions.Add(san.Build());
        using var signed = request.Create(ca, Now.AddDays(-1), Now.AddDays(29), RandomNumberGenerator.GetBytes(12));
        return signed.CopyWithPrivateKey(key);
    }

    /// <summary>Writes the certificate (no key) as PEM and returns the path: what a client's tls-ca points at.</summary>
    public static string WritePem(X509Certificate2 certificate, string path)
    {
        File.WriteAllText(path, certificate.ExportCertificatePem());
        return path;
    }
}
