using Supervisor.Domain.Configuration.Init;

namespace Supervisor.Domain.Tests.Configuration;

/// <summary>The pure parts of <c>supervisor init</c>: the suggested min-healthy, ids, and the written text.</summary>
public sealed class InitConfigTextTests
{
    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 1)]
    [InlineData(3, 2)]
    [InlineData(4, 2)]
    [InlineData(5, 3)]
    public void Min_healthy_should_be_1_for_one_or_two_devices_and_half_rounded_up_from_three(int members, int expected) =>
        Assert.Equal(expected, MinHealthySuggestion.For(members).MinHealthy);

    [Fact]
    public void Ids_should_be_plain_lower_case_and_unique()
    {
        var ids = new ConfigIds();
        Assert.Equal("ups1", ids.Next("UPS1", "ups"));
        Assert.Equal("ups1-2", ids.Next("ups1", "ups"));
        Assert.Equal("rack-a-ups", ids.Next("Rack A / UPS!", "ups"));
        Assert.Equal("ups", ids.Next("???", "ups"));
    }

    [Fact]
    public void A_description_with_a_line_break_or_quote_should_stay_inside_its_comment_and_string()
    {
        var device = new FoundDevice("ups1", "nut", [ConfigSetting.Of("host", "a\"b\\c"), ConfigSetting.Of("port", 3493)], "ups1: \"evil\"\nsupervisor.data-dir = \"/\"");
        var text = InitConfigText.Write(new InitPlan("supervisor init --nut x", [device], "hv-1"));
        Assert.Contains("      host = \"a\\\"b\\\\c\"\n", text);
        Assert.Contains("      port = 3493\n", text);
        Assert.DoesNotContain("\nsupervisor.data-dir", text);
        Assert.Contains("# ups1: \"evil\" supervisor.data-dir", text);
    }

    [Fact]
    public void The_text_should_explain_the_min_healthy_choice_and_keep_the_agent_in_dry_run()
    {
        var devices = new[] { "a", "b", "c" }.Select(id => new FoundDevice(id, "apcupsd", [ConfigSetting.Of("host", "h")], id)).ToList();
        var text = InitConfigText.Write(new InitPlan("supervisor init", devices, "hv-1"));
        Assert.Contains("members = [a, b, c]", text);
        Assert.Contains("# min-healthy = 2: 3 devices: half of them", text);
        Assert.Contains("min-healthy = 2\n", text);
        Assert.Contains("dry-run = on", text);
        Assert.Contains("{ host = hv-1, action = poweroff", text);
    }
}
