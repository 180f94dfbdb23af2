using Akka.Cluster.Tools.Singleton;
using Supervisor.Actors.Coordination;
using Supervisor.Actors.Placement;
using Supervisor.Actors.Serialization;

namespace Supervisor.IntegrationTests.Cli;

/// <summary>How a node's config is layered (cluster.hocon &lt; user file &lt; flags) and which cluster keys are refused.</summary>
public sealed class NodeConfigurationBuilderTests : ScenarioTest
{
    /// <summary>A user file with a data dir inside the temp dir plus whatever Akka keys a test sets.</summary>
    private string UserFile(string akka = "", string supervisor = "") => Scenario.WriteConfig("node.conf", $$"""
        supervisor {
          data-dir = "{{Path.Combine(Scenario.Dir, "data-from-file")}}"
          {{supervisor}}
        }
        {{akka}}
        """);

    private static NodeConfiguration Node(NodeOptions options)
    {
        var result = NodeConfigurationBuilder.Build(options);
        Assert.True(result.Node is not null, "errors: " + string.Join("; ", result.Errors));
        return result.Node!;
    }

    private static IReadOnlyList<string> Errors(NodeOptions options)
    {
        var result = NodeConfigurationBuilder.Build(options);
        Assert.Null(result.Node);
        return result.Errors.Select(e => e.ToString()).ToList();
    }

    private static int Port(NodeConfiguration node) => node.Akka.GetInt("akka.remote.dot-netty.tcp.port");

    [Fact]
    public void Build_should_layer_the_port_cluster_hocon_then_user_file_then_flag_when_each_sets_it()
    {
        Assert.Equal(4053, Port(Node(new NodeOptions(UserFile()))));
        var withPort = UserFile(akka: "akka.remote.dot-netty.tcp.port = 5000");
        Assert.Equal(5000, Port(Node(new NodeOptions(withPort))));
        Assert.Equal(6000, Port(Node(new NodeOptions(withPort, Port: 6000))));
    }

    [Fact]
    public void Build_should_layer_the_roles_cluster_hocon_then_user_file_then_flag_when_each_sets_them()
    {
        Assert.Equal(["supervisor", "agent"], Node(new NodeOptions(UserFile())).Roles);
        var withRoles = UserFile(akka: "akka.cluster.roles = [supervisor]");
        Assert.Equal(["supervisor"], Node(new NodeOptions(withRoles)).Roles);
        Assert.Equal(["agent"], Node(new NodeOptions(withRoles, Roles: ["agent"])).Roles);
    }

    [Fact]
    public void Build_should_layer_the_seeds_cluster_hocon_then_user_file_then_flag_when_each_sets_them()
    {
        Assert.Empty(Node(new NodeOptions(UserFile())).Seeds);
        // Seeds on other hosts are plaintext on a network: allowed here only because the file says so (PlaintextOnNetworkTests).
        var withSeeds = UserFile(akka: "akka.cluster.seed-nodes = [\"akka.tcp://supervisor@10.0.0.1:4053\"]", supervisor: "tls.allow-plaintext = on");
        Assert.Equal(["akka.tcp://supervisor@10.0.0.1:4053"], Node(new NodeOptions(withSeeds)).Seeds);
        Assert.Equal(["akka.tcp://supervisor@127.0.0.1:4060", "akka.tcp://supervisor@hv-2:4053"],
            Node(new NodeOptions(withSeeds, Seeds: ["127.0.0.1:4060", "hv-2:4053"])).Seeds);
    }

    [Theory]
    [InlineData("127.0.0.1:4053", "akka.tcp://supervisor@127.0.0.1:4053")]
    [InlineData("hv-2.example.org:5000", "akka.tcp://supervisor@hv-2.example.org:5000")]
    [InlineData("akka.tcp://supervisor@10.0.0.7:4053", "akka.tcp://supervisor@10.0.0.7:4053")]
    [InlineData("nonsense", null)]
    [InlineData(":4053", null)]
    [InlineData("host:0", null)]
    [InlineData("host:70000", null)]
    [InlineData("host:port", null)]
    public void ExpandSeed_should_write_a_full_address_or_refuse_when_given_host_and_port(string seed, string? expected)
    {
        Assert.Equal(expected, NodeConfigurationBuilder.ExpandSeed(seed));
    }

