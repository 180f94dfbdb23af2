using Microsoft.Extensions.Hosting;
using Supervisor.Node.Hosting;

namespace Supervisor.Node.Cli;

/// <summary><c>supervisor run [--config FILE] [--dry-run] [--port N] [--seed host:port]… [--roles r,…] [--data-dir DIR]</c></summary>
internal static class RunCommand
{
    public static Command Create()
    {
        var options = new RunOptions();
        var command = new Command("run", "Run a node: supervise the configured devices and groups and/or serve as a host agent.");
        options.AddTo(command);
        command.SetAction(async (parse, _) => await RunAsync(options.From(parse)));
        return command;
    }

    /// <summary>The node options that <c>supervisor run ARGS…</c> means; tests check the deployment examples' command lines with it.</summary>
    public static NodeOptions Parse(IReadOnlyList<string> args)
    {
        var options = new RunOptions();
        var command = new Command("run");
        options.AddTo(command);
        var parse = command.Parse(args);
        if (parse.Errors.Count > 0) throw new ArgumentException(string.Join("; ", parse.Errors.Select(e => e.Message)));
        return options.From(parse);
    }

    private sealed class RunOptions
    {
        private readonly Option<string?> _config = new("--config", "-c") { Description = "Config file (HOCON). Default: config/supervisor.conf in this directory, else the built-in simulated demo fleet (said on the first line)." };
        private readonly Option<bool> _dryRun = new("--dry-run") { Description = "Force every agent in this process into dry-run: log commands, run nothing." };
        private readonly Option<int?> _port = new("--port") { Description = "Cluster port of this node (akka.remote.dot-netty.tcp.port)." };
        private readonly Option<string?> _hostname = new("--hostname") { Description = "Address of this node (akka.remote.dot-netty.tcp.hostname)." };
        private readonly Option<string[]> _seeds = new("--seed") { Description = "Seed node host:port (repeatable; akka.cluster.seed-nodes)." };
        private readonly Option<string?> _roles = new("--roles") { Description = "Comma-separated roles: supervisor, agent (akka.cluster.roles)." };
        private readonly Option<string?> _dataDir = new("--data-dir") { Description = "Journal and action log directory (supervisor.data-dir)." };
        private readonly Option<string?> _httpListen = new("--http-listen") { Description = "Where the HTTP API listens, host:port (supervisor.http.listen; it must be enabled)." };

        public void AddTo(Command command)
        {
            foreach (var option in new Option[] { _config, _dryRun, _port, _hostname, _seeds, _roles, _dataDir, _httpListen }) command.Options.Add(option);
        }

        public NodeOptions From(ParseResult parse) => new(
            parse.GetValue(_config),
            parse.GetValue(_dryRun),
            parse.GetValue(_port),
            parse.GetValue(_hostname),
            parse.GetValue(_seeds) is { Length: > 0 } s ? s : null,
            parse.GetValue(_roles)?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
            parse.GetValue(_dataDir)) { HttpListen = parse.GetValue(_httpListen) };
    }

    private static async Task<int> RunAsync(NodeOptions options)
    {
        DemoConfigNotice.WriteTo(options, Console.Error);
        var result = NodeConfigurationBuilder.Build(options);
        ConfigReport.PrintWarnings(result.Warnings, Console.Error);
        if (result.Node is not { } node)
        {
            ConfigReport.PrintErrors(result.Errors, options.ResolveConfigFile(), Console.Error);
            Console.Error.WriteLine("supervisor: not starting until the config is fixed (check it with: supervisor validate FILE)");
            return 1;
        }
        if (BindAddressCheck.Check(node.Akka) is { } bindError)
        {
            ConfigReport.PrintErrors([bindError], options.ResolveConfigFile(), Console.Error);
            Console.Error.WriteLine("supervisor: not starting: this node cannot listen at its address (fix hostname or port, or pass --hostname / --port)");
            return 1;
        }

        var tls = node.Settings.Tls;
        Console.Out.WriteLine($"supervisor: node {node.Address} roles [{string.Join(", ", node.Roles)}], config {node.ConfigFile}, data {Path.GetFullPath(node.Settings.DataDir)}" +
                              (tls.Enabled ? $", TLS as {tls.CertificateSubject} (expires {tls.CertificateExpires:yyyy-MM-dd})" : "") +
                              // The operator opted out of TLS on a network; say so on the line everyone reads, not only in a warning above it.
                              (node.PlaintextOnNetwork.Count > 0 ? $", PLAINTEXT cluster links on a network ({NetworkExposure.AllowPlaintextKey} = on: anyone who reaches port {node.Akka.GetInt("akka.remote.dot-netty.tcp.port")} can join and have agents run their actions)" : "") +
                              (options.ForceDryRun ? ", --dry-run: agents run nothing" : ""));
        IHost host;
        try
        {
            host = SupervisorNodeHost.Build(node, options);
        }
        catch (NodeStartupException e)
        {
            ConfigReport.PrintErrors(e.Errors, node.ConfigFile, Console.Error);
            Console.Error.WriteLine("supervisor: not starting: fix the above and start again");
            return 1;
        }
        using (host)
        {
            try
            {
                await host.RunAsync();
            }
            catch (NodeStartupException e)
            {
                // A part that starts with the host (the HTTP API's listener) could not: said like any other startup refusal.
                ConfigReport.PrintErrors(e.Errors, node.ConfigFile, Console.Error);
                Console.Error.WriteLine("supervisor: stopped: fix the above and start again");
                return 1;
            }
        }
        return Environment.ExitCode;
    }
}
