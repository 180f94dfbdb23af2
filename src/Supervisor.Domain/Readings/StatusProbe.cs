namespace Supervisor.Domain.Readings;

/// <summary>
/// What a status watch saw between two full polls: the device's own status flags and nothing else (NUT
/// <c>GET VAR &lt;ups&gt; ups.status</c>). Drivers build it; <see cref="Health.StatusWatch"/> decides what it means.
/// </summary>
/// <param name="Time">When the status was read (driver clock).</param>
/// <param name="RawStatus">The device's status text, e.g. NUT <c>"OB LB"</c>, apcupsd <c>"ONBATT LOWBATT"</c>.</param>
/// <param name="OnLine">Mains present, as the full reading would say it.</param>
/// <param name="OnBattery">Running from battery.</param>
/// <param name="LowBattery">The device says its battery is low.</param>
/// <param name="ForcedShutdown">The device (or its primary) demands a shutdown now.</param>
public sealed record StatusProbe(DateTimeOffset Time, string RawStatus, bool OnLine, bool OnBattery, bool LowBattery, bool ForcedShutdown)
{
    /// <summary>
    /// The whole reading, when the protocol has no request cheaper than a full one (apcupsd NIS has only
    /// <c>status</c>): then a change needs no second request. Null for NUT, whose watch reads one variable.
    /// </summary>
    public Reading? Full { get; init; }

    /// <summary>The probe as a reading's flags: the same words, so a watch and a poll are compared alike.</summary>
    public static StatusProbe Of(Reading r) => new(r.Time, r.RawStatus, r.OnLine, r.OnBattery, r.LowBattery, r.ForcedShutdown);
}
