using Supervisor.Domain.Events;
using Supervisor.Domain.Groups;
using Supervisor.Domain.Health;
using Supervisor.Domain.Metrics;
using Supervisor.Domain.Readings;

namespace Supervisor.Domain.Tests.Metrics;

public class MetricsBookTests
{
    private static readonly DateTimeOffset T = new(2026, 12, 7, 18, 0, 0, TimeSpan.Zero);

    private static MetricsBook Empty() => MetricsBook.For(["ups-a", "ups-b"], ["rack"]);

    private static Reading Reading(double charge) => new("ups-a", T, true, false, false, false, charge, 600, 20, 230, 100, "OL");

    private static DeviceSampled Sample(string device, Reading? reading, string? error = null) =>
        new(device, "simulated", reading, reading is null ? DeviceHealth.Unknown : DeviceHealth.Healthy, "", error, T);

    private static SagaProgressed Saga(string sagaId, long seq, string change, string group = "rack") =>
        new(sagaId, group, seq, change, EventSeverity.Info, "", null, null, null, null, T);

    [Fact]
    public void A_sample_should_set_the_device_and_a_failed_poll_keep_its_last_reading()
    {
        var book = Empty();
        book.Apply(Sample("ups-a", Reading(80)));
        book.Apply(Sample("ups-a", null, "no reply within 3s"));
        var a = Assert.Single(book.View().Devices);
        Assert.Equal(80, a.LastReading!.ChargePercent);
        Assert.True(a.LastPollFailed);
        Assert.Equal(DeviceHealth.Unknown, a.Health);
    }

    [Fact]
    public void A_device_that_is_not_in_this_nodes_config_should_get_no_series()
    {
        var book = Empty();
        Assert.False(book.Apply(Sample("left-the-config", Reading(50))));
        Assert.Empty(book.View().Devices);
    }

    [Fact]
    public void A_view_should_not_change_when_later_facts_arrive()
    {
        var book = Empty();
        book.Apply(Sample("ups-a", Reading(80)));
        var view = book.View();
        book.Apply(Sample("ups-a", Reading(40)));
        book.Apply(Sample("ups-b", Reading(40)));
        Assert.Equal(80, Assert.Single(view.Devices).LastReading!.ChargePercent);
    }

    [Fact]
    public void A_group_sample_should_replace_the_groups_quorum_and_another_groups_be_ignored()
    {
        var book = Empty();
        book.Apply(new GroupSampled("rack", GroupState.Healthy, 2, 1, 2, 600, T));
        book.Apply(new GroupSampled("rack", GroupState.QuorumLost, 0, 1, 2, null, T));
        Assert.False(book.Apply(new GroupSampled("other", GroupState.Healthy, 1, 1, 1, null, T)));
        Assert.Equal(GroupState.QuorumLost, Assert.Single(book.View().Groups).State);
    }

    [Fact]
    public void Every_configured_groups_counters_should_start_at_zero()
    {
        var counts = Empty().View().SagaCounts["rack"];
        Assert.Equal(MetricsBook.SagaOutcomes.Count + MetricsBook.StepOutcomes.Count, counts.Count);
        Assert.All(counts.Values, v => Assert.Equal(0, v));
    }

    [Fact]
    public void Saga_events_should_count_by_outcome_and_a_replay_should_not_count_again()
    {
        var book = Empty();
        foreach (var e in new[] { Saga("rack-1-x", 1, "started"), Saga("rack-1-x", 2, "phase-started"), Saga("rack-1-x", 3, "step-dispatched"),
                     Saga("rack-1-x", 4, "step-succeeded"), Saga("rack-1-x", 5, "completed") })
            book.Apply(e);
        // A fail-over: the saga replays its journal with the same sequence numbers.
        for (var seq = 1; seq <= 5; seq++) Assert.False(book.Apply(Saga("rack-1-x", seq, seq == 1 ? "started" : "step-succeeded")));
        var counts = book.View().SagaCounts["rack"];
        Assert.Equal(1, counts["started"]);
        Assert.Equal(1, counts["step-dispatched"]);
        Assert.Equal(1, counts["step-succeeded"]);
        Assert.Equal(1, counts["completed"]);
        Assert.Equal(0, counts["aborted"]);
    }

    [Fact]
    public void Saga_replay_memory_should_stay_bounded_and_forget_the_oldest_first()
    {
        var book = Empty();
        for (var i = 0; i < MetricsBook.RememberedSagas + 10; i++)
            book.Apply(Saga($"rack-{i}-20261207T{i:D6}", 1, "started"));
        Assert.Equal(MetricsBook.RememberedSagas, book.RememberedSagaCount);
        Assert.False(book.Apply(Saga($"rack-{MetricsBook.RememberedSagas + 9}-20261207T{MetricsBook.RememberedSagas + 9:D6}", 1, "started"))); // the newest is remembered
        Assert.True(book.Apply(Saga("rack-0-20261207T000000", 1, "started"))); // the oldest was forgotten
        Assert.Equal(MetricsBook.RememberedSagas + 11, book.View().SagaCounts["rack"]["started"]);
    }

    [Fact]
    public void Saga_events_of_an_unknown_group_should_be_ignored() => Assert.False(Empty().Apply(Saga("x-1", 1, "started", group: "elsewhere")));
}
