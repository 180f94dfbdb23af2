using System.Globalization;
using Supervisor.Domain.Groups;

namespace Supervisor.Domain.Nut;

/// <summary>One UPS as the NUT facade serves it: its name, its <c>LIST UPS</c> description, and its variables in order.</summary>
public sealed record VirtualUps(string Name, string Description, IReadOnlyList<KeyValuePair<string, string>> Vars)
{
    /// <summary>The variable's value; names match case-insensitively, as upsd's do.</summary>
    public string? Var(string name) => Vars.FirstOrDefault(v => string.Equals(v.Key, name, StringComparison.OrdinalIgnoreCase)).Value;
}

/// <summary>
/// Turns the facade's snapshot into virtual UPSes (docs/nut-server.md says what each variable means). A group is
/// <c>OB</c> once so many members are on battery that fewer than <c>min-healthy</c> are still on mains; <c>LB</c> when it is
/// OB and an on-battery member says its battery is low; <c>FSD</c> from the moment its saga starts until it re-arms.
/// Its charge and runtime are the weakest member's (the group's own runtime estimate first): when that member dies, the
/// redundancy is gone, so a client that shuts down on it errs on the safe side.
/// </summary>
public static class VirtualUpsBuilder
{
    /// <summary>Groups first, in config order, then (when exposed) devices; a device named like a group is left out.</summary>
    public static IReadOnlyList<VirtualUps> Build(NutFleetState state, IReadOnlyList<string> groupOrder, IReadOnlyList<string> deviceOrder, bool exposeDevices)
    {
        var list = new List<VirtualUps>();
        foreach (var id in groupOrder)
            if (state.Groups.TryGetValue(id, out var g)) list.Add(Group(g, state));
        if (!exposeDevices) return list;
        foreach (var id in deviceOrder)
            if (state.Devices.TryGetValue(id, out var d) && !state.Groups.ContainsKey(id)) list.Add(Device(d, state.ClientFsd.Contains(id)));
        return list;
    }

    /// <summary>The group states in which its saga has started and it has not re-armed yet.</summary>
    public static bool SagaStarted(GroupState? s) => s is GroupState.QuorumLost or GroupState.ShutdownComplete or GroupState.Aborted;

    public static VirtualUps Group(NutGroupFacts g, NutFleetState state)
    {
        var members = g.Members.Select(m => state.Devices.GetValueOrDefault(m)).OfType<NutDeviceFacts>().ToList();
        var onBattery = members.Count(m => m.OnBattery == true);
        var onMains = members.Count(m => m.OnBattery == false);
        var ob = onBattery > 0 && onMains < g.MinHealthy;
        var lb = ob && members.Any(m => m.OnBattery == true && m.LowBattery);
        var fsd = SagaStarted(g.State) || state.ClientFsd.Contains(g.Id);
        var charge = Min(members.Select(m => m.ChargePercent));
        var runtime = g.RuntimeSeconds ?? Min(members.Select(m => m.RuntimeSeconds));
        var vars = new List<KeyValuePair<string, string>>();
        Add(vars, "battery.charge", charge);
        Add(vars, "battery.runtime", runtime, whole: true);
        Add(vars, "device.mfr", "Supervisor");
        Add(vars, "device.model", $"Redundancy group {g.Id}");
        Add(vars, "device.type", "ups");
        Add(vars, "driver.name", "supervisor-group");
        Add(vars, "supervisor.group.healthy", g.Healthy);
        Add(vars, "supervisor.group.members", string.Join(' ', g.Members));
        Add(vars, "supervisor.group.min-healthy", g.MinHealthy);
        Add(vars, "supervisor.group.state", g.State?.ToString().ToUpperInvariant() ?? "UNKNOWN");
        Add(vars, "ups.mfr", "Supervisor");
        Add(vars, "ups.model", $"Redundancy group {g.Id}");
        Add(vars, "ups.status", Status(fsd, ob, lb));
        return new VirtualUps(g.Id, $"Supervisor group {g.Id} ({g.Members.Count} member{(g.Members.Count == 1 ? "" : "s")}, needs {g.MinHealthy} healthy)", vars);
    }

    public static VirtualUps Device(NutDeviceFacts d, bool clientFsd)
    {
        var ob = d.OnBattery == true;
        var vars = new List<KeyValuePair<string, string>>();
        Add(vars, "battery.charge", d.ChargePercent);
        Add(vars, "battery.runtime", d.RuntimeSeconds, whole: true);
        Add(vars, "device.mfr", "Supervisor");
        Add(vars, "device.model", $"{d.Driver} device {d.Id}");
        Add(vars, "device.type", "ups");
        Add(vars, "driver.name", "supervisor-" + d.Driver);
        Add(vars, "input.voltage", d.InputVoltage);
        Add(vars, "supervisor.device.health", d.Health ?? "UNKNOWN");
        Add(vars, "ups.load", d.LoadPercent);
        Add(vars, "ups.mfr", "Supervisor");
        Add(vars, "ups.model", $"{d.Driver} device {d.Id}");
        Add(vars, "ups.realpower", d.PowerWatts);
        // Not read yet (or the last poll failed): no OL/OB to claim, so the status says so instead of guessing mains.
        Add(vars, "ups.status", d.OnBattery is null && !clientFsd && !d.ForcedShutdown ? "WAIT" : Status(d.ForcedShutdown || clientFsd, ob, ob && d.LowBattery));
        return new VirtualUps(d.Id, $"Supervisor device {d.Id} ({d.Driver})", vars);
    }

    /// <summary>NUT's order: FSD first, then OL or OB, then LB.</summary>
    private static string Status(bool fsd, bool ob, bool lb) =>
        string.Join(' ', new[] { fsd ? "FSD" : null, ob ? "OB" : "OL", lb ? "LB" : null }.OfType<string>());

    private static double? Min(IEnumerable<double?> values) => values.OfType<double>().Select(v => (double?)v).DefaultIfEmpty(null).Min();

    private static void Add(List<KeyValuePair<string, string>> vars, string name, string value) => vars.Add(new(name, value));

    private static void Add(List<KeyValuePair<string, string>> vars, string name, int? value)
    {
        if (value is { } v) vars.Add(new(name, v.ToString(CultureInfo.InvariantCulture)));
    }

    private static void Add(List<KeyValuePair<string, string>> vars, string name, double? value, bool whole = false)
    {
        if (value is { } v && double.IsFinite(v)) vars.Add(new(name, Math.Round(v, whole ? 0 : 1).ToString(whole ? "0" : "0.#", CultureInfo.InvariantCulture)));
    }
}
