using static Supervisor.Configuration.Tests.LoaderTestSupport;

namespace Supervisor.Configuration.Tests;

/// <summary>HOCON merges a device or group written twice into one; the loader says so, with both places.</summary>
public sealed class DuplicateEntriesTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void LoadFile_should_warn_with_both_lines_when_a_device_id_is_written_twice()
    {
        var file = _dir.Write("dup.conf", $$"""
            supervisor.devices {
              ups-a { {{NutDevice}} }
              ups-b { driver = simulated }
              ups-a { driver = simulated }
            }
            {{RackA}}
            """);
        var r = SupervisorConfigLoader.LoadFile(file);
        var w = Assert.Single(r.Warnings, w => w.Message.Contains("written 2 times"));
        Assert.Equal("supervisor.devices.ups-a", w.Path);
        Assert.Contains($"{file}:2, {file}:4", w.Message);
        Assert.Contains("give each its own id", w.Message);
    }

    [Fact]
    public void LoadFile_should_warn_when_a_group_id_is_written_twice_in_different_syntax()
    {
        var file = _dir.Write("dup.conf", $"supervisor.devices.ups-a {{ {NutDevice} }}\n{RackA}\nsupervisor {{ groups {{ rack-a {{ min-healthy = 1 }} }} }}\n");
        var w = Assert.Single(SupervisorConfigLoader.LoadFile(file).Warnings, w => w.Message.Contains("written 2 times"));
        Assert.Equal("supervisor.groups.rack-a", w.Path);
        Assert.Contains("group \"rack-a\"", w.Message);
    }

    [Fact]
    public void Warnings_should_name_both_files_when_the_same_id_is_in_two_layers()
    {
        var cluster = _dir.Write("cluster.hocon", "supervisor.devices.ups-a { driver = simulated }\n");
        var user = _dir.Write("node.conf", "\n\nsupervisor.devices.ups-a { driver = simulated, profile = outage }\n");
        var w = Assert.Single(DuplicateEntries.Warnings(SupervisorConfigLoader.ParseFile(cluster), SupervisorConfigLoader.ParseFile(user)));
        Assert.Contains($"{cluster}:1, {user}:3", w.Message);
    }

    [Fact]
    public void LoadFile_should_not_warn_when_every_id_is_written_once()
    {
        var file = _dir.Write("ok.conf", $"supervisor.devices {{ ups-a {{ {NutDevice} }}\n ups-b {{ driver = simulated }} }}\nsupervisor.defaults.device.timeout = 4s\n{RackA}");
        Assert.DoesNotContain(SupervisorConfigLoader.LoadFile(file).Warnings, w => w.Message.Contains("written"));
    }

    [Theory]
    [InlineData("supervisor.conf")]
    [InlineData("examples/nut-single.conf")]
    [InlineData("examples/two-node-agent.conf")]
    [InlineData("examples/production-tls.conf")]
    public void ParseFile_should_find_no_duplicates_when_reading_the_repository_configs(string name)
    {
        var parsed = SupervisorConfigLoader.ParseFile(Path.Combine(RepoRoot(), "config", name));
        Assert.Null(parsed.Error);
        Assert.Empty(DuplicateEntries.Warnings(parsed));
    }
}
