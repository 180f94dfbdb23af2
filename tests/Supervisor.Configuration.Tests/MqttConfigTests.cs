using static Supervisor.Configuration.Tests.LoaderTestSupport;

namespace Supervisor.Configuration.Tests;

/// <summary><c>supervisor.mqtt</c>: reference.conf's defaults and a secret password (bad values: <see cref="BadValueAtPathTests"/>).</summary>
public class MqttConfigTests
{
    [Fact]
    public void Mqtt_should_default_to_off_with_home_assistant_discovery_and_the_node_named_by_its_address()
    {
        var mqtt = LoadValid(Base).Mqtt;
        Assert.Equal(MqttSettings.Off, mqtt);
        Assert.Equal("MQTT: off", mqtt.SummaryLine());
    }

    [Fact]
    public void Mqtt_should_read_the_broker_a_login_with_an_env_password_tls_and_the_prefixes()
    {
        Environment.SetEnvironmentVariable("MQTT_TEST_PASSWORD", "from-env-pw");
        var s = LoadValid(Base + """

            supervisor.mqtt {
              enabled = on
              broker = "192.168.1.10:8883"
              username = supervisor
              password = "env:MQTT_TEST_PASSWORD"
              tls = on
              topic-prefix = "home/power"
              discovery-prefix = off
              node-id = rack-1
              min-interval = 30s
            }
            """);
        var mqtt = s.Mqtt;
        Assert.Equal((true, "192.168.1.10", 8883, "supervisor", "from-env-pw"), (mqtt.Enabled, mqtt.Host, mqtt.Port, mqtt.Username, mqtt.Password?.Reveal()));
        Assert.Equal((true, "home/power", null, "rack-1", TimeSpan.FromSeconds(30)), (mqtt.Tls, mqtt.TopicPrefix, mqtt.DiscoveryPrefix, mqtt.NodeId, mqtt.MinInterval));
        var summary = ConfigSummary.Format(s);
        Assert.Contains("MQTT: broker 192.168.1.10:8883 (TLS) as supervisor; topics home/power/rack-1/…; no Home Assistant discovery", summary);
        Assert.DoesNotContain("from-env-pw", summary);
        Assert.Contains(Supervisor.Domain.Text.SecretRedactor.SecretsOf(s), secret => secret.Reveal() == "from-env-pw");
    }
}
