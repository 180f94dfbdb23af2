using System.Security.Cryptography.X509Certificates;
using Akka.Configuration;
using Akka.Event;
using Akka.Hosting;
using Akka.Remote.Transport.DotNetty;
using Supervisor.Configuration;

namespace Supervisor.Node.Hosting;

/// <summary>
/// Mutual TLS for Akka.Remote's DotNetty transport, shared by nodes and the CLI. HOCON alone cannot do it with a
/// private CA: Akka would validate peers against the OS store and fail. So the certificate and a custom validator
/// go in through a <see cref="DotNettySslSetup"/>, and only <c>enable-ssl</c> (which also switches every address to
/// <c>akka.ssl.tcp://</c>) is HOCON. The validator runs on both ends of every link: the accepting node checks
/// the dialer's certificate and the dialer checks the acceptor's.
/// </summary>
public static class TlsConfiguration
{
    public const string PlainScheme = "akka.tcp";
    public const string TlsScheme = "akka.ssl.tcp";

    public static string Scheme(bool tls) => tls ? TlsScheme : PlainScheme;

    /// <summary>The transport switch; always written, so an <c>enable-ssl</c> left in a user file cannot contradict supervisor.tls.</summary>
    public static Config TransportHocon(bool tls) =>
        ConfigurationFactory.ParseString($"akka.remote.dot-netty.tcp.enable-ssl = {(tls ? "on" : "off")}");

    /// <summary>supervisor.tls.enabled as written (reference default off); a malformed value reads as off here and is reported by the loader.</summary>
    public static bool IsEnabledIn(Config config) => IsOn(config, "supervisor.tls.enabled");

    /// <summary>A switch as written, off when absent or malformed (the loader reports a malformed one with its path).</summary>
    public static bool IsOn(Config config, string path)
    {
        try
        {
            return config.HasPath(path) && config.GetBoolean(path);
        }
        catch (Exception)
        {
            return false;
        }
    }

    /// <summary>Hands the node's certificate and the private-CA validator to Akka.Remote when TLS is on; nothing otherwise.</summary>
    public static AkkaConfigurationBuilder WithSupervisorTls(this AkkaConfigurationBuilder builder, TlsSettings tls) =>
        tls.Enabled ? builder.AddSetup(CreateSetup(tls)) : builder;

    /// <param name="onRefused">Also told why a peer was refused (the CLI turns it into its error message).</param>
    public static DotNettySslSetup CreateSetup(TlsSettings tls, Action<string>? onRefused = null)
    {
        // The loader already opened both files, so failures here mean they changed since (reported by the caller).
        var certificate = X509CertificateLoader.LoadPkcs12FromFile(tls.Certificate!, tls.CertificatePassword?.Reveal());
        var ca = X509CertificateLoader.LoadCertificateFromFile(tls.CaCertificate!);
        return new DotNettySslSetup(certificate, suppressValidation: false,
            requireMutualAuthentication: tls.RequireMutualAuthentication,
            // Off on purpose: nodes dial each other by IP and per-node certificates name the node, not every address;
            // identity is "signed by our CA", checked below.
            validateCertificateHostname: false,
            customValidator: PrivateCaValidator(ca, onRefused));
    }

    /// <summary>Accepts a peer only when its certificate chains to <paramref name="ca"/>; logs every refusal at WARNING with the subject.</summary>
    public static CertificateValidationCallback PrivateCaValidator(X509Certificate2 ca, Action<string>? onRefused = null) =>
        (certificate, _, peer, _, log) =>
        {
            string why;
            if (certificate is null)
                why = $"TLS: refused {peer}: it presented no certificate (mutual TLS requires one signed by \"{ca.Subject}\")";
            else if (PrivateCaTrust.Check(certificate, ca) is { } reason)
                why = $"TLS: refused {peer}: certificate \"{certificate.Subject}\" (issuer \"{certificate.Issuer}\") is not trusted: {reason}";
            else
                return true;
            log.Warning("{0}", why);
            onRefused?.Invoke(why);
            return false;
        };
}
