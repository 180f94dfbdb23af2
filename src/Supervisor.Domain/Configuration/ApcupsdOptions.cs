namespace Supervisor.Domain.Configuration;

/// <summary>apcupsd network information server (NIS) client settings (<c>driver = apcupsd</c>).</summary>
/// <param name="Host">Host running apcupsd with <c>NETSERVER on</c> (its <c>NISIP</c> must accept us).</param>
/// <param name="Port">apcupsd <c>NISPORT</c> (3551). No secret: NIS has no authentication.</param>
public sealed record ApcupsdOptions(string Host, int Port) : DriverOptions
{
    public override string SummaryTarget() => $"{Host}:{Port}";

    public override string? ConnectsTo() => Host;
}
