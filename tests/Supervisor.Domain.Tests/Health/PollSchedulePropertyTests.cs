using static Supervisor.Domain.Tests.Health.HealthTestData;

namespace Supervisor.Domain.Tests.Health;

/// <summary>
/// Issue 9, rule 1: "a device is judged stale only if the server really was unreachable for stale-after", with the
/// poll schedule deciding every delay. A simulated server goes down and up; the device is polled exactly as the
/// device actor polls it (next poll = end of the last one + <see cref="PollSchedule"/>'s delay) and its health is
/// folded with the real <see cref="DeviceHealthRules"/>, staleness ticks included.
/// <para>
/// The bound proved: with <c>stale-after ≥ poll-interval + 2 × timeout</c>, every outage no longer than
/// <c>stale-after − poll-interval − timeout</c> and at least <c>stale-after</c> of service after each, the device
/// never turns UNKNOWN — for any backoff proposal, any answer time below the timeout and any failed-poll duration up
/// to the timeout (refused at once, or hanging until the timeout). A poll here succeeds when the server is up at
/// its start.
/// </para>
/// </summary>
public class PollSchedulePropertyTests
{
    public sealed record Outage(int UpMs, int DownMs);

    /// <param name="RealBackoff">True: the device actor's own backoff curve; false: a random proposal per failed poll.</param>
    /// <param name="Seed">Drives answer times, failure durations and random backoff proposals.</param>
    /// <param name="AnswerMs">Set: every answer takes this long and every failed poll ends at once (a replayed observation).</param>
    public sealed record Scenario(int PollMs, int TimeoutMs, int StaleAfterMs, Outage[] Outages, bool RealBackoff, int Seed, int? AnswerMs = null)
    {
        public DeviceSettings Device => Settings(staleAfterSeconds: StaleAfterMs / 1000.0) with
        {
            PollInterval = TimeSpan.FromMilliseconds(PollMs),
            Timeout = TimeSpan.FromMilliseconds(TimeoutMs),
        };

        public override string ToString() =>
            $"poll {PollMs}ms, timeout {TimeoutMs}ms, stale-after {StaleAfterMs}ms, {(RealBackoff ? "real" : "random")} backoff, seed {Seed}, " +
            $"up/down ms: {string.Join(" ", Outages.Select(o => $"{o.UpMs}/{o.DownMs}"))}";
    }

    /// <summary>Scenarios inside the bound: stale-after ≥ poll + 2 × timeout, outages ≤ stale-after − poll − timeout.</summary>
    private static Arbitrary<Scenario> WithinBound =>
        (from poll in Gen.Choose(100, 5_000)
         from timeout in Gen.Choose(100, 4_000)
         from extra in Gen.Choose(0, 20_000)
         let staleAfter = poll + 2 * timeout + extra
         let maxOutage = staleAfter - poll - timeout
         from first in Gen.Choose(1, 2 * staleAfter)
         from outages in Gen.ArrayOf(
             from up in Gen.Choose(staleAfter, 3 * staleAfter)
             from down in Gen.Choose(1, maxOutage)
             select new Outage(up, down))
         from realBackoff in ArbMap.Default.GeneratorFor<bool>()
         from seed in ArbMap.Default.GeneratorFor<int>()
         // The first up-period may be short: the device's first poll (at 0) only needs the server up at 0.
         select new Scenario(poll, timeout, staleAfter,
             [new Outage(first, outages.Length > 0 ? outages[0].DownMs : 1), .. outages.Skip(1)], realBackoff, seed))
        .ToArbitrary();

    [Property(MaxTest = 300)]
    public Property Health_should_never_turn_unknown_when_every_outage_is_shorter_than_stale_after_minus_poll_interval_and_timeout() =>
        Prop.ForAll(WithinBound, scenario =>
        {
            var bad = Simulate(scenario).FirstOrDefault(s => s.State.LastReading is not null && s.State.Health != DeviceHealth.Healthy);
            return (bad.State is null).Label($"{bad.State?.Assessment} at {bad.At:O}");
        });

