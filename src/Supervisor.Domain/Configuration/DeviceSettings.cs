namespace Supervisor.Domain.Configuration;

/// <summary>One device under <c>supervisor.devices.&lt;id&gt;</c>.</summary>
/// <param name="Id">The key under <c>supervisor.devices</c>.</param>
/// <param name="Driver">Protocol name as written in config (<c>nut</c>, <c>simulated</c>, …).</param>
/// <param name="PollInterval">Time between polls (<c>poll-interval</c>).</param>
/// <param name="StaleAfter">No successful reading for this long makes the device UNKNOWN (<c>stale-after</c>, default 5 × poll-interval).</param>
/// <param name="Timeout">Per-poll I/O timeout (<c>timeout</c>).</param>
/// <param name="Stabilize">A device back on line is only HEALTHY after staying on line this long; flapping inside it is one event (<c>stabilize</c>).</param>
/// <param name="Triggers">When this device counts as CRITICAL (<c>triggers { … }</c>).</param>
/// <param name="Options">Driver-specific settings.</param>
public sealed record DeviceSettings(
    string Id,
    string Driver,
    TimeSpan PollInterval,
    TimeSpan StaleAfter,
    TimeSpan Timeout,
    TimeSpan Stabilize,
    TriggerSettings Triggers,
    DriverOptions Options)
{
    /// <summary>
    /// How this device's measurements say whether mains is present. Null: the device reports on-line /
    /// on-battery itself (a UPS). Plugs and meters set it (<c>warning-watts</c>…, <c>kind</c>).
    /// </summary>
    public SensingSettings? Sensing { get; init; }

    /// <summary>UNKNOWN after this many failed polls in a row, even before <see cref="StaleAfter"/> (<c>offline-after-failures</c>). Null: only stale-after counts.</summary>
    public int? OfflineAfterFailures { get; init; }

    /// <summary>Usable battery energy, Wh (<c>battery-capacity-wh</c>): lets Supervisor estimate runtime for devices that report none.</summary>
    public double? BatteryCapacityWh { get; init; }

    /// <summary>Rated output, W (<c>capacity-watts</c>); the report flags a device drawing more.</summary>
    public double? CapacityWatts { get; init; }

    /// <summary>
    /// How often the status alone is read between full polls (<c>status-interval</c>, drivers nut and apcupsd): a change
    /// is then seen within this, not within poll-interval. Null: off (or a driver that cannot).
    /// </summary>
    public TimeSpan? StatusInterval { get; init; }

    /// <summary>
    /// While on battery, one progress line in the log this often (<c>progress-interval</c>): charge, runtime, load and
    /// where each trigger fires (<see cref="Health.BatteryProgress"/>). Null: off.
    /// </summary>
    public TimeSpan? ProgressInterval { get; init; }
}

/// <summary>
/// Driver-specific part of a device's settings; one record per protocol. Each describes itself for the validator and
/// <c>supervisor validate</c>'s summary, so a new driver needs no case in a switch elsewhere. Methods, not properties:
/// a record prints its properties in ToString, and log lines must not change.
/// </summary>
public abstract record DriverOptions
{
    /// <summary>What the summary shows after the driver name: where the device is reached (never a secret, only "password set").</summary>
    public virtual string SummaryTarget() => GetType().Name;

    /// <summary>The host the driver connects to, which the validator checks (no spaces or control characters); null: none.</summary>
    public virtual string? ConnectsTo() => null;
}

/// <summary>NUT <c>upsd</c> client settings.</summary>
/// <param name="Host">upsd host name or address.</param>
/// <param name="Port">upsd TCP port (3493).</param>
/// <param name="Ups">UPS name as upsd knows it (<c>ups1</c> in <c>ups1@host</c>).</param>
/// <param name="Username">Optional upsd user (USERNAME command).</param>
/// <param name="Password">Optional password, already resolved from <c>password</c>, <c>password-file</c> or <c>password-env</c>. Never logged.</param>
public sealed record NutOptions(string Host, int Port, string Ups, string? Username, Secret? Password) : DriverOptions
{
    /// <summary>STARTTLS and certificate checks (<c>tls</c>, <c>tls-ca</c>, <c>tls-verify</c>, <c>tls-server-name</c>); off by default.</summary>
    public NutTlsSettings Tls { get; init; } = NutTlsSettings.Off;

    public override string SummaryTarget() =>
        $"{Ups}@{Host}:{Port}" + (Username is null ? "" : $" (user {Username}{(Password is null ? "" : ", password set")})") + Tls.SummaryText();

    public override string? ConnectsTo() => Host;

    /// <summary>Redacts the password so records can be logged safely.</summary>
    public override string ToString() =>
        $"NutOptions {{ Host = {Host}, Port = {Port}, Ups = {Ups}, Username = {Username ?? "-"}, Password = {(Password is null ? "-" : "***")}, Tls = {Tls} }}";
}

/// <summary>Behaviour of a simulated UPS over time (counted from when its driver starts).</summary>
public enum SimulatedProfile
{
    /// <summary>On line forever.</summary>
    Steady,
    /// <summary>Mains fails at <c>outage-at</c>; battery drains over <c>battery-runtime</c>; mains returns after <c>restore-after</c> if set.</summary>
    Outage,
    /// <summary>From <c>outage-at</c>, alternates on battery / on line every <c>flap-period</c>.</summary>
    Flapping,
    /// <summary>Like outage, but the battery drains four times slower.</summary>
    SlowDrain,
    /// <summary>On line, but every poll fails between <c>comms-loss-at</c> and <c>comms-loss-at + comms-loss-for</c>.</summary>
    CommsLoss,
}

/// <summary>Settings of the simulated driver (demo and tests).</summary>
public sealed record SimulatedOptions(
    SimulatedProfile Profile,
    TimeSpan OutageAt,
    TimeSpan? RestoreAfter,
    TimeSpan BatteryRuntime,
    TimeSpan FlapPeriod,
    TimeSpan CommsLossAt,
    TimeSpan CommsLossFor,
    double LowBatteryChargePercent,
    double LoadPercent,
    double InputVoltage,
    double PowerWatts) : DriverOptions
{
    public override string SummaryTarget() => $"profile {ConfigSummary.Kebab(Profile.ToString())}";
}
