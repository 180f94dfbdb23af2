using System.Text.Json;
using System.Text.Json.Serialization;
using Supervisor.Domain.Alerts;
using static Supervisor.Domain.Tests.Alerts.AlertTestData;

namespace Supervisor.Domain.Tests.Alerts;

/// <summary>
/// The states the notifier will journal (rule states, device power stories, the blip queue) survive System.Text.Json
/// with the options the actors' serializer uses, so a fail-over neither re-fires nor forgets.
/// </summary>
public class AlertStateJsonTests
{
    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Converters = { new JsonStringEnumConverter() },
    };

    private static void AssertRoundTrips<T>(T value)
    {
        var text = JsonSerializer.Serialize(value, Json);
        var copy = JsonSerializer.Deserialize<T>(text, Json);
        Assert.Equal(text, JsonSerializer.Serialize(copy, Json));
    }

    [Fact]
    public void Alert_state_should_round_trip_when_firing_and_acknowledged() =>
        AssertRoundTrips(new AlertState("load-high", "ups-a", AlertStatus.Firing, At(40), 85.5, null, At(30), At(30), "alice"));

    [Fact]
    public void Device_power_state_should_round_trip_when_on_battery_with_a_voltage_story()
    {
        var (state, _) = Fold(Sample(Reading(0, volts: 205)), Sample(Reading(2, onBattery: true, status: "OB RB")), Failed(4));
        Assert.NotNull(state.OnBatterySince);
        AssertRoundTrips(state);
    }

    [Fact]
    public void Blip_queue_should_round_trip_when_an_onbatt_is_held()
    {
        var step = BlipCoalescer.Offer(BlipQueue.Empty, BlipCoalescerTests.Power(PowerEventKind.OnBattery, 0), TimeSpan.FromSeconds(10));
        Assert.Single(step.Next.Held);
        AssertRoundTrips(step.Next);
    }
}
