using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Supervisor.Node.Cli.Certs;

/// <summary>A certificate this CA issued, with the password its PKCS#12 is sealed with.</summary>
public sealed record IssuedCertificate(byte[] Pkcs12, string Password, string Subject, IReadOnlyList<string> Names, DateTimeOffset NotAfter);

/// <summary>
/// The private CA behind <c>supervisor certs</c>, made with .NET's own CertificateRequest (no openssl needed). It
/// follows what Supervisor's mutual TLS checks (<see cref="Supervisor.Domain.Configuration.PrivateCaTrust"/>): every
/// node and CLI certificate is signed directly by this CA and carries both serverAuth and clientAuth, because a node
/// both accepts links and opens them. ECDSA P-256 keys: small, fast to handshake, and accepted by every TLS stack
/// the cluster uses.
/// </summary>
public static class PrivateCertificateAuthority
{
    public static readonly TimeSpan CaValidity = TimeSpan.FromDays(3650);

    /// <summary>397 days: the longest lifetime browsers accept, and a yearly rotation with a month to spare.</summary>
    public const int DefaultLeafDays = 397;

    /// <summary>Clocks of the hosts differ a little; a certificate that is "not valid yet" on a peer would be refused.</summary>
    private static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);

    private static readonly Oid ServerAuth = new("1.3.6.1.5.5.7.3.1", "serverAuth");
    private static readonly Oid ClientAuth = new("1.3.6.1.5.5.7.3.2", "clientAuth");

    /// <summary>A self-signed CA certificate (PEM) and its private key (PKCS#8 PEM, unencrypted: the caller keeps it 0600).</summary>
    public static (string CertificatePem, string KeyPem, string Subject) CreateCa(string commonName, DateTimeOffset now)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var subject = new X500DistinguishedNameBuilder();
        // CN first, so .NET shows "CN=…, O=Supervisor" like the certificates of make-test-certs.sh and the messages quoting them.
        subject.AddCommonName(commonName);
        subject.AddOrganizationName("Supervisor");
        var request = new CertificateRequest(subject.Build(), key, HashAlgorithmName.SHA256);
        // pathLength 0: this CA signs node certificates only, never another CA.
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, true, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        using var ca = request.CreateSelfSigned(now - ClockSkew, now + CaValidity);
        return (ca.ExportCertificatePem(), key.ExportPkcs8PrivateKeyPem(), ca.Subject);
    }

    /// <summary>
    /// A certificate for <paramref name="name"/> (a node or an operator's CLI), signed by <paramref name="ca"/>, which
    /// must hold its private key. Its subject alternative names are the name itself and every <paramref name="sans"/>
    /// entry (an IP address or a DNS name); Supervisor identifies peers by the CA, but other tools check names.
    /// </summary>
    public static IssuedCertificate Issue(X509Certificate2 ca, string name, IReadOnlyList<string> sans, int days, DateTimeOffset now)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var subject = new X500DistinguishedNameBuilder();
        // CN first, so .NET shows "CN=…, O=Supervisor" like the certificates of make-test-certs.sh and the messages quoting them.
        subject.AddCommonName(name);
        subject.AddOrganizationName("Supervisor");
        var request = new CertificateRequest(subject.Build(), key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([ServerAuth, ClientAuth], false));
        var names = new List<string>();
        var san = new SubjectAlternativeNameBuilder();
        foreach (var entry in sans.Prepend(name).Distinct(StringComparer.OrdinalIgnoreCase))
        {
            if (IPAddress.TryParse(entry, out var ip)) { san.AddIpAddress(ip); names.Add("IP:" + ip); }
            else { san.AddDnsName(entry); names.Add("DNS:" + entry); }
        }
        request.CertificateExtensions.Add(san.Build());
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(ca, includeKeyIdentifier: true, includeIssuerAndSerial: false));

        // A certificate cannot outlive the CA that vouches for it: every peer would refuse it from that day on.
        var caNotAfter = new DateTimeOffset(ca.NotAfter.ToUniversalTime(), TimeSpan.Zero);
        var notAfter = now.AddDays(days) < caNotAfter ? now.AddDays(days) : caNotAfter;
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7F; // a positive serial number, as RFC 5280 asks
        using var signed = request.Create(ca, now - ClockSkew, notAfter, serial);
        using var withKey = signed.CopyWithPrivateKey(key);
        var password = Convert.ToBase64String(RandomNumberGenerator.GetBytes(24));
        var pkcs12 = withKey.ExportPkcs12(Pkcs12ExportPbeParameters.Pbes2Aes256Sha256, password);
        return new IssuedCertificate(pkcs12, password, withKey.Subject, names, notAfter);
    }

    /// <summary>
    /// A name usable as a file name, a certificate CN and a DNS name: letters, digits, '.', '-', starting with a letter
    /// or digit. Null when fine, else why not.
    /// </summary>
    public static string? CheckName(string name, string what)
    {
        if (name.Length is 0 or > 63) return $"{what} \"{name}\" must be 1 to 63 characters";
        if (!char.IsAsciiLetterOrDigit(name[0]) || !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-') || name.Contains("..") || name.EndsWith('.'))
            return $"{what} \"{name}\" may hold only letters, digits, '.' and '-', and must start with a letter or digit (e.g. hv-1, ops-alice)";
        return null;
    }

    /// <summary>An IP address, or a DNS name of letters, digits, '.', '-' (and a leading "*." wildcard); null when fine.</summary>
    public static string? CheckSan(string san)
    {
        if (IPAddress.TryParse(san, out _)) return null;
        var dns = san.StartsWith("*.", StringComparison.Ordinal) ? san[2..] : san;
        if (dns.Length is > 0 and <= 253 && dns.Split('.').All(l => l.Length is > 0 and <= 63 && l.All(c => char.IsAsciiLetterOrDigit(c) || c == '-')))
            return null;
        return $"--san \"{san}\" is neither an IP address nor a DNS name (e.g. 10.0.0.1, hv-1.example.net)";
    }
}
