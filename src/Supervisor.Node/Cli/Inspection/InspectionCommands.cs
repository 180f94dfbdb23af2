using Supervisor.Configuration;

namespace Supervisor.Node.Cli.Inspection;

/// <summary>
/// <c>supervisor status</c>, <c>supervisor cluster show|leader|down|leave</c>, <c>supervisor sagas list|show</c>:
/// ask a running node (<c>--node host:port</c>) without joining the cluster. Tables for people, <c>--json</c> for
/// scripts. Exit 0 = answered, 1 = the node refused (e.g. not a member, unknown saga), 2 = no answer.
/// </summary>
internal static class InspectionCommands
{
    public const string DefaultNode = "127.0.0.1:4053";

    private static Option<string> NodeOption() => new("--node", "-n")
    {
        Description = $"A running node to ask, host:port (default {DefaultNode}).",
        DefaultValueFactory = _ => DefaultNode,
    };

    internal static Option<bool> JsonOption() => new("--json") { Description = "Print JSON instead of tables." };

    /// <summary>Env var that stands in for --tls-config, so an operator on a TLS cluster need not repeat it.</summary>
    public const string TlsConfigVariable = "SUPERVISOR_TLS_CONFIG";

    private static Option<string?> TlsConfigOption() => new("--tls-config")
    {
        Description = $"Config file whose supervisor.tls gives this CLI its certificate and the cluster's CA (a node's own config works). Default: ${TlsConfigVariable}.",
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable(TlsConfigVariable) is { Length: > 0 } f ? f : null,
    };

    /// <summary>Where and how to reach a node: --node and --tls-config, added to every command.</summary>
    internal sealed record Target(Option<string> Node, Option<string?> TlsConfig)
    {
        public static Target Create() => new(NodeOption(), TlsConfigOption());

        public Command AddTo(Command command)
        {
            command.Options.Add(Node);
            command.Options.Add(TlsConfig);
            return command;
        }
    }

    public static IEnumerable<Command> Create()
    {
        yield return Status();
        yield return Cluster();
        yield return Sagas();
        yield return History.HistoryCommands.History();
        yield return History.HistoryCommands.Events();
        yield return NotifyCommands.Create();
        yield return MaintenanceCommands.Create();
        yield return AlertsCommands.Create();
    }

    private static Command Status()
    {
        var (target, json) = (Target.Create(), JsonOption());
        var command = target.AddTo(new Command("status", "Devices with health and last reading, groups with quorum, and sagas.") { json });
        command.SetAction(p => Run(p, target, async client =>
        {
            var status = await client.AskAsync<StatusView>(StatusRequest.Instance);
            return Print(p.GetValue(json), status, () => InspectionTables.Status(status));
        }));
        return command;
    }

    private static Command Cluster()
    {
        var cluster = new Command("cluster", "Inspect and steer cluster membership.");
        var (target, json) = (Target.Create(), JsonOption());
        var show = target.AddTo(new Command("show", "Members: address, status, roles, reachability, leader, and where the supervisor runs.") { json });
        show.SetAction(p => Run(p, target, async client =>
        {
            var view = await client.AskAsync<ClusterView>(ClusterRequest.Instance);
            return Print(p.GetValue(json), view, () => InspectionTables.Cluster(view));
        }));
        var leader = target.AddTo(new Command("leader", "The current cluster leader, as the asked node sees it.") { json });
        leader.SetAction(p => Run(p, target, async client =>
        {
            var view = await client.AskAsync<ClusterView>(ClusterRequest.Instance);
            if (p.GetValue(json)) Console.Out.WriteLine(JsonSerializer.Serialize(new { leader = view.Leader }, ReportCommand.Json));
            else Console.Out.WriteLine(view.Leader ?? "(no leader: the node has not joined a cluster yet)");
            return view.Leader is null ? 1 : 0;
        }));
        cluster.Subcommands.Add(show);
        cluster.Subcommands.Add(leader);
        cluster.Subcommands.Add(MemberCommand("down", "Mark an unreachable member down so the cluster can move on (its process shuts itself down).", a => new DownMemberRequest(a)));
        cluster.Subcommands.Add(MemberCommand("leave", "Ask a member to leave gracefully (it hands over its work and exits).", a => new LeaveMemberRequest(a)));
        return cluster;
    }

