using Supervisor.Domain.Events;

namespace Supervisor.Domain.Alerts;

/// <summary>
/// A power event about one device, in NUT's <c>NOTIFYFLAG</c> vocabulary (see <see cref="PowerEventKinds.Name"/>) plus
/// our voltage events. Raised by <see cref="PowerEventRules"/> from successive samples.
/// </summary>
public enum PowerEventKind
{
    /// <summary><c>ONLINE</c>: back on mains after being on battery.</summary>
    Online,
    /// <summary><c>ONBATT</c>: running from battery.</summary>
    OnBattery,
    /// <summary><c>LOWBATT</c>: the device says its battery is low (NUT <c>LB</c>).</summary>
    LowBattery,
    /// <summary><c>FSD</c>: the device (or its primary) demands a shutdown now.</summary>
    ForcedShutdown,
    /// <summary><c>COMMOK</c>: a poll succeeded after <c>COMMBAD</c> / <c>NOCOMM</c>.</summary>
    CommOk,
    /// <summary><c>COMMBAD</c>: a poll failed after a success.</summary>
    CommBad,
    /// <summary><c>NOCOMM</c>: no successful poll for the configured time (critical when last seen on battery).</summary>
    NoComm,
    /// <summary><c>REPLBATT</c>: the battery needs replacing (NUT <c>RB</c>).</summary>
    ReplaceBattery,
    /// <summary><c>OVERLOAD</c>: output overloaded (NUT <c>OVER</c>).</summary>
    Overload,
    /// <summary><c>NOTOVER</c>: the overload cleared.</summary>
    OverloadCleared,
    /// <summary><c>BOOST</c>: AVR boosting a low input voltage.</summary>
    Boost,
    /// <summary><c>NOTBOOST</c>: boosting stopped.</summary>
    BoostEnded,
    /// <summary><c>TRIM</c>: AVR trimming a high input voltage.</summary>
    Trim,
    /// <summary><c>NOTTRIM</c>: trimming stopped.</summary>
    TrimEnded,
    /// <summary><c>VOLTAGE-LOW</c>: brownout, input below nominal − <see cref="VoltageSettings.LowPercent"/>.</summary>
    VoltageLow,
    /// <summary><c>VOLTAGE-HIGH</c>: over-voltage, input above nominal + <see cref="VoltageSettings.HighPercent"/>.</summary>
    VoltageHigh,
    /// <summary><c>VOLTAGE-NORMAL</c>: input back inside the band by <see cref="VoltageSettings.ClearMarginPercent"/>.</summary>
    VoltageNormal,
}

/// <summary>Names and default severities of <see cref="PowerEventKind"/>s.</summary>
public static class PowerEventKinds
{
    /// <summary>The upper-case name as NUT (and <see cref="Notifications.Notification.Kind"/>) spells it: <c>ONBATT</c>, <c>VOLTAGE-LOW</c>.</summary>
    public static string Name(PowerEventKind kind) => kind switch
    {
        PowerEventKind.Online => "ONLINE",
        PowerEventKind.OnBattery => "ONBATT",
        PowerEventKind.LowBattery => "LOWBATT",
        PowerEventKind.ForcedShutdown => "FSD",
        PowerEventKind.CommOk => "COMMOK",
        PowerEventKind.CommBad => "COMMBAD",
        PowerEventKind.NoComm => "NOCOMM",
        PowerEventKind.ReplaceBattery => "REPLBATT",
        PowerEventKind.Overload => "OVERLOAD",
        PowerEventKind.OverloadCleared => "NOTOVER",
        PowerEventKind.Boost => "BOOST",
        PowerEventKind.BoostEnded => "NOTBOOST",
        PowerEventKind.Trim => "TRIM",
        PowerEventKind.TrimEnded => "NOTTRIM",
        PowerEventKind.VoltageLow => "VOLTAGE-LOW",
        PowerEventKind.VoltageHigh => "VOLTAGE-HIGH",
        PowerEventKind.VoltageNormal => "VOLTAGE-NORMAL",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "a power event kind without a name; add it here"),
    };

    /// <summary>
    /// ONBATT / LOWBATT / FSD and NOCOMM while on battery are critical (someone may have to act); the rest of the
    /// trouble is a warning; the events that close a story (ONLINE, COMMOK, NOT…, VOLTAGE-NORMAL) are info.
    /// </summary>
    public static EventSeverity DefaultSeverity(PowerEventKind kind, bool onBattery) => kind switch
    {
        PowerEventKind.OnBattery or PowerEventKind.LowBattery or PowerEventKind.ForcedShutdown => EventSeverity.Critical,
        PowerEventKind.NoComm => onBattery ? EventSeverity.Critical : EventSeverity.Warning,
        PowerEventKind.CommBad or PowerEventKind.ReplaceBattery or PowerEventKind.Overload or PowerEventKind.Boost
            or PowerEventKind.Trim or PowerEventKind.VoltageLow or PowerEventKind.VoltageHigh => EventSeverity.Warning,
        _ => EventSeverity.Info,
    };
}
