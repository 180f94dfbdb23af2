using System.Globalization;
using Supervisor.Domain.Events;

namespace Supervisor.Domain.Alerts;

/// <summary>
/// A power event about one device (ONBATT, ONLINE, COMMBAD, VOLTAGE-LOW, …), raised by <see cref="PowerEventRules"/>
/// from the device's samples. Its id is device + kind + the sample's time, so the same sample gives the same id
/// after a replay.
/// </summary>
/// <param name="Type">Which event; <see cref="PowerEventKinds.Name"/> spells it.</param>
/// <param name="OnBattery">Whether the device was (last seen) on battery: NOCOMM on battery is critical.</param>
/// <param name="ForSeconds">How long the story lasted: on battery (ONLINE), without comms (COMMOK, NOCOMM), outside the
/// voltage band (VOLTAGE-NORMAL).</param>
/// <param name="Detail">What else a person needs: the poll error (COMMBAD), the band (VOLTAGE-…).</param>
public sealed record PowerEventRaised(
    string DeviceId,
    PowerEventKind Type,
    bool OnBattery,
    double? ChargePercent,
    double? RuntimeSeconds,
    double? LoadPercent,
    double? InputVoltage,
    double? ForSeconds,
    string? Detail,
    DateTimeOffset At) : FleetEvent(At)
{
    /// <summary>The NUT name: <c>ONBATT</c>, <c>VOLTAGE-LOW</c>, ….</summary>
    public string Name => PowerEventKinds.Name(Type);

    public override string Id => $"power-{DeviceId}@{At.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture)}:{Name}";
    public override string Kind => "power." + Name.ToLowerInvariant();
    public override EventSeverity Severity => PowerEventKinds.DefaultSeverity(Type, OnBattery);
    public override EventSubject Subject => new(SubjectKind.Device, DeviceId);

    public override string Message => Type switch
    {
        PowerEventKind.OnBattery => $"{DeviceId} on battery{With(Battery)}",
        PowerEventKind.Online => $"{DeviceId} back on line{After("on battery")}{(Charge.Length == 0 ? "" : ", " + Charge)}",
        PowerEventKind.LowBattery => $"{DeviceId} battery low{With(Battery)}",
        PowerEventKind.ForcedShutdown => $"{DeviceId} demands a forced shutdown (FSD){With(Battery)}",
        PowerEventKind.CommBad => $"{DeviceId}: poll failed: {Detail ?? "no answer"}",
        PowerEventKind.NoComm => $"{DeviceId}: no successful poll for {Duration}" +
                                 (OnBattery ? $"; last seen ON BATTERY{With(Battery)}" : ""),
        PowerEventKind.CommOk => $"{DeviceId}: communication restored{After("without data")}",
        PowerEventKind.ReplaceBattery => $"{DeviceId}: battery needs replacing (RB)",
        PowerEventKind.Overload => $"{DeviceId} overloaded{With(Load)}",
        PowerEventKind.OverloadCleared => $"{DeviceId} no longer overloaded{With(Load)}",
        PowerEventKind.Boost => $"{DeviceId} boosting a low input voltage (AVR){With(Volts)}",
        PowerEventKind.BoostEnded => $"{DeviceId} stopped boosting{With(Volts)}",
        PowerEventKind.Trim => $"{DeviceId} trimming a high input voltage (AVR){With(Volts)}",
        PowerEventKind.TrimEnded => $"{DeviceId} stopped trimming{With(Volts)}",
        PowerEventKind.VoltageLow => $"{DeviceId} input voltage low (brownout){With(Volts)}{Band}",
        PowerEventKind.VoltageHigh => $"{DeviceId} input voltage high (over-voltage){With(Volts)}{Band}",
        PowerEventKind.VoltageNormal => $"{DeviceId} input voltage normal again{After("out of band")}{With(Volts)}",
        _ => $"{DeviceId}: {Name}",
    };

    private string Battery => AlertText.Battery(ChargePercent, RuntimeSeconds, LoadPercent);
    private string Charge => ChargePercent is { } c ? $"charge {AlertText.Number(c)} %" : "";
    private string Load => LoadPercent is { } l ? $"load {AlertText.Number(l)} %" : "";
    private string Volts => InputVoltage is { } v ? $"input {AlertText.Number(v)} V" : "";
    private string Band => Detail is null ? "" : $" ({Detail})";
    private string Duration => ForSeconds is { } s ? AlertText.Duration(TimeSpan.FromSeconds(s)) : "a while";
    private string After(string what) => ForSeconds is { } s ? $" after {AlertText.Duration(TimeSpan.FromSeconds(s))} {what}" : "";
    private static string With(string numbers) => numbers.Length == 0 ? "" : ": " + numbers;
}
