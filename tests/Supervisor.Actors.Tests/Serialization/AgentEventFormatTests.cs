using System.Text;
using Supervisor.Actors.Serialization;

namespace Supervisor.Actors.Tests.Serialization;

/// <summary>
/// The agent's journal events byte for byte, as agents on disk wrote them before the events moved to the domain
/// (issue 10): the manifest and the JSON must stay, whatever namespace the C# records live in.
/// </summary>
public class AgentEventFormatTests
{
    private readonly SupervisorSerializer _serializer = new(null!);

    private const string Started =
        """{"host":"hv-1","sagaId":"rack-a-1","stepId":"1.1-vms-hv-1-stop-vms","action":"stop-vms","at":"2026-03-14T09:26:53.5358979+02:00"}""";

    private const string Finished =
        """{"host":"hv-1","sagaId":"rack-a-1","stepId":"1.1-vms-hv-1-stop-vms","succeeded":false,"exitCode":137,"output":"killed: timeout 300s","dryRun":false,"at":"2026-03-14T09:26:53.5358979+02:00"}""";

    [Theory]
    [InlineData("AgentStepStarted", "a.step-started", Started)]
    [InlineData("AgentStepFinished", "a.step-finished", Finished)]
    public void Serializer_should_write_agent_events_exactly_as_journaled_before_when_persisting_them(string sample, string manifest, string json)
    {
        var e = SerializerSamples.All[sample];
        Assert.Equal(manifest, _serializer.Manifest(e));
        Assert.Equal(json, Encoding.UTF8.GetString(_serializer.ToBinary(e)));
    }

    [Theory]
    [InlineData("AgentStepStarted", "a.step-started", Started)]
    [InlineData("AgentStepFinished", "a.step-finished", Finished)]
    public void Serializer_should_read_agent_events_as_journaled_before_when_an_agent_recovers(string sample, string manifest, string json)
    {
        Assert.Equal(SerializerSamples.All[sample], _serializer.FromBinary(Encoding.UTF8.GetBytes(json), manifest));
    }
}
