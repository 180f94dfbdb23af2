using static Supervisor.Configuration.Tests.LoaderTestSupport;

namespace Supervisor.Configuration.Tests;

/// <summary><c>supervisor.mqtt</c>: reference.conf's defaults, a secret password, and errors at their path with the fix.</summary>
public class MqttConfigTests
{
    private const string Base = "supervisor.devices.ups-a { " + NutDevice + " }\n" + RackA;

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

    [Theory]
    [InlineData("broker = \"1883\"", "supervisor.mqtt.broker", "192.168.1.10:1883")]
    [InlineData("password = pw", "supervisor.mqtt.username", "needs its user")]
    [InlineData("password = \"env:MQTT_TEST_UNSET_VARIABLE\", username = u", "supervisor.mqtt.password", "MQTT_TEST_UNSET_VARIABLE")]
    [InlineData("topic-prefix = \"power/#\"", "supervisor.mqtt.topic-prefix", "no +, #")]
    [InlineData("discovery-prefix = \"home assistant\"", "supervisor.mqtt.discovery-prefix", "discovery-prefix = homeassistant")]
    [InlineData("node-id = \"rack/1\"", "supervisor.mqtt.node-id", "node-id = rack-1")]
    [InlineData("min-interval = 0s", "supervisor.mqtt.min-interval", "longer than 0s")]
    [InlineData("tls-ca = \"/nonexistent/ca.pem\"", "supervisor.mqtt.tls-ca", "the MQTT broker's certificate")]
    public void Mqtt_should_report_a_bad_value_at_its_path_with_the_fix(string setting, string path, string fix)
    {
        var result = Load(Base + "\nsupervisor.mqtt { " + setting + " }");
        var error = Assert.Single(result.Errors, e => e.Path == path);
        Assert.Contains(fix, error.Message);
    }
}
