namespace Supervisor.Domain.Tests.Groups;

/// <summary>Builds policies and drives a group machine through inputs, keeping what came out.</summary>
internal sealed class GroupDriver(GroupPolicy policy, DateTimeOffset start)
{
    public static readonly DateTimeOffset T0 = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

    public GroupMachine Machine { get; private set; } = GroupMachine.Initial(start);
    public List<GroupEvent> Events { get; } = [];
    public List<GroupEffect> Effects { get; } = [];
    public GroupPolicy Policy => policy;

    public static GroupPolicy Policy2(int minHealthy = 1, CountsAs degraded = CountsAs.Healthy, CountsAs unknown = CountsAs.Critical,
        double graceSeconds = 15, double rearmSeconds = 60) =>
        new("rack-a", ["ups-a", "ups-b"], minHealthy, degraded, unknown, TimeSpan.FromSeconds(graceSeconds), TimeSpan.FromSeconds(rearmSeconds));

    public static GroupDriver Started(GroupPolicy policy) => new(policy, T0);

    public GroupStep Feed(GroupInput input)
    {
        var step = GroupRules.Handle(Machine, input, policy);
        Machine = step.Next;
        Events.AddRange(step.Events);
        Effects.AddRange(step.Effects);
        return step;
    }

    public GroupStep Health(string id, DeviceHealth h, double atSeconds) => Feed(new MemberHealthChanged(id, h, T0.AddSeconds(atSeconds)));
    public GroupStep Tick(double atSeconds) => Feed(new GroupTick(T0.AddSeconds(atSeconds)));
    public GroupStep SagaEnded(SagaOutcome outcome, double atSeconds) =>
        Feed(new SagaFinished(Machine.ActiveSagaId!, outcome, "test", T0.AddSeconds(atSeconds)));

    public int SagasStarted => Effects.OfType<StartSaga>().Count();

    /// <summary>
    /// Runs generated inputs from <see cref="T0"/>: each op waits its delay (seconds) and makes its input from the machine
    /// and the time; <paramref name="check"/> sees (before, input, step) after every step. Shared by the property tests.
    /// </summary>
    public static void RunOps<TOp>(GroupPolicy policy, IEnumerable<TOp> ops, Func<TOp, int> delay, Func<TOp, GroupMachine, DateTimeOffset, GroupInput> input,
        Action<GroupMachine, GroupInput, GroupStep> check)
    {
        var now = T0;
        var m = GroupMachine.Initial(now);
        foreach (var op in ops)
        {
            now = now.AddSeconds(delay(op));
            var next = input(op, m, now);
            var step = GroupRules.Handle(m, next, policy);
            check(m, next, step);
            m = step.Next;
        }
    }
}
