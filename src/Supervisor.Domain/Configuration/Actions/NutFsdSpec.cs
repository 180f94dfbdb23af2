namespace Supervisor.Domain.Configuration;

/// <summary>
/// <c>type = nut-fsd</c>: log into a upsd as its primary and set FSD on <paramref name="Ups"/>, so every upsmon
/// secondary of that UPS shuts its host down; then (with <paramref name="WaitForLogouts"/>) wait until they have logged
/// out. <paramref name="Password"/> is resolved through the secret references and never shown.
/// </summary>
public sealed record NutFsdSpec(string Host, int Port, string Ups, string Username, Secret? Password, bool WaitForLogouts) : ActionSpec
{
    public const int DefaultPort = 3493;

    public override string Type => "nut-fsd";

    public string Endpoint => $"{Host}:{Port}";

    public override string Describe() => $"nut-fsd {Ups}@{Endpoint} as {Username}{(WaitForLogouts ? ", waiting for the secondaries to log out" : "")}";

    public override IEnumerable<(string Key, string Problem)> Problems()
    {
        if (Host.Length == 0) yield return ("server", "missing; give the upsd to tell, e.g. server = \"nas-1.lan:3493\" (the port defaults to 3493)");
        if (Ups.Length == 0) yield return ("ups", "missing; give the UPS name on that upsd, e.g. ups = ups1 (`upsc -l HOST` lists them)");
        if (Username.Length == 0) yield return ("username", "missing; give a upsd.users user with `upsmon primary`, e.g. username = supervisor");
        if (Password is null) yield return ("password", "missing; give that user's password, e.g. password = \"env:NUT_PASSWORD\" or password-file = \"nut.pw\"");
    }
}
