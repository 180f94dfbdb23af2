namespace Supervisor.Domain.Configuration;

/// <summary>TP-Link Kasa smart plug / power strip client settings (legacy XOR protocol on TCP 9999).</summary>
/// <param name="Host">Plug host name or address.</param>
/// <param name="Port">TCP port (9999).</param>
/// <param name="Outlet">
/// Power strips (HS300, KP303, …) only: which outlet to read, either its index counted from 0 in the order the
/// strip lists its children (written as digits, e.g. <c>2</c>) or the full child id from <c>get_sysinfo</c>.
/// Null for single plugs. Nothing here is secret, so the record's own ToString is fine for logs.
/// </param>
public sealed record KasaOptions(string Host, int Port, string? Outlet) : DriverOptions
{
    public override string SummaryTarget() => $"{Host}:{Port}" + (Outlet is null ? "" : $" outlet {Outlet}");

    public override string? ConnectsTo() => Host;
}
