namespace Supervisor.Domain.Tests.Configuration;

/// <summary>A small, valid config (two NUT UPSes, one group, local agent) to mutate in tests.</summary>
internal static class SampleSettings
{
    public static DeviceSettings Device(string id, string ups = "ups1", string? password = null) => new(
        id, "nut", TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(30),
        TriggerSettings.Defaults, new NutOptions("127.0.0.1", 3493, ups, password is null ? null : "upsmon", password));

    public static StepSettings Step(string host, string action) => new(host, action, TimeSpan.FromSeconds(60), false);

    public static PhaseSettings Phase(string name, params StepSettings[] steps) => new(name, steps);

    public static GroupSettings Group(string id, string[] members, params PhaseSettings[] phases) => new(
        id, members, 1, CountsAs.Healthy, CountsAs.Critical, null, TimeSpan.FromSeconds(60),
        new ShutdownSettings(TimeSpan.FromSeconds(60), PowerRestoredPolicy.Abort, TimeSpan.FromSeconds(5), phases));

    public static AgentSettings Agent(string host = "hv-1", params string[] actions) => new(
        host, true, "data/agent-actions.jsonl",
        (actions.Length == 0 ? ["stop-vms", "poweroff"] : actions)
            .Select(a => new AgentAction(a, ["systemctl", a], TimeSpan.FromSeconds(60))).ToList());

    public static SupervisorSettings Valid() => new(
        "data",
        [Device("ups-a"), Device("ups-b", "ups2")],
        [Group("rack-a", ["ups-a", "ups-b"],
            Phase("vms", Step("hv-1", "stop-vms")),
            Phase("local-host", Step("hv-1", "poweroff") with { Irreversible = true }))],
        Agent());

    public static SupervisorSettings WithGroup(this SupervisorSettings s, GroupSettings g) => s with { Groups = [g] };

    public static SupervisorSettings WithDevice(this SupervisorSettings s, int index, Func<DeviceSettings, DeviceSettings> change) =>
        s with { Devices = s.Devices.Select((d, i) => i == index ? change(d) : d).ToList() };

    public static SupervisorSettings WithFirstGroup(this SupervisorSettings s, Func<GroupSettings, GroupSettings> change) =>
        s with { Groups = s.Groups.Select((g, i) => i == 0 ? change(g) : g).ToList() };
}
