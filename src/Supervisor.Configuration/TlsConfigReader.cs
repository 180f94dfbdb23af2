using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Akka.Configuration.Hocon;
using Supervisor.Domain.Configuration;

namespace Supervisor.Configuration;

/// <summary>
/// Reads <c>supervisor.tls</c>. When TLS is on, the certificate files are opened here, at load time, so a wrong
/// password, a certificate without its key or an expired certificate is a config error with its HOCON path
/// (and <c>supervisor validate</c> finds it) instead of a handshake failure on some later connection.
/// No message ever contains the password.
/// </summary>
internal static class TlsConfigReader
{
    private static readonly string[] Keys =
    [
        "enabled", "certificate", "certificate-password", "certificate-password-file", "certificate-password-env",
        "ca-certificate", "require-mutual-authentication", "allow-plaintext",
    ];

    /// <summary>A certificate that expires sooner than this is a warning: time to rotate it.</summary>
    public static readonly TimeSpan ExpiryWarning = TimeSpan.FromDays(30);

    /// <param name="baseDirectory">Relative file paths are resolved against this (the config file's directory); null = working directory.</param>
    public static TlsSettings Read(HoconValue? tls, string? baseDirectory, ConfigDiagnostics diag, DateTimeOffset now)
    {
        if (tls is null) return TlsSettings.Off;
        if (!tls.IsObject())
        {
            diag.Error(ConfigPath.Tls, $"must be an object, not {HoconSection.Describe(tls)}; write e.g. tls {{ enabled = on, certificate = \"/etc/supervisor/tls/node.pfx\", … }}");
            return TlsSettings.Off;
        }

        var s = new HoconSection(ConfigPath.Tls, tls.GetObject(), diag);
        s.WarnUnknownKeys(Keys);
        var enabled = s.Bool("enabled");
        var mutual = s.Bool("require-mutual-authentication");
        // Whether plaintext is acceptable depends on the node's addresses, which the node builder checks (NetworkExposure).
        var allowPlaintext = s.Bool("allow-plaintext");
        // Off: the files are not needed, so a half-prepared section (paths for a later roll-out) is no error.
        if (!enabled) return TlsSettings.Off with { RequireMutualAuthentication = mutual, AllowPlaintext = allowPlaintext };
        if (allowPlaintext)
            diag.Warn(s.KeyPath("allow-plaintext"), "on has no effect while enabled = on (links are TLS); remove it, so turning TLS off later is not silently accepted on a network");

        var password = PasswordResolver.Resolve(s, baseDirectory, "certificate-");
        var certificate = ExistingFile(s, "certificate", baseDirectory, "\"/etc/supervisor/tls/node.pfx\" (PKCS#12: certificate and private key)");
        var ca = ExistingFile(s, "ca-certificate", baseDirectory, "\"/etc/supervisor/tls/ca.crt\" (the private CA's certificate, PEM or DER)");
        if (!mutual)
            diag.Warn(s.KeyPath("require-mutual-authentication"), "off: a peer without a certificate may connect, so anyone who reaches the port can join; keep it on outside a lab");
        var settings = new TlsSettings(true, certificate, password, ca, mutual);
        // A password source that failed is already reported; opening the file without it would only add a second error.
        var passwordFailed = password is null && Keys.Where(k => k.StartsWith("certificate-password", StringComparison.Ordinal)).Any(s.Has);
        if (certificate is null || passwordFailed) return settings;

        using var cert = OpenCertificate(s, certificate, password);
        if (cert is null) return settings;
        CheckValidity(s, cert, now);
        CheckUsage(s, cert);
        if (ca is not null && OpenCa(s, ca) is { } caCert)
        {
            using (caCert)
            {
                if (PrivateCaTrust.Check(cert, caCert) is { } why)
                    diag.Warn(s.KeyPath("certificate"), $"\"{certificate}\" ({cert.Subject}) does not chain to ca-certificate ({caCert.Subject}): {why}; every peer that trusts only that CA will refuse this node");
            }
        }
        return settings with { CertificateSubject = cert.Subject, CertificateExpires = new DateTimeOffset(cert.NotAfter.ToUniversalTime(), TimeSpan.Zero) };
    }

    private static string? ExistingFile(HoconSection s, string key, string? baseDirectory, string example) =>
        ExistingFile(s, key, baseDirectory, example, "with tls.enabled = on set");

