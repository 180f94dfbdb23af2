namespace Supervisor.IntegrationTests.Mqtt;

/// <summary>
/// Issue 15's MQTT test: a real node with <c>supervisor.mqtt</c> on, a real mosquitto, a real subscriber. It sees the
/// discovery config, the retained state, the outage (on battery, then the group without quorum), and the last will
/// "offline" when the node is killed with -9 (the kernel closes its socket; the broker sends the will).
/// </summary>
public sealed class MqttNodeTests(ITestOutputHelper output) : ProcessClusterTest(output), IAsyncLifetime
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);
    private readonly MosquittoServer _broker = new();

    public Task InitializeAsync() => _broker.InitializeAsync();

    Task IAsyncLifetime.DisposeAsync() => _broker.DisposeAsync();

    [Fact]
    public async Task A_subscriber_should_see_discovery_the_outage_and_the_last_will_when_the_node_is_killed()
    {
        await using var recorder = await TopicRecorder.StartAsync(_broker);
        var config = Scenario.WriteConfig("mqtt.conf", Hocon.FastOutage("data", outageAt: "8s",
            extra: $"mqtt {{ enabled = on, broker = \"127.0.0.1:{_broker.Port}\", node-id = n1, min-interval = 1s }}"));
        var node = Start("n1", config, LoopbackPort.Free());

        const string state = "supervisor/n1/device/ups-1/state", availability = "supervisor/n1/availability";
        await recorder.WaitForAsync(m => m.Topic == availability && m.Payload == "online", Wait, "availability online");
        await recorder.WaitForAsync(m => m.Topic == "homeassistant/sensor/supervisor_ups-1/charge/config", Wait, "charge discovery");
        await recorder.WaitForAsync(m => m.Topic == state && m.Json["online"]?.GetValue<bool>() == true, Wait, "ups-1 on line");
        await recorder.WaitForAsync(m => m.Topic == state && m.Json["on_battery"]?.GetValue<bool>() == true, Wait, "ups-1 on battery");
        await recorder.WaitForAsync(m => m.Topic == "supervisor/n1/group/rack/state" && m.Json["quorum"]?.GetValue<bool>() == false, Wait, "rack without quorum");

        node.Kill();

        var will = await recorder.WaitForAsync(m => m.Topic == availability && m.Payload == "offline", TimeSpan.FromSeconds(30), "the last will");
        Output.WriteLine($"last will after the kill: {will.At:O}");
        Assert.DoesNotContain(recorder.Messages, m => m.Payload.Contains("Exception"));
    }
}
