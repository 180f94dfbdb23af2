using System.Text.Json.Nodes;
using Supervisor.Domain.Events;
using Supervisor.Domain.Groups;
using Supervisor.Domain.Health;
using Supervisor.Domain.Mqtt;
using Supervisor.Domain.Readings;

namespace Supervisor.Domain.Tests.Mqtt;

/// <summary>Topics, state payloads and Home Assistant discovery configs, as pure functions.</summary>
public class MqttPayloadTests
{
    private static readonly MqttTopics Topics = new("supervisor", "node-1", "homeassistant");
    private static readonly DateTimeOffset At = new(2026, 12, 7, 12, 0, 0, TimeSpan.Zero);

    private static DeviceSampled Plug(double? energy) => new("plug 1", "kasa",
        new Reading("plug 1", At, true, false, false, false, null, null, null, 229.8, 54.5, "on") { EnergyKwh = energy },
        DeviceHealth.Healthy, "healthy", null, At);

    [Theory]
    [InlineData("ups-a", "ups-a")]
    [InlineData("rack/ups+#1", "rack_ups__1")]
    [InlineData("a b", "a_b")]
    public void A_device_id_should_become_one_topic_level_that_cannot_reach_other_topics(string id, string level) =>
        Assert.Equal($"supervisor/node-1/device/{level}/state", Topics.DeviceState(id));

    [Fact]
    public void A_node_address_should_become_a_plain_topic_level() => Assert.Equal("10-0-0-5-4053", MqttTopics.NodeFromAddress("10.0.0.5:4053"));

    [Fact]
    public void A_device_state_should_carry_every_measurement_key_with_null_where_the_device_reports_none()
    {
        var json = JsonNode.Parse(MqttStatePayloads.Device(Plug(energy: 12.5)))!.AsObject();
        Assert.Equal(54.5, json["power"]!.GetValue<double>());
        Assert.Equal(12.5, json["energy"]!.GetValue<double>());
        Assert.True(json.ContainsKey("charge"));
        Assert.Null(json["charge"]);
        Assert.Equal("HEALTHY", json["health"]!.GetValue<string>());
        Assert.Equal("2026-12-07T12:00:00.0000000+00:00", json["time"]!.GetValue<string>());
    }

    [Fact]
    public void Discovery_should_declare_only_the_measurements_a_device_reports_with_their_classes_and_units()
    {
        var sample = Plug(energy: 12.5);
        var configs = HomeAssistantDiscovery.ForDevice(Topics, sample, HomeAssistantDiscovery.ReportedMeasurements(sample).ToHashSet())
            .ToDictionary(c => c.Topic, c => JsonNode.Parse(c.Payload)!);
        var energy = configs["homeassistant/sensor/supervisor_plug_1/energy/config"];
        Assert.Equal(("energy", "kWh", "total_increasing"),
            (energy["device_class"]!.GetValue<string>(), energy["unit_of_measurement"]!.GetValue<string>(), energy["state_class"]!.GetValue<string>()));
        Assert.Equal("{{ value_json.energy }}", energy["value_template"]!.GetValue<string>());
        Assert.Equal("supervisor/node-1/device/plug_1/state", energy["state_topic"]!.GetValue<string>());
        Assert.Equal("supervisor_plug_1", energy["device"]!["identifiers"]![0]!.GetValue<string>());
        Assert.DoesNotContain("homeassistant/sensor/supervisor_plug_1/charge/config", configs.Keys);
        Assert.Contains("homeassistant/sensor/supervisor_plug_1/health/config", configs.Keys);
        Assert.Equal("{{ 'ON' if value_json.online else 'OFF' }}", configs["homeassistant/binary_sensor/supervisor_plug_1/online/config"]["value_template"]!.GetValue<string>());
        Assert.All(configs.Values, c => Assert.Equal("supervisor/node-1/availability", c["availability_topic"]!.GetValue<string>()));
    }

    [Fact]
    public void Payloads_should_keep_text_as_people_and_templates_read_it_unescaped()
    {
        var sample = Plug(null) with { HealthReason = "on battery for 20s ≥ 20s" };
        var state = MqttStatePayloads.Device(sample);
        Assert.Contains("\"health_reason\":\"on battery for 20s ≥ 20s\"", state);
        Assert.Contains("+00:00\"", state);
        var online = HomeAssistantDiscovery.ForDevice(Topics, sample, new HashSet<string>()).Single(c => c.Topic.EndsWith("/online/config"));
        Assert.Contains("{{ 'ON' if value_json.online else 'OFF' }}", online.Payload);
    }

    [Fact]
    public void A_group_state_should_say_its_quorum_in_status_words()
    {
        var json = JsonNode.Parse(MqttStatePayloads.Group(new GroupSampled("rack-a", GroupState.QuorumLost, 0, 1, 2, null, At)))!;
        Assert.Equal("QUORUM_LOST", json["state"]!.GetValue<string>());
        Assert.False(json["quorum"]!.GetValue<bool>());
    }
}
