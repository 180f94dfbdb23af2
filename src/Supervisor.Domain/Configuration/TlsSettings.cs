namespace Supervisor.Domain.Configuration;

/// <summary>
/// The <c>supervisor.tls</c> section: mutual TLS on every cluster link and on the CLI's link to a node. Every
/// node and the CLI present a certificate signed by one private CA and accept only peers whose certificate
/// chains to that CA, so a host that can merely reach the cluster port can no longer join or send steps.
/// </summary>
/// <param name="Enabled">On: addresses become <c>akka.ssl.tcp://</c> and plaintext peers are refused.</param>
/// <param name="Certificate">Full path of this node's (or the CLI's) PKCS#12 file: certificate plus private key.</param>
/// <param name="CertificatePassword">The PKCS#12 password, already resolved from <c>certificate-password</c>,
/// <c>-file</c> or <c>-env</c>. Never logged or printed; <see cref="ToString"/> redacts it.</param>
/// <param name="CaCertificate">Full path of the private CA's certificate (PEM or DER): the only trust anchor.</param>
/// <param name="RequireMutualAuthentication">On: a peer that presents no certificate is refused (the default).</param>
public sealed record TlsSettings(
    bool Enabled,
    string? Certificate,
    Secret? CertificatePassword,
    string? CaCertificate,
    bool RequireMutualAuthentication)
{
    /// <summary>TLS off: plaintext <c>akka.tcp</c> links, as before this section existed.</summary>
    public static readonly TlsSettings Off = new(false, null, null, null, true);

    /// <summary>
    /// <c>allow-plaintext</c>: the operator accepts plaintext cluster links on a network (a node whose address or seeds
    /// are not loopback otherwise refuses to start without TLS). Loud warning in <c>validate</c> and at <c>run</c>.
    /// </summary>
    public bool AllowPlaintext { get; init; }

    /// <summary>Subject of <see cref="Certificate"/> as read at load time (for the summary and the start line); null when off.</summary>
    public string? CertificateSubject { get; init; }

    /// <summary>When <see cref="Certificate"/> stops being valid, as read at load time; null when off.</summary>
    public DateTimeOffset? CertificateExpires { get; init; }

    /// <summary>Redacts the password so the settings can be logged or printed safely.</summary>
    public override string ToString() =>
        $"TlsSettings {{ Enabled = {Enabled}, Certificate = {Certificate ?? "-"}, CertificatePassword = {(CertificatePassword is null ? "-" : "***")}, " +
        $"CaCertificate = {CaCertificate ?? "-"}, RequireMutualAuthentication = {RequireMutualAuthentication}, AllowPlaintext = {AllowPlaintext}, " +
        $"CertificateSubject = {CertificateSubject ?? "-"}, CertificateExpires = {CertificateExpires?.ToString("yyyy-MM-dd") ?? "-"} }}";
}
