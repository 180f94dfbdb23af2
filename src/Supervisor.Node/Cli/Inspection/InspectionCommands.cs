using System.CommandLine;
using System.Text.Json;
using Supervisor.Actors.Inspection;

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

    private static Option<bool> JsonOption() => new("--json") { Description = "Print JSON instead of tables." };

    public static IEnumerable<Command> Create()
    {
        yield return Status();
        yield return Cluster();
        yield return Sagas();
    }

    private static Command Status()
    {
        var (node, json) = (NodeOption(), JsonOption());
        var command = new Command("status", "Devices with health and last reading, groups with quorum, and sagas.") { node, json };
        command.SetAction(p => Run(p.GetValue(node)!, async client =>
        {
            var status = await client.AskAsync<StatusView>(StatusRequest.Instance);
            return Print(p.GetValue(json), status, () => InspectionTables.Status(status));
        }));
        return command;
    }

    private static Command Cluster()
    {
        var cluster = new Command("cluster", "Inspect and steer cluster membership.");
        var (node, json) = (NodeOption(), JsonOption());
        var show = new Command("show", "Members: address, status, roles, reachability, leader, and where the supervisor runs.") { node, json };
        show.SetAction(p => Run(p.GetValue(node)!, async client =>
        {
            var view = await client.AskAsync<ClusterView>(ClusterRequest.Instance);
            return Print(p.GetValue(json), view, () => InspectionTables.Cluster(view));
        }));
        var leader = new Command("leader", "The current cluster leader, as the asked node sees it.") { node, json };
        leader.SetAction(p => Run(p.GetValue(node)!, async client =>
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
        var (node, json) = (NodeOption(), JsonOption());
        var address = new Argument<string>("address") { Description = "The member, akka.tcp://supervisor@host:port or host:port." };
        var command = new Command(name, description) { address, node, json };
        command.SetAction(p => Run(p.GetValue(node)!, async client =>
        {
            var target = Hosting.NodeConfigurationBuilder.ExpandSeed(p.GetValue(address)!) ?? p.GetValue(address)!;
            var result = await client.AskAsync<CommandResult>(request(target));
            if (p.GetValue(json)) Console.Out.WriteLine(JsonSerializer.Serialize(result, ReportCommand.Json));
            else (result.Ok ? Console.Out : Console.Error).WriteLine(result.Message);
            return result.Ok ? 0 : 1;
        }));
        return command;
    }

    private static Command Sagas()
    {
        var sagas = new Command("sagas", "Shutdown sagas, running and finished (read from the journal).");
        var (node, json) = (NodeOption(), JsonOption());
        var list = new Command("list", "Every saga, oldest first.") { node, json };
        list.SetAction(p => Run(p.GetValue(node)!, async client =>
        {
            var view = await client.AskAsync<SagaListView>(SagaListRequest.Instance);
            return Print(p.GetValue(json), view, () => InspectionTables.Sagas(view.Sagas));
        }));
        var (node2, json2) = (NodeOption(), JsonOption());
        var id = new Argument<string>("saga-id") { Description = "The saga id, as `sagas list` shows it." };
        var show = new Command("show", "One saga: every step with outcome and timing.") { id, node2, json2 };
        show.SetAction(p => Run(p.GetValue(node2)!, async client =>
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
        return sagas;
    }

    private static int Print<T>(bool json, T value, Action table)
    {
        if (json) Console.Out.WriteLine(JsonSerializer.Serialize(value, ReportCommand.Json));
        else table();
        return 0;
    }

    private static async Task<int> Run(string node, Func<InspectorClient, Task<int>> action)
    {
        try
        {
            await using var client = await InspectorClient.ConnectAsync(node);
            return await action(client);
        }
        catch (InspectorUnavailableException e)
        {
            Console.Error.WriteLine($"supervisor: {e.Message}");
            return 2;
        }
    }
}
