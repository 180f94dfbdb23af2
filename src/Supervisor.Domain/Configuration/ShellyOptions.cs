namespace Supervisor.Domain.Configuration;

/// <summary>Which Shelly HTTP API to speak (<c>generation</c>).</summary>
public enum ShellyGeneration
{
    /// <summary>Ask <c>GET /shelly</c> once per driver start (and again after a failed poll) and use what it says.</summary>
    Auto,
    /// <summary>Gen1 REST API: <c>GET /status</c> (<c>meters[]</c> / <c>emeters[]</c>, <c>relays[]</c>).</summary>
    Gen1,
    /// <summary>Gen2 and later (Plus, Pro, Gen3, Gen4) RPC API: <c>GET /rpc/Switch.GetStatus?id=&lt;channel&gt;</c>.</summary>
    Gen2,
}

/// <summary>Shelly smart plug / relay over its local HTTP API.</summary>
/// <param name="Host">Device host name or address, without <c>http://</c>.</param>
/// <param name="Port">HTTP port (80).</param>
/// <param name="Channel">Relay / meter index on the device (0 for single-outlet plugs).</param>
/// <param name="Generation">API generation, or <see cref="ShellyGeneration.Auto"/> to detect it.</param>
/// <param name="Username">HTTP user; Gen2+ devices only know <c>admin</c>. Null with a password: the driver uses <c>admin</c>.</param>
/// <param name="Password">Resolved from <c>password</c>, <c>password-file</c> or <c>password-env</c>. Never logged.</param>
public sealed record ShellyOptions(
    string Host,
    int Port,
    int Channel,
    ShellyGeneration Generation,
    string? Username,
    Secret? Password) : DriverOptions
{
    public override string SummaryTarget() => $"{Host}:{Port} channel {Channel}" + (Password is null ? "" : " (password set)");

    public override string? ConnectsTo() => Host;

    /// <summary>Redacts the password so records can be logged safely.</summary>
    public override string ToString() =>
        $"ShellyOptions {{ Host = {Host}, Port = {Port}, Channel = {Channel}, Generation = {Generation}, " +
        $"Username = {Username ?? "-"}, Password = {(Password is null ? "-" : "***")} }}";
}
