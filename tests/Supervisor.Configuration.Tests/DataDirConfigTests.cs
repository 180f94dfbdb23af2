using static Supervisor.Configuration.Tests.LoaderTestSupport;

namespace Supervisor.Configuration.Tests;

/// <summary><c>supervisor.data-dir</c>: what the reader accepts, and that the journal config names exactly that directory.</summary>
public sealed class DataDirConfigTests
{
    private static string Fleet(string dataDirLine) => $"{dataDirLine}\nsupervisor.devices.ups-a {{ {NutDevice} }}\n{RackA}";

    [Theory]
    [InlineData("supervisor.data-dir = \"\"")]
    [InlineData("supervisor.data-dir = \"   \"")]
    public void Load_should_report_supervisor_data_dir_when_it_is_empty(string line)
    {
        var error = AssertRejected(Fleet(line), "supervisor.data-dir", "is empty");
        Assert.Contains("data-dir = \"/var/lib/supervisor\"", error.Message);
    }

    [Fact]
    public void Load_should_report_supervisor_data_dir_when_it_holds_a_control_character()
    {
        AssertRejected(Fleet("supervisor.data-dir = \"data\\nmore\""), "supervisor.data-dir", "control character");
    }

    /// <summary>Paths a connection string would misread if they were pasted into it unescaped.</summary>
    public static TheoryData<string> AwkwardDirs => ["/srv/a;b", "/srv/quote\"d", "/srv/back\\slash", "/srv/eq=ual", "/srv/it's"];

    [Theory]
    [MemberData(nameof(AwkwardDirs))]
    public void Load_should_keep_the_path_as_written_when_it_holds_quotes_semicolons_or_backslashes(string dir)
    {
        var escaped = dir.Replace("\\", "\\\\").Replace("\"", "\\\"");
        Assert.Equal(dir, LoadValid(Fleet($"supervisor.data-dir = \"{escaped}\"")).DataDir);
    }
}
