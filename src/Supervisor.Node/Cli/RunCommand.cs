using System.CommandLine;
using Microsoft.Extensions.Hosting;
using Supervisor.Node.Hosting;

namespace Supervisor.Node.Cli;

/// <summary><c>supervisor run [--config FILE] [--dry-run] [--port N] [--seed host:port]… [--roles r,…] [--data-dir DIR]</c></summary>
internal static class RunCommand
{
    public static Command Create()
    {
        var config = new Option<string?>("--config", "-c") { Description = "Config file (HOCON). Default: config/supervisor.conf, the simulated demo fleet." };
        var dryRun = new Option<bool>("--dry-run") { Description = "Force every agent in this process into dry-run: log commands, run nothing." };
        var port = new Option<int?>("--port") { Description = "Cluster port of this node (akka.remote.dot-netty.tcp.port)." };
        var hostname = new Option<string?>("--hostname") { Description = "Address of this node (akka.remote.dot-netty.tcp.hostname)." };
        var seeds = new Option<string[]>("--seed") { Description = "Seed node host:port (repeatable; akka.cluster.seed-nodes)." };
        var roles = new Option<string?>("--roles") { Description = "Comma-separated roles: supervisor, agent (akka.cluster.roles)." };
        var dataDir = new Option<string?>("--data-dir") { Description = "Journal and action log directory (supervisor.data-dir)." };

        var command = new Command("run", "Run a node: supervise the configured devices and groups and/or serve as a host agent.")
        {
            config, dryRun, port, hostname, seeds, roles, dataDir,
        };
        command.SetAction(async (parse, _) =>
        {
            var options = new NodeOptions(
                parse.GetValue(config),
                parse.GetValue(dryRun),
                parse.GetValue(port),
                parse.GetValue(hostname),
                parse.GetValue(seeds) is { Length: > 0 } s ? s : null,
                parse.GetValue(roles)?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
                parse.GetValue(dataDir));
            return await RunAsync(options);
        });
        return command;
    }

    private static async Task<int> RunAsync(NodeOptions options)
    {
        var result = NodeConfigurationBuilder.Build(options);
        ConfigReport.PrintWarnings(result.Warnings, Console.Error);
        if (result.Node is not { } node)
        {
            ConfigReport.PrintErrors(result.Errors, options.ResolveConfigFile(), Console.Error);
            Console.Error.WriteLine("supervisor: not starting until the config is fixed (check it with: supervisor validate FILE)");
            return 1;
        }

        var tls = node.Settings.Tls;
        Console.Out.WriteLine($"supervisor: node {node.Address} roles [{string.Join(", ", node.Roles)}], config {node.ConfigFile}, data {Path.GetFullPath(node.Settings.DataDir)}" +
                              (tls.Enabled ? $", TLS as {tls.CertificateSubject} (expires {tls.CertificateExpires:yyyy-MM-dd})" : "") +
                              (options.ForceDryRun ? ", --dry-run: agents run nothing" : ""));
        using var host = SupervisorNodeHost.Build(node, options);
        await host.RunAsync();
        return Environment.ExitCode;
    }
}