    [Fact]
    public void Health_should_turn_unknown_when_an_outage_outlasts_stale_after()
    {
        // The simulation must be able to fail: an outage of stale-after + timeout leaves no poll that could succeed in time.
        var scenario = new Scenario(1_000, 3_000, 15_000, [new Outage(5_000, 18_000), new Outage(20_000, 1)], RealBackoff: true, Seed: 1);
        Assert.Contains(Simulate(scenario), s => s.State.Health == DeviceHealth.Unknown);
    }

    [Fact]
    public void Health_should_stay_healthy_when_the_observed_driver_restart_of_issue_9_repeats()
    {
        // stale-after 15 s, poll 1 s: upsd answered again 10 s into the outage, but the backoff (1, 2, 4, 8 s) put the
        // next poll at 15 s. Failures are ERR replies here: they end at once.
        var scenario = new Scenario(1_000, 3_000, 15_000, [new Outage(500, 10_000), new Outage(30_000, 1)], RealBackoff: true, Seed: 7, AnswerMs: 5);
        Assert.All(Simulate(scenario).Where(s => s.State.LastReading is not null), s => Assert.Equal(DeviceHealth.Healthy, s.State.Health));
    }

    /// <summary>Every state the device passes through (with its time), polls and staleness ticks interleaved in time order.</summary>
    private static List<(DateTimeOffset At, DeviceHealthState State)> Simulate(Scenario scenario)
    {
        var device = scenario.Device;
        var random = new Random(scenario.Seed);
        var down = DownIntervals(scenario.Outages);
        var horizon = down.Count > 0 ? down[^1].End + 2 * device.StaleAfter : T0 + 2 * device.StaleAfter;
        var tickEvery = device.PollInterval < TimeSpan.FromSeconds(1) ? device.PollInterval : TimeSpan.FromSeconds(1);
        var timeoutMs = scenario.TimeoutMs;

        var states = new List<(DateTimeOffset, DeviceHealthState)>();
        var state = DeviceHealthRules.Initial(T0);
        var nextTick = T0 + tickEvery;
        var failures = 0;
        for (var start = T0; start < horizon;)
        {
            var up = !down.Any(d => d.Start <= start && start < d.End);
            // An answer comes in under the timeout; a failed poll is refused at once, hangs until the timeout, or anything between.
            var tookMs = scenario.AnswerMs is { } answerMs ? (up ? answerMs : 0)
                : up ? random.Next(0, timeoutMs) : random.Next(3) switch { 0 => 0, 1 => timeoutMs, _ => random.Next(0, timeoutMs + 1) };
            var end = start + TimeSpan.FromMilliseconds(tookMs);
            for (; nextTick < end; nextTick += tickEvery)
                states.Add((nextTick, state = DeviceHealthRules.OnTick(state, nextTick, device)));

            state = up
                ? DeviceHealthRules.OnReading(state, OnLine(0) with { Time = end }, device)
                : DeviceHealthRules.OnPollFailed(state, "connection refused", end, device);
            states.Add((end, state));
            failures = up ? 0 : failures + 1;

            var delay = failures == 0 || scenario.RealBackoff
                ? PollSchedule.NextDelay(device, failures, state.LastReadingAt, end)
                : PollSchedule.Capped(device, TimeSpan.FromMilliseconds(random.Next(1, 60_000)), state.LastReadingAt, end);
            Assert.True(delay >= TimeSpan.Zero, $"negative delay {delay}");
            start = end + delay;
        }
        return states;
    }

    private static List<(DateTimeOffset Start, DateTimeOffset End)> DownIntervals(IEnumerable<Outage> outages)
    {
        var result = new List<(DateTimeOffset, DateTimeOffset)>();
        var t = T0;
        foreach (var o in outages)
        {
            t += TimeSpan.FromMilliseconds(o.UpMs);
            var end = t + TimeSpan.FromMilliseconds(o.DownMs);
            result.Add((t, end));
            t = end;
        }
        return result;
    }
}
