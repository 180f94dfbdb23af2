using System.Text.RegularExpressions;

namespace Supervisor.Configuration.Tests;

/// <summary>docs/notifications.md: every complete `supervisor { … }` example, layered over the demo config, validates.</summary>
public sealed class NotificationDocsExamplesTests
{
    private static readonly string Docs = Path.Combine(LoaderTestSupport.RepoRoot(), "docs", "notifications.md");

    public static IEnumerable<object[]> Examples() =>
        Regex.Matches(File.ReadAllText(Docs), "```hocon\n(.*?)```", RegexOptions.Singleline)
            .Select((m, i) => (Index: i, Text: m.Groups[1].Value))
            .Select(e => new object[] { e.Index, e.Text });

    [Fact]
    public void The_docs_should_hold_an_example_for_every_channel_type()
    {
        var text = string.Join("\n", Examples().Select(e => (string)e[1]));
        foreach (var type in NotificationConfigReader.KnownTypes) Assert.Contains($"type = {type}", text);
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public void Each_example_should_validate_over_the_demo_config(int index, string example)
    {
        var demo = File.ReadAllText(Path.Combine(LoaderTestSupport.RepoRoot(), "config", "supervisor.conf"));
        var result = LoaderTestSupport.Load(demo + "\n" + example);
        Assert.True(result.Errors.Count == 0, $"example {index} does not validate: " + string.Join(" | ", result.Errors) + "\n" + example);
        Assert.NotEmpty(result.Settings!.Notifications.Channels);
    }
}