    [Theory]
    [InlineData("akka.remote.dot-netty.tcp.port = abc", "akka.remote.dot-netty.tcp.port: \"abc\" is not a TCP port")]
    [InlineData("akka.remote.dot-netty.tcp.port = 70000", "akka.remote.dot-netty.tcp.port: \"70000\" is not a TCP port")]
    [InlineData("akka.cluster.roles = [supervisor, bouncer]", "akka.cluster.roles: unknown role \"bouncer\"")]
    [InlineData("akka.cluster.roles = []", "akka.cluster.roles: needs at least one role")]
    [InlineData("akka.cluster.seed-nodes = [\"akka.tcp://other@127.0.0.1:4053\"]", "akka.cluster.seed-nodes[0]: \"akka.tcp://other@127.0.0.1:4053\" names actor system \"other\"")]
    [InlineData("akka.cluster.seed-nodes = [\"garbage\"]", "akka.cluster.seed-nodes[0]: \"garbage\" is not a node address")]
    [InlineData("akka.remote.dot-netty.tcp.hostname = \"\"", "akka.remote.dot-netty.tcp.hostname: is empty")]
    public void Build_should_refuse_a_bad_cluster_key_and_name_it_when_the_user_file_sets_it(string akka, string expected)
    {
        var errors = Errors(new NodeOptions(UserFile(akka: akka)));
        Assert.Contains(errors, e => e.StartsWith(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void Build_should_refuse_a_seed_flag_and_name_the_flag_when_it_is_not_an_address()
    {
        var errors = Errors(new NodeOptions(UserFile(), Seeds: ["127.0.0.1:4053", "nonsense"]));
        Assert.Equal("--seed: \"nonsense\" is not a node address; write host:port (e.g. 127.0.0.1:4053) or akka.tcp://supervisor@host:port",
            Assert.Single(errors));
    }

    [Fact]
    public void Build_should_warn_but_not_fail_when_role_agent_has_no_agent_section()
    {
        var result = NodeConfigurationBuilder.Build(new NodeOptions(UserFile(), Roles: ["agent"]));
        Assert.NotNull(result.Node);
        Assert.Empty(result.Errors);
        Assert.Contains(result.Warnings, w => w.Path == "akka.cluster.roles" && w.Message.Contains("no supervisor.agent section"));
    }

    [Fact]
    public void Build_should_use_the_data_dir_flag_over_the_file_when_both_set_it()
    {
        var flagDir = Path.Combine(Scenario.Dir, "data-from-flag");
        var node = Node(new NodeOptions(UserFile(), DataDir: flagDir));
        Assert.Equal(flagDir, node.Settings.DataDir);
        Assert.Equal(Path.Combine(Scenario.Dir, "data-from-file"), Node(new NodeOptions(UserFile())).Settings.DataDir);
    }

    [Fact]
    public void Build_should_point_the_sqlite_journal_and_snapshots_inside_the_data_dir_when_building_the_akka_config()
    {
        var dataDir = Path.Combine(Scenario.Dir, "data-from-flag");
        var akka = Node(new NodeOptions(UserFile(), DataDir: dataDir)).Akka;
        var db = $"Data Source={Path.Combine(dataDir, "journal.db")}";

        Assert.Equal("akka.persistence.journal.sql", akka.GetString("akka.persistence.journal.plugin"));
        Assert.Equal(db, akka.GetString("akka.persistence.journal.sql.connection-string"));
        Assert.Equal("akka.persistence.snapshot-store.sql", akka.GetString("akka.persistence.snapshot-store.plugin"));
        Assert.Equal(db, akka.GetString("akka.persistence.snapshot-store.sql.connection-string"));
    }

    private const string PostgresJournal = "journal { provider = postgresql, connection-string = \"Host=db;Database=supervisor;Username=s;Password=pw\" }";

    private static ClusterSingletonManagerSettings SingletonSettings(NodeConfiguration node) =>
        ClusterSingletonManagerSettings.Create(node.Akka.GetConfig("akka.cluster.singleton"));

    [Fact]
    public void Build_should_guard_the_singleton_with_a_postgresql_lease_and_lower_the_removal_margin_when_the_journal_is_postgresql()
    {
        var node = Node(new NodeOptions(UserFile(supervisor: PostgresJournal)));

        var lease = SingletonSettings(node).LeaseSettings;
        Assert.NotNull(lease);
        Assert.Equal((SingletonLeaseHocon.ConfigPath, TimeSpan.FromMilliseconds(500)), (lease.LeaseImplementation, lease.LeaseRetryInterval));
        var block = node.Akka.GetConfig(SingletonLeaseHocon.ConfigPath);
        Assert.Equal(typeof(PostgresLease), Type.GetType(block.GetString("lease-class"), throwOnError: true));
        Assert.Equal("Host=db;Database=supervisor;Username=s;Password=pw", block.GetString("connection-string")); // the journal's
        Assert.Equal((TimeSpan.FromSeconds(6), TimeSpan.FromSeconds(1)), (block.GetTimeSpan("heartbeat-timeout"), block.GetTimeSpan("heartbeat-interval")));
        Assert.Equal(SingletonLeaseHocon.RemovalMarginWithLease, node.Akka.GetTimeSpan("akka.cluster.down-removal-margin"));
    }

    [Fact]
    public void Build_should_add_leased_sharding_on_supervisor_nodes_when_placement_is_sharded_and_let_the_file_tune_it()
    {
        var node = Node(new NodeOptions(UserFile(supervisor: PostgresJournal + "\nplacement.mode = sharded",
            akka: "akka.cluster.sharding.rebalance-interval = 7s")));

        var sharding = Akka.Cluster.Sharding.ClusterShardingSettings.Create(node.Akka.GetConfig("akka.cluster.sharding"),
            node.Akka.GetConfig("akka.cluster.singleton"));
        Assert.Equal(("supervisor", Akka.Cluster.Sharding.StateStoreMode.DData, false), (sharding.Role, sharding.StateStoreMode, sharding.RememberEntities));
        Assert.Equal(ShardingHocon.LeaseConfigPath, sharding.LeaseSettings?.LeaseImplementation);
        Assert.Equal(TimeSpan.FromSeconds(7), sharding.TuningParameters.RebalanceInterval); // the user's file wins
        Assert.Equal("", Node(new NodeOptions(UserFile(supervisor: PostgresJournal))).Akka.GetString("akka.cluster.sharding.use-lease")); // singleton: Akka's default
    }

    [Fact]
    public void Build_should_use_no_lease_and_keep_the_3s_removal_margin_when_the_journal_is_sqlite()
    {
        var node = Node(new NodeOptions(UserFile()));

        Assert.Null(SingletonSettings(node).LeaseSettings);
        Assert.False(node.Akka.HasPath(SingletonLeaseHocon.ConfigPath));
        Assert.Equal(TimeSpan.FromSeconds(3), node.Akka.GetTimeSpan("akka.cluster.down-removal-margin"));
    }

    [Fact]
    public void Build_should_keep_the_users_removal_margin_and_lease_timing_when_the_journal_is_postgresql_and_the_file_sets_them()
    {
        var node = Node(new NodeOptions(UserFile(supervisor: PostgresJournal,
            akka: $"akka.cluster.down-removal-margin = 2s\n{SingletonLeaseHocon.ConfigPath}.heartbeat-timeout = 10s")));

        Assert.Equal(TimeSpan.FromSeconds(2), node.Akka.GetTimeSpan("akka.cluster.down-removal-margin"));
        Assert.Equal(TimeSpan.FromSeconds(10), node.Akka.GetTimeSpan(SingletonLeaseHocon.ConfigPath + ".heartbeat-timeout"));
        Assert.NotNull(SingletonSettings(node).LeaseSettings); // still guarded
    }

    [Fact]
    public async Task Build_should_bind_the_supervisor_serializer_when_an_actor_system_starts_on_the_final_config()
    {
        var node = Node(new NodeOptions(UserFile(), Port: 0, DataDir: Path.Combine(Scenario.Dir, "data")));
        var system = ActorSystem.Create(ClusterNames.SystemName, node.Akka);
        try
        {
            var step = new ExecuteStep("rack-a-1", "1.1-vms-hv-1-stop-vms", "hv-1", "stop-vms", 1, DateTimeOffset.UtcNow);
            var serializer = system.Serialization.FindSerializerFor(step);
            Assert.IsType<SupervisorSerializer>(serializer);
            Assert.Equal(SupervisorSerializer.Id, serializer.Identifier);
        }
        finally
        {
            await system.Terminate().WaitAsync(TimeSpan.FromSeconds(20));
        }
    }
}
