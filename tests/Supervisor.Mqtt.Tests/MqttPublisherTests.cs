using Akka;
using Akka.Actor;
using Supervisor.Domain.Groups;
using Xunit.Abstractions;
using static Supervisor.Mqtt.Tests.MqttSamples;

namespace Supervisor.Mqtt.Tests;

/// <summary>The real publisher against a real mosquitto, watched by a real subscriber.</summary>
public sealed class MqttPublisherTests(ITestOutputHelper output) : Akka.TestKit.Xunit2.TestKit("akka.loglevel = INFO", output), IAsyncLifetime
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(15);
    private readonly MosquittoServer _broker = new();

    public Task InitializeAsync() => _broker.InitializeAsync();

    async Task IAsyncLifetime.DisposeAsync() => await _broker.DisposeAsync();

    private const string StateA = "supervisor/node-1/device/ups-a/state";
    private const string Availability = "supervisor/node-1/availability";

    private async Task<IActorRef> ConnectedPublisherAsync(MqttSettings settings, TopicRecorder recorder)
    {
        var publisher = Sys.ActorOf(Publisher(settings));
        await recorder.WaitForAsync(m => m.Topic == Availability && m.Payload == "online", Wait, "availability online");
        return publisher;
    }

    [Fact]
    public async Task A_device_sample_should_be_published_retained_as_json_with_home_assistant_discovery_for_each_sensor_it_reports()
    {
        var settings = Settings(_broker);
        await using var recorder = await TopicRecorder.StartAsync(_broker);
        var publisher = await ConnectedPublisherAsync(settings, recorder);

        publisher.Tell(OnLine("ups-a", charge: 97));

        var state = await recorder.WaitForAsync(m => m.Topic == StateA, Wait, "ups-a's state");
        Assert.Equal(97, state.Json["charge"]!.GetValue<double>());
        Assert.Equal("HEALTHY", state.Json["health"]!.GetValue<string>());
        Assert.False(state.Json["on_battery"]!.GetValue<bool>());
        var charge = await recorder.WaitForAsync(m => m.Topic == "homeassistant/sensor/supervisor_ups-a/charge/config", Wait, "charge discovery");
        Assert.Equal("battery", charge.Json["device_class"]!.GetValue<string>());
        Assert.Equal("%", charge.Json["unit_of_measurement"]!.GetValue<string>());
        Assert.Equal(StateA, charge.Json["state_topic"]!.GetValue<string>());
        Assert.Equal(Availability, charge.Json["availability_topic"]!.GetValue<string>());
        Assert.Equal("supervisor_ups-a_charge", charge.Json["unique_id"]!.GetValue<string>());
        var voltage = await recorder.WaitForAsync(m => m.Topic == "homeassistant/sensor/supervisor_ups-a/input_voltage/config", Wait, "voltage discovery");
        Assert.Equal(("voltage", "V"), (voltage.Json["device_class"]!.GetValue<string>(), voltage.Json["unit_of_measurement"]!.GetValue<string>()));
        await recorder.WaitForAsync(m => m.Topic == "homeassistant/binary_sensor/supervisor_ups-a/online/config", Wait, "mains discovery");
        Assert.DoesNotContain(recorder.Messages, m => m.Topic.EndsWith("/energy/config")); // the UPS reports no energy counter

        // Retained: a subscriber that comes later gets the state and the discovery at once.
        await using var late = await TopicRecorder.StartAsync(_broker);
        var retained = await late.WaitForAsync(m => m.Topic == StateA, Wait, "retained state");
        Assert.True(retained.Retained);
        Assert.True((await late.WaitForAsync(m => m.Topic.EndsWith("supervisor_ups-a/charge/config"), Wait, "retained discovery")).Retained);
    }

    [Fact]
    public async Task A_group_sample_should_be_published_with_its_quorum_and_a_problem_sensor_in_discovery()
    {
        var settings = Settings(_broker);
        await using var recorder = await TopicRecorder.StartAsync(_broker);
        var publisher = await ConnectedPublisherAsync(settings, recorder);

        publisher.Tell(GroupNow("rack-a", GroupState.QuorumLost, healthy: 0));

        var state = await recorder.WaitForAsync(m => m.Topic == "supervisor/node-1/group/rack-a/state", Wait, "rack-a's state");
        Assert.Equal("QUORUM_LOST", state.Json["state"]!.GetValue<string>());
        Assert.False(state.Json["quorum"]!.GetValue<bool>());
        Assert.Equal((0, 1, 2), (state.Json["healthy"]!.GetValue<int>(), state.Json["min_healthy"]!.GetValue<int>(), state.Json["members"]!.GetValue<int>()));
        var problem = await recorder.WaitForAsync(m => m.Topic == "homeassistant/binary_sensor/supervisor_group_rack-a/quorum/config", Wait, "quorum discovery");
        Assert.Equal("problem", problem.Json["device_class"]!.GetValue<string>());
    }

    [Fact]
    public async Task Samples_inside_min_interval_should_be_published_once_unless_the_health_changes()
    {
        var settings = Settings(_broker);
        await using var recorder = await TopicRecorder.StartAsync(_broker);
        var publisher = await ConnectedPublisherAsync(settings, recorder);
        var t0 = DateTimeOffset.UtcNow;
        publisher.Tell(OnLine("ups-a", 100, t0));
        await recorder.WaitForAsync(m => m.Topic == StateA, Wait, "first state");

        publisher.Tell(OnLine("ups-a", 99, t0.AddSeconds(1)));
        publisher.Tell(OnLine("ups-a", 98, t0.AddSeconds(2)));
        publisher.Tell(OnBattery("ups-a", 97, t0.AddSeconds(3))); // DEGRADED: goes at once
        var battery = await recorder.WaitForAsync(m => m.Topic == StateA && m.Json["on_battery"]!.GetValue<bool>(), Wait, "the on-battery state");
        Assert.Equal(97, battery.Json["charge"]!.GetValue<double>());
        Assert.DoesNotContain(recorder.On(StateA), m => m.Json["charge"]!.GetValue<double>() is 99 or 98);
    }

    [Fact]
    public async Task A_group_should_be_published_at_once_when_its_state_changes_and_its_runtime_estimate_only_once_per_min_interval()
    {
        var settings = Settings(_broker);
        const string rack = "supervisor/node-1/group/rack-a/state";
        await using var recorder = await TopicRecorder.StartAsync(_broker);
        var publisher = await ConnectedPublisherAsync(settings, recorder);
        var t0 = DateTimeOffset.UtcNow;

        publisher.Tell(GroupNow("rack-a", GroupState.Healthy, 2) with { RuntimeSeconds = 900, At = t0 });
        await recorder.WaitForAsync(m => m.Topic == rack, Wait, "the first state"); // (an unsent state would be replaced by a newer one)
        publisher.Tell(GroupNow("rack-a", GroupState.Healthy, 2) with { RuntimeSeconds = 899, At = t0.AddSeconds(1) });
        publisher.Tell(GroupNow("rack-a", GroupState.Degraded, 1) with { RuntimeSeconds = 898, At = t0.AddSeconds(2) });

        await recorder.WaitForAsync(m => m.Topic == rack && m.Json["state"]!.GetValue<string>() == "DEGRADED", Wait, "the degraded state");
        Assert.Equal([900.0, 898.0], recorder.On(rack).Select(m => m.Json["runtime"]!.GetValue<double>()));
    }

    [Fact]
    public async Task Home_assistant_coming_online_should_get_the_discovery_configs_again()
    {
        var settings = Settings(_broker);
        await using var recorder = await TopicRecorder.StartAsync(_broker);
        var publisher = await ConnectedPublisherAsync(settings, recorder);
        publisher.Tell(OnLine("ups-a"));
        const string config = "homeassistant/sensor/supervisor_ups-a/charge/config";
        await recorder.WaitForAsync(m => m.Topic == config, Wait, "first discovery");

        await recorder.PublishAsync("homeassistant/status", "online");

        await AwaitConditionAsync(() => Task.FromResult(recorder.On(config).Count() >= 2), Wait);
    }

    [Fact]
    public async Task A_broker_that_restarts_should_get_availability_and_every_state_again_without_a_new_sample()
    {
        var settings = Settings(_broker);
        var publisher = Sys.ActorOf(Publisher(settings));
        await using (var first = await TopicRecorder.StartAsync(_broker))
        {
            await first.WaitForAsync(m => m.Topic == Availability && m.Payload == "online", Wait, "availability online");
            publisher.Tell(OnLine("ups-a", 88));
            await first.WaitForAsync(m => m.Topic == StateA, Wait, "ups-a's state");
        }

        await _broker.StopAsync(); // no persistence: the restarted broker has forgotten every retained message
        await _broker.StartAsync();

        await using var after = await TopicRecorder.StartAsync(_broker);
        var state = await after.WaitForAsync(m => m.Topic == StateA, Wait, "ups-a's state after the broker restarted");
        Assert.Equal(88, state.Json["charge"]!.GetValue<double>());
        await after.WaitForAsync(m => m.Topic == Availability && m.Payload == "online", Wait, "availability online again");
    }

    [Fact]
    public async Task Stopping_should_leave_the_availability_offline_retained()
    {
        var settings = Settings(_broker);
        await using var recorder = await TopicRecorder.StartAsync(_broker);
        var publisher = await ConnectedPublisherAsync(settings, recorder);

        await publisher.Ask<Done>(StopPublishing.Instance, Wait);

        await recorder.WaitForAsync(m => m.Topic == Availability && m.Payload == "offline", Wait, "availability offline");
        await using var late = await TopicRecorder.StartAsync(_broker, Availability);
        Assert.Equal("offline", (await late.WaitForAsync(m => m.Topic == Availability, Wait, "retained availability")).Payload);
    }
}
