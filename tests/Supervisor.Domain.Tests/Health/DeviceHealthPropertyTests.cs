using static Supervisor.Domain.Tests.Health.HealthTestData;

namespace Supervisor.Domain.Tests.Health;

/// <summary>Properties over random event sequences (readings, failed polls, ticks at random gaps).</summary>
public class DeviceHealthPropertyTests
{
    /// <summary>One input to the rules; <see cref="Gap"/> is the time since the previous event.</summary>
    public abstract record HealthEvent(double Gap);
    public sealed record ReadingEvent(double Gap, bool OnLine, bool OnBattery, bool LowBattery, bool Fsd,
        double? Charge, double? Runtime) : HealthEvent(Gap);
    public sealed record FailureEvent(double Gap) : HealthEvent(Gap);
    public sealed record TickEvent(double Gap) : HealthEvent(Gap);

    private static Gen<double?> OptionalPercent =>
        Gen.Frequency((1, Gen.Constant<double?>(null)), (5, Gen.Choose(0, 100).Select(c => (double?)c)));

    private static Gen<HealthEvent> Events(Gen<bool> onLine, Gen<bool> onBattery, Gen<bool> flags, int maxGap) =>
        Gen.Frequency(
            (6, from gap in Gen.Choose(0, maxGap)
                from ol in onLine
                from ob in onBattery
                from lb in flags
                from fsd in flags
                from charge in OptionalPercent
                from runtime in OptionalPercent
                select (HealthEvent)new ReadingEvent(gap, ol, ob, lb, fsd, charge, runtime * 20)),
            (1, Gen.Choose(0, maxGap).Select(g => (HealthEvent)new FailureEvent(g))),
            (1, Gen.Choose(0, maxGap).Select(g => (HealthEvent)new TickEvent(g))));

    private static Arbitrary<HealthEvent[]> AnyEvents =>
        Gen.ArrayOf(Events(ArbMap.Default.GeneratorFor<bool>(), ArbMap.Default.GeneratorFor<bool>(),
            ArbMap.Default.GeneratorFor<bool>(), maxGap: 40)).ToArbitrary();

    private static readonly TriggerSettings AllTriggers = TriggerSettings.Defaults with
    {
        // Shorter limits so random sequences of a few minutes reach them.
        OnBattery = TimeSpan.FromSeconds(120),
        Depletion = new DepletionSettings(15, TimeSpan.FromSeconds(120), TimeSpan.FromSeconds(30)),
    };

    /// <summary>Replays events from T0 and returns every intermediate state (with the event that produced it).</summary>
    private static IEnumerable<(HealthEvent Event, DeviceHealthState State)> Replay(DeviceSettings settings, IEnumerable<HealthEvent> events)
    {
        var state = DeviceHealthRules.Initial(T0);
        var seconds = 0.0;
        foreach (var e in events)
        {
            seconds += e.Gap;
            state = e switch
            {
                ReadingEvent r => DeviceHealthRules.OnReading(state,
                    Read(seconds, r.OnLine, r.OnBattery, r.LowBattery, r.Fsd, r.Charge, r.Runtime), settings),
                FailureEvent => DeviceHealthRules.OnPollFailed(state, "timeout", At(seconds), settings),
                _ => DeviceHealthRules.OnTick(state, At(seconds), settings),
            };
            yield return (e, state);
        }
    }

    [Property]
    public Property Health_should_never_be_critical_when_all_triggers_are_off_and_device_stays_on_line() =>
        Prop.ForAll(
            Gen.ArrayOf(Events(Gen.Constant(true), Gen.Constant(false), ArbMap.Default.GeneratorFor<bool>(), 40)).ToArbitrary(),
            events => Replay(Settings(NoTriggers), events).All(step => step.State.Health != DeviceHealth.Critical));

    [Property]
    public Property Health_should_always_be_healthy_when_fresh_on_line_readings_fire_nothing() =>
        Prop.ForAll(
            Gen.ArrayOf(Gen.Choose(0, 11).Select(gap =>
                (HealthEvent)new ReadingEvent(gap, true, false, false, false, 100, 1800))).ToArbitrary(),
            events => Replay(Settings(AllTriggers, staleAfterSeconds: 12), events)
                .All(step => step.State.Health == DeviceHealth.Healthy));

    [Property]
    public Property Reason_should_never_be_empty_when_any_events_arrive() =>
        Prop.ForAll(AnyEvents,
            events => Replay(Settings(AllTriggers), events).All(step => !string.IsNullOrWhiteSpace(step.State.Assessment.Reason)));

    [Property]
    public Property Fired_should_be_non_empty_exactly_when_device_is_critical() =>
        Prop.ForAll(AnyEvents,
            events => Replay(Settings(AllTriggers), events)
                .All(step => (step.State.Health == DeviceHealth.Critical) == (step.State.Assessment.Fired.Count > 0)));

    [Property]
    public Property Health_should_be_degraded_or_critical_when_a_reading_is_on_battery() =>
        Prop.ForAll(AnyEvents,
            events => Replay(Settings(AllTriggers), events)
                .Where(step => step.Event is ReadingEvent { OnBattery: true })
                .All(step => step.State.Health is DeviceHealth.Degraded or DeviceHealth.Critical));

    /// <summary>Issue 9, rule 2: replies without a power state keep the previous health until stale-after, then it is stale.</summary>
    [Property]
    public Property Health_should_hold_until_stale_after_when_only_replies_without_a_power_state_follow() =>
        Prop.ForAll(AnyEvents, Gen.ArrayOf(Gen.Choose(0, 5)).ToArbitrary(), Gen.Elements("WAIT", "", "OFF", "ALARM").ToArbitrary(),
            (events, gaps, status) =>
            {
                var settings = Settings(AllTriggers, staleAfterSeconds: 12);
                var state = Replay(settings, events).Select(step => step.State).DefaultIfEmpty(DeviceHealthRules.Initial(T0)).Last();
                var readAt = events.Sum(e => e.Gap) + 1;
                state = DeviceHealthRules.OnReading(state, OnLine(readAt), settings);
                var held = state.Health;
                var now = readAt;
                foreach (var gap in gaps)
                {
                    now += gap;
                    state = DeviceHealthRules.OnReading(state, Read(now, onLine: false, onBattery: false) with { RawStatus = status }, settings);
                    var ok = now - readAt < 12
                        ? state.Health == held
                        : state.Health is DeviceHealth.Unknown or DeviceHealth.Critical;
                    if (!ok) return false.Label($"{state.Assessment} at {now - readAt}s after the last power state");
                }
                return true.Label("held");
            });

    [Property]
    public Property ChargeSamples_should_stay_inside_depletion_window_when_any_events_arrive() =>
        Prop.ForAll(AnyEvents,
            events => Replay(Settings(AllTriggers), events).All(step =>
                step.State.LastReadingAt is not { } last
                || step.State.ChargeSamples.All(s => s.Time >= last - AllTriggers.Depletion!.Window)));
}