    private static Command MemberCommand(string name, string description, Func<string, object> request)
    {
        var (target, json) = (Target.Create(), JsonOption());
        var address = new Argument<string>("address") { Description = "The member, host:port or its full address (akka.tcp://supervisor@host:port, akka.ssl.tcp:// with TLS)." };
        var command = target.AddTo(new Command(name, description) { address, json });
        command.SetAction(p => Run(p, target, async client =>
        {
            var member = NodeAddress.Parse(p.GetValue(address)!, client.UsesTls, out var malformed)?.ToString()
                         ?? throw new InspectorUnavailableException($"<address> {malformed}");
            var result = await client.AskAsync<CommandResult>(request(member));
            if (p.GetValue(json)) Console.Out.WriteLine(JsonSerializer.Serialize(result, ReportCommand.Json));
            else (result.Ok ? Console.Out : Console.Error).WriteLine(result.Message);
            return result.Ok ? 0 : 1;
        }));
        return command;
    }

    private static Command Sagas()
    {
        var sagas = new Command("sagas", "Shutdown sagas, running and finished (read from the journal).");
        var (target, json) = (Target.Create(), JsonOption());
        var list = target.AddTo(new Command("list", "Every saga, oldest first.") { json });
        list.SetAction(p => Run(p, target, async client =>
        {
            var view = await client.AskAsync<SagaListView>(SagaListRequest.Instance);
            return Print(p.GetValue(json), view, () => InspectionTables.Sagas(view.Sagas));
        }));
        var (target2, json2) = (Target.Create(), JsonOption());
        var id = new Argument<string>("saga-id") { Description = "The saga id as `sagas list` shows it, a unique prefix of it, or latest (the saga started last)." };
        var show = target2.AddTo(new Command("show", "One saga: every step with outcome and timing.") { id, json2 });
        show.SetAction(p => Run(p, target2, async client =>
        {
            var detail = await client.AskAsync<SagaDetailView>(new SagaDetailRequest(p.GetValue(id)!));
            if (detail.Saga is null)
            {
                Console.Error.WriteLine($"no saga \"{detail.SagaId}\" in the journal; `supervisor sagas list` shows the ids");
                return 1;
            }
            return Print(p.GetValue(json2), detail, () => InspectionTables.Saga(detail));
        }));
        sagas.Subcommands.Add(list);
        sagas.Subcommands.Add(show);
        sagas.Subcommands.Add(SagaAbortCommand.Create());
        return sagas;
    }

    internal static int Print<T>(bool json, T value, Action table)
    {
        if (json) Console.Out.WriteLine(JsonSerializer.Serialize(value, ReportCommand.Json));
        else table();
        return 0;
    }

    internal static async Task<int> Run(ParseResult p, Target target, Func<InspectorClient, Task<int>> action)
    {
        try
        {
            var tls = LoadTls(p.GetValue(target.TlsConfig));
            await using var client = await InspectorClient.ConnectAsync(p.GetValue(target.Node)!, tls);
            return await action(client);
        }
        catch (InspectorUnavailableException e)
        {
            Console.Error.WriteLine($"supervisor: {e.Message}");
            return 2;
        }
    }

    /// <summary>This CLI's TLS settings from --tls-config; null = plaintext. A broken file is exit 2: no node can be asked.</summary>
    private static TlsSettings? LoadTls(string? file)
    {
        if (file is null) return null;
        var result = SupervisorConfigLoader.LoadTlsFile(file);
        foreach (var w in result.Warnings) Console.Error.WriteLine($"supervisor: warning: {w}");
        if (result.Settings is { } settings) return settings;
        throw new InspectorUnavailableException($"--tls-config {file}: cannot use it:\n" + string.Join("\n", result.Errors.Select(e => $"  error: {e}")));
    }
}
