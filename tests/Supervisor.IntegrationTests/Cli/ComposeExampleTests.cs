using Supervisor.IntegrationTests.Harness;
using Supervisor.Node.Cli;
using Supervisor.Node.Hosting;
using YamlDotNet.Core;
using YamlDotNet.Serialization;

namespace Supervisor.IntegrationTests.Cli;

/// <summary>
/// deploy/compose cannot be run here (no Docker engine), so it is checked statically: the YAML parses (with its
/// merge keys), every file it and the Dockerfile name exists, and each supervisor container's command line, given
/// to the real `run` option parser and node configuration builder with the example's environment, makes a node
/// that starts without a config error, at its container's hostname, seeded with all three containers.
/// </summary>
public sealed class ComposeExampleTests
{
    private static readonly string Dir = Path.Combine(RepoPaths.Root, "deploy", "compose");
    private const string ContainerConfig = "/etc/supervisor/supervisor.conf";

    private static Dictionary<string, object> Services()
    {
        using var reader = new StreamReader(Path.Combine(Dir, "compose.yaml"));
        var compose = new DeserializerBuilder().Build().Deserialize<Dictionary<string, object>>(new MergingParser(new Parser(reader)));
        return ((Dictionary<object, object>)compose["services"]).ToDictionary(kv => (string)kv.Key, kv => kv.Value);
    }

    private static Dictionary<object, object> Service(string name) => (Dictionary<object, object>)Services()[name];

    private static List<string> Strings(object list) => ((List<object>)list).Select(o => (string)o).ToList();

    private static readonly string[] SupervisorNames = ["supervisor-1", "supervisor-2", "supervisor-3"];

    public static TheoryData<string> SupervisorServices => new(SupervisorNames);

    [Fact]
    public void Compose_should_run_three_supervisor_containers_and_a_journal()
    {
        Assert.Equal(["journal", "supervisor-1", "supervisor-2", "supervisor-3"], Services().Keys.Order());
    }

    [Fact]
    public void Every_file_the_compose_example_and_its_Dockerfile_name_should_exist()
    {
        var node = Service("supervisor-1");
        var build = (Dictionary<object, object>)node["build"];
        var context = Path.GetFullPath(Path.Combine(Dir, (string)build["context"]));
        Assert.Equal(RepoPaths.Root, context);
        var dockerfile = File.ReadAllText(Path.Combine(context, (string)build["dockerfile"]));
        Assert.Contains("dotnet publish src/Supervisor.Node ", dockerfile);
        Assert.True(File.Exists(Path.Combine(RepoPaths.Root, "src", "Supervisor.Node", "Supervisor.Node.csproj")));
        Assert.Contains("ENTRYPOINT [\"dotnet\", \"/opt/supervisor/supervisor.dll\"]", dockerfile); // the assembly name the Node project builds
        Assert.True(File.Exists(NodeProcess.SupervisorDll));

        var mount = Assert.Single(Strings(node["volumes"]));
        Assert.Equal($"./supervisor.conf:{ContainerConfig}:ro", mount);
        Assert.True(File.Exists(Path.Combine(Dir, "supervisor.conf")));
        Assert.Equal(["supervisor.env"], Strings(node["env_file"]));
        Assert.True(File.Exists(Path.Combine(Dir, "supervisor.env.example")), "the env file's documented template");
    }

    [Theory]
    [MemberData(nameof(SupervisorServices))]
    public void Each_supervisor_containers_command_line_should_make_a_node_at_its_hostname_seeded_with_all_three(string service)
    {
        var s = Service(service);
        var args = Strings(s["command"]);
        Assert.Equal("run", args[0]);
        var options = RunCommand.Parse(args.Skip(1).Select(a => a == ContainerConfig ? Path.Combine(Dir, "supervisor.conf") : a).ToList());
        Assert.Equal(service, (string)s["hostname"]);
        Assert.Equal(service, options.Hostname);

        var journal = File.ReadAllLines(Path.Combine(Dir, "supervisor.env.example")).Single(l => l.StartsWith("SUPERVISOR_JOURNAL="));
        Environment.SetEnvironmentVariable("SUPERVISOR_JOURNAL", journal["SUPERVISOR_JOURNAL=".Length..]);
        var result = NodeConfigurationBuilder.Build(options with { DataDir = Path.Combine(Path.GetTempPath(), "compose-example-" + service) });

        Assert.True(result.Node is not null, "config refused: " + string.Join("; ", result.Errors.Select(e => $"{e.Path}: {e.Message}")));
        var node = result.Node!;
        Assert.Equal($"akka.tcp://supervisor@{service}:4053", node.Address);
        Assert.Equal(["supervisor"], node.Roles);
        Assert.Equal(SupervisorNames.Select(n => $"akka.tcp://supervisor@{n}:4053"), node.Seeds);
        // Plaintext between containers is the example's explicit choice, and it is flagged.
        Assert.Contains(result.Warnings, w => w.Path == NetworkExposure.AllowPlaintextKey && w.Message.Contains("PLAINTEXT on a network"));
        Assert.Equal(Domain.Configuration.JournalProvider.PostgreSql, node.Settings.Journal.Provider);
        Assert.Contains("Host=journal;", node.Settings.Journal.ConnectionString); // the journal service's name
        Assert.Equal(["supervisor"], ((Dictionary<object, object>)Service("journal")["environment"]).Where(kv => (string)kv.Key is "POSTGRES_USER" or "POSTGRES_DB").Select(kv => (string)kv.Value).Distinct());
    }
}
