using Supervisor.Domain.Events;
using Supervisor.Domain.Health;
using Supervisor.Domain.Readings;

namespace Supervisor.Domain.Alerts;

/// <param name="NoCommAfter">NOCOMM once a device has had no successful poll for this long (or its health went
/// UNKNOWN after a success). NUT's <c>NOCOMMWARNTIME</c> is 300 s; the device's <c>stale-after</c> is a good value.</param>
public sealed record PowerEventSettings(TimeSpan NoCommAfter, VoltageSettings Voltage);

/// <summary>How polling a device stands. <c>Never</c>: no sample yet.</summary>
public enum CommState { Never, Ok, Bad, Lost }

/// <summary>The status flags that raise power events, from a reading's flags and its raw NUT status words.</summary>
public sealed record PowerFlags(bool LowBattery, bool ForcedShutdown, bool ReplaceBattery, bool Overload, bool Boost, bool Trim)
{
    public static PowerFlags Of(Reading r)
    {
        var words = r.RawStatus.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(w => w.ToUpperInvariant()).ToHashSet();
        return new(r.LowBattery, r.ForcedShutdown, words.Contains("RB"), words.Contains("OVER"), words.Contains("BOOST"), words.Contains("TRIM"));
    }
}

/// <summary>
/// One device's power story, folded from its samples. A record of records, so it can be journaled.
/// </summary>
/// <param name="Flags">The last successful reading's flags; null before the first one (then only abnormal flags raise events).</param>
/// <param name="OnBatterySince">Set by ONBATT, cleared by ONLINE: the outage a person is being told about.</param>
/// <param name="LastReading">The last successful reading, for the numbers in NOCOMM.</param>
/// <param name="LastSuccess">When a poll last succeeded (or, before any, when the device was first seen).</param>
/// <param name="CommsLostSince">When the first failed poll of the current failure run came.</param>
public sealed record DevicePowerState(
    PowerFlags? Flags,
    DateTimeOffset? OnBatterySince,
    Reading? LastReading,
    CommState Comms,
    DateTimeOffset? LastSuccess,
    DateTimeOffset? CommsLostSince,
    VoltageState Voltage)
{
    public static DevicePowerState Initial { get; } = new(null, null, null, CommState.Never, null, null, VoltageState.Initial);
}

/// <summary>What one sample (or a clock check) did to a device's power story, and the events it raised, in order.</summary>
public sealed record PowerStep(DevicePowerState Next, IReadOnlyList<PowerEventRaised> Events);

/// <summary>Power events (NUT vocabulary) from successive <see cref="DeviceSampled"/> of one device. Pure.</summary>
public static class PowerEventRules
{
    /// <summary>One sample: a failed poll (COMMBAD / NOCOMM) or a reading (COMMOK, flag changes, voltage).</summary>
    public static PowerStep Decide(DevicePowerState s, DeviceSampled d, PowerEventSettings settings) =>
        d.Reading is { } r ? Succeeded(s, d.DeviceId, r, settings) : Failed(s, d, settings);

    /// <summary>The clock moved without a sample (the device actor went quiet): NOCOMM once <c>NoCommAfter</c> passed.</summary>
    public static PowerStep Check(DevicePowerState s, string deviceId, DateTimeOffset now, PowerEventSettings settings) =>
        s.Comms is CommState.Lost || s.LastSuccess is not { } last || now - last < settings.NoCommAfter
            ? new(s, [])
            : new(s with { Comms = CommState.Lost, CommsLostSince = s.CommsLostSince ?? now }, [NoComm(s, deviceId, now, now - last)]);

