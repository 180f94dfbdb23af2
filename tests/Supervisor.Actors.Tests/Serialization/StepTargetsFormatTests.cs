using System.Text;
using Supervisor.Actors.Agents;
using Supervisor.Actors.Serialization;
using Supervisor.Domain.Agents;

namespace Supervisor.Actors.Tests.Serialization;

/// <summary>Per-target outcomes of typed actions cross the wire and the journals; without them the JSON is what it was before.</summary>
public class StepTargetsFormatTests
{
    private readonly SupervisorSerializer _serializer = new(null!);
    private static readonly DateTimeOffset At = new(2026, 12, 8, 2, 0, 0, TimeSpan.Zero);
    private static readonly TargetOutcome[] Targets = [new("vm-1", true, "shut off after 4s"), new("vm-2", false, "destroyed after force-after 30s")];

    private T RoundTrip<T>(T message) where T : notnull =>
        (T)_serializer.FromBinary(_serializer.ToBinary(message), _serializer.Manifest(message));

    [Fact]
    public void A_step_result_with_targets_keeps_them_over_the_wire()
    {
        var back = RoundTrip(new StepResult("s", "1.1", "hv-1", false, null, "1 of 2", false, false, Targets));
        Assert.Equal(Targets, back.Targets);
    }

    [Fact]
    public void Journaled_step_events_with_targets_keep_them_on_recovery()
    {
        Assert.Equal(Targets, RoundTrip(new StepFailed("s", "1.1", null, "1 of 2", At, Targets)).Targets);
        Assert.Equal(Targets, RoundTrip(new StepSucceeded("s", "1.1", null, "2 of 2", At, Targets)).Targets);
        Assert.Equal(Targets, RoundTrip(new AgentStepFinished("hv-1", "s", "1.1", true, null, "2 of 2", false, At, Targets)).Targets);
    }

    [Fact]
    public void Events_without_targets_write_no_targets_key_so_older_nodes_read_them()
    {
        foreach (object e in new object[] { new StepSucceeded("s", "1.1", 0, "ok", At), new StepResult("s", "1.1", "h", true, 0, "", true, false) })
            Assert.DoesNotContain("targets", Encoding.UTF8.GetString(_serializer.ToBinary(e)));
    }
}
