namespace Supervisor.Domain.Tests.Sagas;

/// <summary>Drives a saga through commands, keeping every event like the journal would.</summary>
internal sealed class SagaDriver
{
    public static readonly DateTimeOffset T0 = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

    public SagaState State { get; private set; } = SagaState.Empty("rack-a-1");
    public List<SagaEvent> Journal { get; } = [];

    public static GroupSettings Group(PowerRestoredPolicy policy = PowerRestoredPolicy.Abort, double marginSeconds = 60, params PhaseSettings[] phases) =>
        new("rack-a", ["ups-a"], 1, CountsAs.Healthy, CountsAs.Critical, null, TimeSpan.FromSeconds(60),
            new ShutdownSettings(TimeSpan.FromSeconds(marginSeconds), policy, TimeSpan.FromSeconds(5),
                phases.Length > 0 ? phases : DefaultPhases));

    public static PhaseSettings Phase(string name, params (string host, string action, double timeout, bool irreversible)[] steps) =>
        new(name, steps.Select(s => new StepSettings(s.host, s.action, TimeSpan.FromSeconds(s.timeout), s.irreversible)).ToList());

    public static readonly PhaseSettings[] DefaultPhases =
    [
        Phase("vms", ("hv-1", "stop-vms", 120, false), ("hv-2", "stop-vms", 60, false)),
        Phase("containers", ("hv-1", "stop-containers", 60, false)),
        Phase("local-host", ("hv-1", "poweroff", 30, true)),
    ];

    public IReadOnlyList<SagaEvent> Send(SagaCommand c)
    {
        var events = SagaRules.Decide(State, c);
        foreach (var e in events) State = SagaRules.Apply(State, e);
        Journal.AddRange(events);
        return events;
    }

    public IReadOnlyList<SagaEvent> Begin(GroupSettings? group = null, double? runtimeSeconds = null) =>
        Send(new BeginSaga(SagaPlan.Build("rack-a-1", group ?? Group()), runtimeSeconds is { } r ? TimeSpan.FromSeconds(r) : null, T0));

    public IReadOnlyList<SagaEvent> Tick(double s) => Send(new SagaTick(T0.AddSeconds(s)));
    public IReadOnlyList<SagaEvent> Ack(string stepId, double s, bool ok = true) => Send(new StepReported(stepId, ok, ok ? 0 : 1, ok ? "done" : "boom", T0.AddSeconds(s)));
    public IReadOnlyList<SagaEvent> AckPhase(double s) =>
        State.CurrentPhaseSteps.Where(x => x.Status == StepStatus.Dispatched).ToList().SelectMany(x => Ack(x.Step.StepId, s)).ToList();

    public string StepId(int phase, int step) => State.Plan!.Phases[phase].Steps[step].StepId;
}
