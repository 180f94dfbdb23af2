using Supervisor.Domain.Alerts;
using static Supervisor.Domain.Tests.Alerts.AlertTestData;

namespace Supervisor.Domain.Tests.Alerts;

/// <summary>Power stories over random sample sequences (on line, on battery, failed polls, brownouts, random gaps).</summary>
public class PowerEventPropertyTests
{
    /// <summary>(kind 0 on line, 1 on battery, 2 failed poll; volts; seconds since previous).</summary>
    public sealed record Op(int Kind, int Volts, int Delay);

    public static class Arbs
    {
        public static Arbitrary<Op[]> Ops() =>
            (from kind in Gen.Choose(0, 2) from volts in Gen.Choose(195, 265) from delay in Gen.Choose(1, 25)
             select new Op(kind, volts, delay)).ArrayOf().ToArbitrary();
    }

    private static List<PowerEventRaised> Run(Op[] ops)
    {
        var t = 0.0;
        return Fold(ops.Select(op =>
        {
            t += op.Delay;
            return op.Kind == 2 ? Failed(t) : Sample(Reading(t, onBattery: op.Kind == 1, volts: op.Kind == 1 ? 0 : op.Volts));
        }).ToArray()).Events;
    }

    /// <summary>The subsequence of the given kinds must alternate, starting with the first (opening) kind.</summary>
    private static void AssertAlternates(List<PowerEventRaised> events, string[] opening, string closing)
    {
        var open = false;
        foreach (var e in events.Where(e => opening.Contains(e.Name) || e.Name == closing))
        {
            if (e.Name == closing) { Assert.True(open, $"{closing} without an opening event"); open = false; }
            else if (e.Name == opening[0]) { Assert.False(open, $"{e.Name} twice without {closing}"); open = true; }
            else open = true;
        }
    }

    [Property(Arbitrary = [typeof(Arbs)], MaxTest = 300)]
    public void Power_events_should_alternate_onbatt_and_online_when_outages_come_and_go(Op[] ops) =>
        AssertAlternates(Run(ops), ["ONBATT"], "ONLINE");

    [Property(Arbitrary = [typeof(Arbs)], MaxTest = 300)]
    public void Power_events_should_close_every_comms_story_with_one_commok_when_polls_recover(Op[] ops)
    {
        var events = Run(ops);
        AssertAlternates(events, ["COMMBAD", "NOCOMM"], "COMMOK");
        Assert.True(events.Count(e => e.Name == "NOCOMM") <= events.Count(e => e.Name == "COMMOK") + 1);
    }

    [Property(Arbitrary = [typeof(Arbs)], MaxTest = 300)]
    public void Power_events_should_alternate_out_of_band_and_normal_when_the_voltage_wanders(Op[] ops)
    {
        var events = Run(ops).Where(e => e.Name.StartsWith("VOLTAGE-", StringComparison.Ordinal)).ToList();
        for (var i = 1; i < events.Count; i++) Assert.NotEqual(events[i - 1].Name, events[i].Name);
        Assert.True(events.Count == 0 || events[0].Name != "VOLTAGE-NORMAL");
        // Hysteresis: normal again only once inside the 207–253 V band by the 2 % margin (4.6 V) on the side it left.
        for (var i = 1; i < events.Count; i++)
        {
            if (events[i].Name != "VOLTAGE-NORMAL") continue;
            var (low, high) = events[i - 1].Name == "VOLTAGE-LOW" ? (211.6, 253.0) : (207.0, 248.4);
            Assert.InRange(events[i].InputVoltage!.Value, low - 1e-9, high + 1e-9);
        }
    }

    [Property(Arbitrary = [typeof(Arbs)], MaxTest = 300)]
    public void Power_events_should_have_distinct_ids_when_raised_from_one_device(Op[] ops)
    {
        var ids = Run(ops).Select(e => e.Id).ToList();
        Assert.Equal(ids.Count, ids.Distinct().Count());
    }
}