    /// <summary>The full path of the existing file that <paramref name="key"/> names, or null after reporting it missing (with <paramref name="missingHint"/>), unusable or not found.</summary>
    internal static string? ExistingFile(HoconSection s, string key, string? baseDirectory, string example, string missingHint)
    {
        var value = s.OptionalString(key);
        s.Find(key, out var path);
        if (value is null)
        {
            s.Diag.Error(path, $"missing; {missingHint} {key} = {example}");
            return null;
        }
        if (!s.UsableFileName(value, path)) return null;
        var full = Path.GetFullPath(value, baseDirectory ?? Directory.GetCurrentDirectory());
        if (File.Exists(full)) return full;
        s.Diag.Error(path, $"file \"{full}\" not found; fix the path (relative paths start at the config file's directory)");
        return null;
    }

    /// <summary>The PKCS#12 file, or null after reporting why it cannot be used.</summary>
    private static X509Certificate2? OpenCertificate(HoconSection s, string file, Secret? password)
    {
        var key = s.KeyPath("certificate");
        X509Certificate2 cert;
        try
        {
            cert = X509CertificateLoader.LoadPkcs12FromFile(file, password?.Reveal());
        }
        catch (CryptographicException)
        {
            // The exception text says nothing the operator can act on; what they can check is the password or the format.
            s.Diag.Error(key, LooksLikePlainCertificate(file)
                ? $"cannot open \"{file}\": it is a bare certificate (PEM or DER), not a PKCS#12 (.pfx) file with its private key; bundle them with: openssl pkcs12 -export -in node.crt -inkey node.key -out node.pfx"
                : $"cannot open \"{file}\" with the given password ({(password is null ? "none set: add certificate-password-file" : "wrong password")}, or not a PKCS#12 (.pfx) file)");
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            s.Diag.Error(key, $"cannot read \"{file}\" ({e.Message}); check its permissions for the service user");
            return null;
        }
        if (cert.HasPrivateKey) return cert;
        s.Diag.Error(key, $"\"{file}\" ({cert.Subject}) holds no private key, so this node cannot prove it owns the certificate; export it with its key: openssl pkcs12 -export -in node.crt -inkey node.key -out node.pfx");
        cert.Dispose();
        return null;
    }

    private static bool LooksLikePlainCertificate(string file)
    {
        try
        {
            using var _ = X509CertificateLoader.LoadCertificateFromFile(file);
            return true;
        }
        catch (Exception)
        {
            return false;
        }
    }

    private static X509Certificate2? OpenCa(HoconSection s, string file)
    {
        try
        {
            return X509CertificateLoader.LoadCertificateFromFile(file);
        }
        catch (Exception e) when (e is CryptographicException or IOException or UnauthorizedAccessException)
        {
            s.Diag.Error(s.KeyPath("ca-certificate"), $"cannot read \"{file}\" as an X.509 certificate, PEM or DER ({e.Message}); give the CA's certificate, e.g. ca.crt");
            return null;
        }
    }

    private static void CheckValidity(HoconSection s, X509Certificate2 cert, DateTimeOffset now)
    {
        var key = s.KeyPath("certificate");
        var notAfter = new DateTimeOffset(cert.NotAfter.ToUniversalTime(), TimeSpan.Zero);
        var notBefore = new DateTimeOffset(cert.NotBefore.ToUniversalTime(), TimeSpan.Zero);
        if (notAfter <= now)
            s.Diag.Error(key, $"{cert.Subject} expired on {notAfter:yyyy-MM-dd HH:mm} UTC; every peer refuses it: issue a new certificate from the CA");
        else if (notBefore > now)
            s.Diag.Error(key, $"{cert.Subject} is not valid before {notBefore:yyyy-MM-dd HH:mm} UTC; check this host's clock, or the certificate's dates");
        else if (notAfter - now < ExpiryWarning)
            s.Diag.Warn(key, $"{cert.Subject} expires on {notAfter:yyyy-MM-dd} (in {(int)(notAfter - now).TotalDays} days); issue a new one from the CA and restart this node before then");
    }

    /// <summary>A node both accepts connections and opens them, so a certificate that limits its use must allow both.</summary>
    private static void CheckUsage(HoconSection s, X509Certificate2 cert)
    {
        var eku = cert.Extensions.OfType<X509EnhancedKeyUsageExtension>().FirstOrDefault();
        if (eku is null) return;
        var oids = eku.EnhancedKeyUsages.Cast<Oid>().Select(o => o.Value).ToHashSet();
        var missing = new[] { ("1.3.6.1.5.5.7.3.1", "serverAuth"), ("1.3.6.1.5.5.7.3.2", "clientAuth") }.Where(u => !oids.Contains(u.Item1)).Select(u => u.Item2).ToList();
        if (missing.Count > 0)
            s.Diag.Warn(s.KeyPath("certificate"), $"{cert.Subject} lacks extended key usage {string.Join(" and ", missing)}; nodes both accept and open links, so issue it with extendedKeyUsage = serverAuth, clientAuth");
    }
}
