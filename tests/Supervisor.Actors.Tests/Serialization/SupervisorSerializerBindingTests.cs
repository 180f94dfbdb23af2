using Supervisor.Actors.Serialization;

namespace Supervisor.Actors.Tests.Serialization;

/// <summary>The serializer as Akka sees it, with the bindings from <c>SupervisorHocon.Essentials</c> (as every node uses).</summary>
public class SupervisorSerializerBindingTests(ITestOutputHelper output) : PersistentTestKit(output)
{
    [Theory]
    [InlineData("ExecuteStep")]
    [InlineData("StepResult")]
    [InlineData("SagaStarted")]
    [InlineData("EpisodeStarted")]
    [InlineData("AgentStepFinished")]
    public void Akka_should_pick_the_supervisor_serializer_when_serializing_wire_messages_and_events(string sample)
    {
        var serializer = Sys.Serialization.FindSerializerFor(SerializerSamples.All[sample]);
        Assert.IsType<SupervisorSerializer>(serializer);
        Assert.Equal(9317, serializer.Identifier);
    }

    [Fact]
    public void Akka_should_round_trip_an_execute_step_through_its_serialization_extension_when_reading_it_back_by_serializer_id()
    {
        var step = new ExecuteStep("rack-a-1", "1.1-vms-hv-1-stop-vms", "hv-1", "stop-vms", 2, DateTimeOffset.UtcNow.AddMinutes(1));
        var serializer = Sys.Serialization.FindSerializerFor(step);
        var manifest = Akka.Serialization.Serialization.ManifestFor(serializer, step);
        Assert.Equal("w.execute-step", manifest);

        // Reading back goes by id + manifest only, like journal recovery and remoting do.
        var copy = Sys.Serialization.Deserialize(Sys.Serialization.Serialize(step), SupervisorSerializer.Id, manifest);
        Assert.Equal(step, copy);
    }
}
