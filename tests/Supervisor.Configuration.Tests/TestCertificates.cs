using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Supervisor.Configuration.Tests;

/// <summary>
/// Certificates made in-process for the supervisor.tls loader tests: a private CA and leaves with any validity
/// window (expired, expiring, not yet valid), written as .pfx / PEM / DER into a <see cref="TempDir"/>.
/// ECDSA keys: fast to make, and the loader does not care about the key type.
/// </summary>
internal sealed class TestCertificates(TempDir dir)
{
    private static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;

    public X509Certificate2 Ca { get; } = CreateCa("CN=Loader Test CA");

    public static X509Certificate2 CreateCa(string subject)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, true, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        return request.CreateSelfSigned(Now.AddDays(-400), Now.AddDays(400));
    }

    /// <summary>A leaf signed by <paramref name="issuer"/> (default: <see cref="Ca"/>), valid from now+<paramref name="fromDays"/> to now+<paramref name="toDays"/>.</summary>
    public X509Certificate2 Leaf(string subject = "CN=node-1", double fromDays = -1, double toDays = 365, X509Certificate2? issuer = null, bool clientAuth = true)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        var usages = new OidCollection { new Oid("1.3.6.1.5.5.7.3.1") };
        if (clientAuth) usages.Add(new Oid("1.3.6.1.5.5.7.3.2"));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(usages, false));
        using var signed = request.Create(issuer ?? Ca, Now.AddDays(fromDays), Now.AddDays(toDays), RandomNumberGenerator.GetBytes(8));
        return signed.CopyWithPrivateKey(key);
    }

    /// <summary>Writes <paramref name="certificate"/> with its key as PKCS#12; returns the full path.</summary>
    public string Pfx(string name, X509Certificate2 certificate, string? password) =>
        WriteBytes(name, certificate.Export(X509ContentType.Pkcs12, password));

    /// <summary>A PKCS#12 holding only the certificate, no key.</summary>
    public string PfxWithoutKey(string name, X509Certificate2 certificate, string password) =>
        WriteBytes(name, X509CertificateLoader.LoadCertificate(certificate.RawData).Export(X509ContentType.Pkcs12, password));

    public string Pem(string name, X509Certificate2 certificate) => dir.Write(name, certificate.ExportCertificatePem());

    public string Der(string name, X509Certificate2 certificate) => WriteBytes(name, certificate.RawData);

    private string WriteBytes(string name, byte[] bytes)
    {
        var path = Path.Combine(dir.Path, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }
}
