using static Supervisor.Domain.Tests.Configuration.SampleSettings;

namespace Supervisor.Domain.Tests.Configuration;

public class ConfigSummaryTests
{
    [Fact]
    public void Format_should_show_devices_groups_and_agent_when_config_is_complete()
    {
        var text = ConfigSummary.Format(Valid());
        Assert.Contains("ups-a  nut  ups1@127.0.0.1:3493  poll 2s  stale 10s  timeout 3s", text);
        Assert.Contains("rack-a: members ups-a, ups-b; min-healthy 1 of 2; degraded counts as healthy, unknown counts as critical", text);
        Assert.Contains("shutdown: vms (1 step) -> local-host (1 step)", text);
        Assert.Contains("Agent: host hv-1; dry-run on", text);
        Assert.Contains("stop-vms  systemctl stop-vms  timeout 1m", text);
    }

    [Fact]
    public void Format_should_never_show_password_when_device_has_one()
    {
        var s = Valid().WithDevice(0, _ => Device("ups-a", password: "s3cr3t-pw"));
        var text = ConfigSummary.Format(s);
        Assert.DoesNotContain("s3cr3t-pw", text);
        Assert.Contains("user upsmon, password set", text);
    }

    [Fact]
    public void Format_should_say_none_when_sections_are_empty()
    {
        var text = ConfigSummary.Format(new SupervisorSettings("data", [], [], null));
        Assert.Contains("Devices (0)\n  (none)", text.Replace("\r", ""));
        Assert.Contains("Agent: none on this node", text);
    }

    [Fact]
    public void Format_should_show_simulated_profile_in_kebab_case()
    {
        var sim = new SimulatedOptions(SimulatedProfile.SlowDrain, TimeSpan.FromSeconds(10), null, TimeSpan.FromSeconds(300),
            TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(10), 20, 40, 230, 400);
        var s = Valid().WithDevice(1, d => d with { Driver = "simulated", Options = sim });
        Assert.Contains("simulated  profile slow-drain", ConfigSummary.Format(s));
    }

    [Fact]
    public void Format_should_fit_one_screen_when_config_is_typical()
    {
        var lines = ConfigSummary.Format(Valid()).Split('\n');
        Assert.True(lines.Length < 25, $"{lines.Length} lines");
    }

    [Theory]
    [InlineData(0, "0s")]
    [InlineData(500, "500ms")]
    [InlineData(1500, "1.5s")]
    [InlineData(2000, "2s")]
    [InlineData(90_000, "90s")]
    [InlineData(120_000, "2m")]
    [InlineData(3_600_000, "1h")]
    [InlineData(-3000, "-3s")]
    public void FormatDuration_should_use_config_spelling(int milliseconds, string expected) =>
        Assert.Equal(expected, ConfigSummary.FormatDuration(TimeSpan.FromMilliseconds(milliseconds)));
}