    private static PowerStep Failed(DevicePowerState s, DeviceSampled d, PowerEventSettings settings)
    {
        var events = new List<PowerEventRaised>();
        var lastSuccess = s.LastSuccess ?? d.At;
        var next = s with { LastSuccess = lastSuccess, CommsLostSince = s.CommsLostSince ?? d.At };
        if (s.Comms == CommState.Ok)
        {
            events.Add(Raise(s, d.DeviceId, PowerEventKind.CommBad, d.At, detail: d.PollError));
            next = next with { Comms = CommState.Bad };
        }
        var silent = d.At - lastSuccess;
        var staleAfterSuccess = d.Health == DeviceHealth.Unknown && s.Comms is CommState.Ok or CommState.Bad;
        if (next.Comms != CommState.Lost && (silent >= settings.NoCommAfter || staleAfterSuccess))
        {
            events.Add(NoComm(s, d.DeviceId, d.At, silent));
            next = next with { Comms = CommState.Lost };
        }
        else if (next.Comms == CommState.Never) next = next with { Comms = CommState.Bad };
        return new(next, events);
    }

    private static PowerEventRaised NoComm(DevicePowerState s, string deviceId, DateTimeOffset at, TimeSpan silent) =>
        Raise(s, deviceId, PowerEventKind.NoComm, at, forSeconds: silent.TotalSeconds);

    private static PowerStep Succeeded(DevicePowerState s, string deviceId, Reading r, PowerEventSettings settings)
    {
        var events = new List<PowerEventRaised>();
        var at = r.Time;
        var next = s with { LastReading = r, LastSuccess = at, Comms = CommState.Ok, CommsLostSince = null };
        void Add(PowerEventKind kind, double? forSeconds = null, string? detail = null) =>
            events.Add(Raise(next, deviceId, kind, at, forSeconds, detail));

        // After NOCOMM always; after a lone failed poll only once the device had been read (a first poll failing is no story).
        if (s.Comms == CommState.Lost || s.Comms == CommState.Bad && s.Flags is not null)
            Add(PowerEventKind.CommOk, s.CommsLostSince is { } lost ? (at - lost).TotalSeconds : null);

        if (r.OnBattery && s.OnBatterySince is null)
        {
            next = next with { OnBatterySince = at };
            Add(PowerEventKind.OnBattery);
        }
        else if (s.OnBatterySince is { } since && r.OnLine && !r.OnBattery)
        {
            next = next with { OnBatterySince = null };
            Add(PowerEventKind.Online, (at - since).TotalSeconds);
        }

        var flags = PowerFlags.Of(r);
        var was = s.Flags ?? new PowerFlags(false, false, false, false, false, false);
        next = next with { Flags = flags };
        if (flags.LowBattery && !was.LowBattery) Add(PowerEventKind.LowBattery);
        if (flags.ForcedShutdown && !was.ForcedShutdown) Add(PowerEventKind.ForcedShutdown);
        if (flags.ReplaceBattery && !was.ReplaceBattery) Add(PowerEventKind.ReplaceBattery);
        if (flags.Overload != was.Overload) Add(flags.Overload ? PowerEventKind.Overload : PowerEventKind.OverloadCleared);
        if (flags.Boost != was.Boost) Add(flags.Boost ? PowerEventKind.Boost : PowerEventKind.BoostEnded);
        if (flags.Trim != was.Trim) Add(flags.Trim ? PowerEventKind.Trim : PowerEventKind.TrimEnded);

        var (voltage, raised) = VoltageRules.Decide(s.Voltage, r.InputVoltage, r.OnLine, r.OnBattery, at, settings.Voltage);
        next = next with { Voltage = voltage };
        if (raised is { } v && voltage.NominalVolts is { } nominal)
            Add(v, v == PowerEventKind.VoltageNormal && s.Voltage.Since is { } outside ? (at - outside).TotalSeconds : null,
                VoltageRules.Describe(nominal, settings.Voltage));
        return new(next, events);
    }

    /// <summary>An event with the numbers of the state's last reading.</summary>
    private static PowerEventRaised Raise(
        DevicePowerState s, string deviceId, PowerEventKind kind, DateTimeOffset at, double? forSeconds = null, string? detail = null)
    {
        var r = s.LastReading;
        return new(deviceId, kind, s.OnBatterySince is not null, r?.ChargePercent, r?.RuntimeSeconds, r?.LoadPercent, r?.InputVoltage,
            forSeconds, detail, at);
    }
}
