using Supervisor.Tests.Docs;
using static Supervisor.Configuration.Tests.LoaderTestSupport;

namespace Supervisor.Configuration.Tests;

/// <summary>
/// The worked example of an action type in docs/actions.md is marked a fragment (it is only the actions), so the docs
/// test does not load it; this does, over <see cref="LoaderTestSupport.Base"/>, and wants neither an error nor a warning.
/// </summary>
internal static class ActionDocsExamples
{
    public static void AssertLoadsCleanly(string type)
    {
        var doc = File.ReadAllLines(Path.Combine(RepoRoot(), "docs", "actions.md"));
        var section = Array.IndexOf(doc, $"## type = {type}") + 1;
        Assert.True(section > 0, $"docs/actions.md has no section \"## type = {type}\"");
        var block = DocBlocks.Hocon(RepoRoot()).First(b => b.File.EndsWith("actions.md", StringComparison.Ordinal) && b.Line > section);
        var result = Load(Base + "\n" + block.Text);
        Assert.True(result.Errors.Count == 0, string.Join(" | ", result.Errors));
        Assert.Empty(result.Warnings);
    }
}
