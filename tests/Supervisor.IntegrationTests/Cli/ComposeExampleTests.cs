using YamlDotNet.Core;
using YamlDotNet.Serialization;

namespace Supervisor.IntegrationTests.Cli;

/// <summary>
/// deploy/compose cannot be run here (no Docker engine), so it is checked statically: the YAML parses (with its
/// merge keys), every file it and the Dockerfile name exists, the Dockerfile builds with scripts/package.sh onto a
/// runtime-deps base (the executable itself is tested in Packaging/DebPackageTests), and each supervisor container's command line, given
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
    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    public void Every_file_the_compose_example_and_its_Dockerfile_name_should_exist()
    {
        var node = Service("supervisor-1");
        var build = (Dictionary<object, object>)node["build"];
        var context = Path.GetFullPath(Path.Combine(Dir, (string)build["context"]));
        Assert.Equal(RepoPaths.Root, context);
        var dockerfilePath = Path.Combine(context, (string)build["dockerfile"]);
        var dockerfile = File.ReadAllText(dockerfilePath);
        // Built like the .deb's binary: scripts/package.sh (its own test runs it) writes <out>/linux-<arch>/supervisor,
        // a self-contained single file, copied onto runtime-deps (no .NET runtime in the image) as the entrypoint.
        Assert.Contains("scripts/package.sh --no-deb --arch \"$arch\" --out /out", dockerfile);
        Assert.Contains("cp \"/out/linux-$arch/supervisor\" /out/supervisor", dockerfile);
        var script = File.ReadAllText(Path.Combine(RepoPaths.Root, "scripts", "package.sh"));
        Assert.Contains("--no-deb)", script);
        Assert.Contains("dir=\"$out/linux-$1\"", script);
        Assert.True(File.GetUnixFileMode(Path.Combine(RepoPaths.Root, "scripts", "package.sh")).HasFlag(UnixFileMode.UserExecute), "scripts/package.sh must be executable: the Dockerfile runs it directly");
        var stages = dockerfile.Split('\n').Where(l => l.StartsWith("FROM ")).ToList();
        Assert.Equal(["FROM --platform=$BUILDPLATFORM mcr.microsoft.com/dotnet/sdk:10.0 AS build", "FROM mcr.microsoft.com/dotnet/runtime-deps:10.0"], stages);
        Assert.Contains("COPY --from=build /out/supervisor /usr/bin/supervisor", dockerfile);
        Assert.Contains("ENTRYPOINT [\"/usr/bin/supervisor\"]", dockerfile);
        Assert.DoesNotContain("\"dotnet\"", dockerfile.Split("FROM mcr.microsoft.com/dotnet/runtime-deps")[1]); // nothing runs dotnet in the image
        // The build context leaves out build output (bin/obj/dist) and secrets; BuildKit reads <Dockerfile>.dockerignore.
        var ignore = File.ReadAllLines(dockerfilePath + ".dockerignore");
        Assert.Superset(new HashSet<string> { "**/bin", "**/obj", "dist", "deploy/compose/supervisor.env", "deploy/compose/journal_password.txt" }, ignore.ToHashSet());

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
        Assert.Contains("Host=journal;", node.Settings.Journal.ConnectionString!.Reveal()); // the journal service's name
        Assert.Equal(["supervisor"], ((Dictionary<object, object>)Service("journal")["environment"]).Where(kv => (string)kv.Key is "POSTGRES_USER" or "POSTGRES_DB").Select(kv => (string)kv.Value).Distinct());
    }
}
