using System.Security.Cryptography.X509Certificates;

namespace Supervisor.Tests.RealServers;

/// <summary>
/// A real upsd that offers STARTTLS. How upsd takes its certificate depends on the TLS library it was built with:
/// OpenSSL reads <c>CERTFILE</c> (one PEM file, certificate then key); NSS, which Debian's nut 2.8.0 links
/// (libnss3/libssl3, checked with ldd), reads an NSS database named by <c>CERTPATH</c> and picks the certificate and
/// the database password from <c>CERTIDENT</c>. The NSS database is made with certutil/pk12util (libnss3-tools).
/// </summary>
public sealed partial class UpsdServer
{
    private const string NssDatabasePassword = "upsd-nss-db-pw";
    private X509Certificate2? _tlsCertificate;

    /// <summary>A upsd whose STARTTLS presents <paramref name="certificateWithKey"/>: <c>using var upsd = await UpsdServer.StartWithTlsAsync(cert);</c>.</summary>
    public static async Task<UpsdServer> StartWithTlsAsync(X509Certificate2 certificateWithKey)
    {
        if (!certificateWithKey.HasPrivateKey) throw new ArgumentException("upsd needs the certificate's private key", nameof(certificateWithKey));
        var server = new UpsdServer { _tlsCertificate = certificateWithKey };
        try { await server.InitializeAsync(); return server; }
        catch { server.Dispose(); throw; }
    }

    /// <summary>"nss", "openssl", or null when this upsd links no TLS library at all (then it answers STARTTLS with ERR FEATURE-NOT-SUPPORTED).</summary>
    public static string? TlsBackend(string upsdPath = DefaultNutDir + "/upsd")
    {
        var (exit, libraries) = RunAsync("ldd", upsdPath).GetAwaiter().GetResult();
        if (exit != 0) throw new InvalidOperationException($"ldd {upsdPath} failed: {libraries}");
        if (libraries.Contains("libnss3.so", StringComparison.Ordinal)) return "nss";
        return libraries.Contains("libssl.so", StringComparison.Ordinal) ? "openssl" : null;
    }

    /// <summary>The upsd.conf lines that give upsd its certificate; empty for a plaintext-only upsd.</summary>
    private string TlsConfigLines()
    {
        if (_tlsCertificate is null) return "";
        switch (TlsBackend(_upsdPath))
        {
            case "openssl":
                var pem = Path.Combine(Directory, "upsd.pem");
                File.WriteAllText(pem, _tlsCertificate.ExportCertificatePem() + "\n" + _tlsCertificate.GetRSAPrivateKey()!.ExportPkcs8PrivateKeyPem() + "\n");
                return $"CERTFILE {pem}\n";
            case "nss":
                return $"CERTPATH {MakeNssDatabase()}\nCERTIDENT \"{NssNickname}\" \"{NssDatabasePassword}\"\n";
            default:
                throw new InvalidOperationException($"{_upsdPath} links neither OpenSSL nor NSS: this upsd build cannot do STARTTLS");
        }
    }

    private const string NssNickname = "supervisor-test-upsd";

    /// <summary>An NSS database holding the certificate and key under <see cref="NssNickname"/>.</summary>
    private string MakeNssDatabase()
    {
        if (Which("certutil") is null || Which("pk12util") is null)
            throw new InvalidOperationException("certutil/pk12util missing (package libnss3-tools): run scripts/install-test-deps.sh");
        var db = Path.Combine(Directory, "certdb");
        System.IO.Directory.CreateDirectory(db);
        var passwordFile = Path.Combine(Directory, "nss-db.pw");
        File.WriteAllText(passwordFile, NssDatabasePassword + "\n");
        const string p12Password = "upsd-p12-pw";
        var p12 = Path.Combine(Directory, "upsd.p12");
        File.WriteAllBytes(p12, _tlsCertificate!.ExportPkcs12(Pkcs12ExportPbeParameters.Pkcs12TripleDesSha1, p12Password));
        Run("certutil", "-N", "-d", $"sql:{db}", "-f", passwordFile);
        Run("pk12util", "-i", p12, "-d", $"sql:{db}", "-W", p12Password, "-k", passwordFile);
        // The PKCS#12 carries no friendly name (.NET cannot set one on Linux), so name the imported certificate ourselves.
        var (_, listing) = RunAsync("certutil", "-L", "-d", $"sql:{db}").GetAwaiter().GetResult();
        var imported = listing.Split('\n').Select(l => l.TrimEnd()).LastOrDefault(l => l.EndsWith("u,u,u", StringComparison.Ordinal))
                       ?? throw new InvalidOperationException($"pk12util imported no certificate with a key:\n{listing}");
        Run("certutil", "--rename", "-n", imported[..^"u,u,u".Length].Trim(), "--new-n", NssNickname, "-d", $"sql:{db}", "-f", passwordFile);
        File.Delete(p12);
        return db;
    }

    private static void Run(string file, params string[] args)
    {
        var (exit, output) = RunAsync(file, args).GetAwaiter().GetResult();
        if (exit != 0) throw new InvalidOperationException($"{file} {string.Join(' ', args)} failed (exit {exit}): {output}");
    }
}
