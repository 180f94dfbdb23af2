namespace Supervisor.Domain.Configuration;

/// <summary>How the NUT client protects its session with upsd (<c>tls</c>).</summary>
public enum NutTlsMode
{
    /// <summary>Plaintext, like upsmon without CERTVERIFY/FORCESSL: works with every upsd as Debian ships it.</summary>
    Off,
    /// <summary><c>STARTTLS</c> first on every connection; nothing else (above all no password) is sent until TLS is up.</summary>
    StartTls,
}

/// <summary>
/// TLS to upsd, as upsmon's CERTVERIFY and CERTPATH do it: the client asks for <c>STARTTLS</c>, and checks upsd's
/// certificate against <paramref name="CaFile"/> and <paramref name="ServerName"/> unless verification is turned off.
/// </summary>
/// <param name="Mode"><c>tls = off | starttls</c>.</param>
/// <param name="CaFile"><c>tls-ca</c>: full path of the CA certificate(s), PEM or DER, that signed upsd's certificate (a
/// self-signed upsd certificate is its own CA). Null: the operating system's CA store.</param>
/// <param name="Verify"><c>tls-verify</c>: check upsd's certificate (chain and name). Off = encryption without knowing who answers.</param>
/// <param name="ServerName"><c>tls-server-name</c>: the name upsd's certificate must carry; null = the device's <c>host</c>.</param>
public sealed record NutTlsSettings(NutTlsMode Mode, string? CaFile, bool Verify, string? ServerName)
{
    public static readonly NutTlsSettings Off = new(NutTlsMode.Off, null, true, null);

    public bool Enabled => Mode == NutTlsMode.StartTls;

    /// <summary>How <c>supervisor validate</c>'s summary ends a NUT device's target; empty while TLS is off.</summary>
    public string SummaryText() =>
        !Enabled ? "" : !Verify ? ", STARTTLS (certificate NOT checked)"
            : $", STARTTLS (verified against {CaFile ?? "the system CA store"}{(ServerName is null ? "" : $", name {ServerName}")})";
}
