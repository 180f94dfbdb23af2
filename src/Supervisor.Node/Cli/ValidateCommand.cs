using Supervisor.Actors.Hosting;
using Supervisor.Node.Hosting;

namespace Supervisor.Node.Cli;

/// <summary><c>supervisor validate FILE</c>: exit 0 with a one-screen summary, or exit 1 listing every error with its HOCON path.</summary>
internal static class ValidateCommand
{
    public static Command Create()
    {
        var file = new Argument<string>("file") { Description = "Config file to check (HOCON), layered over cluster.hocon like `run` does." };
        var command = new Command("validate", "Check a config file without starting anything.") { file };
        command.SetAction(parse => Validate(parse.GetValue(file)!, Console.Out));
        return command;
    }

    public static int Validate(string file, TextWriter output)
    {
        var result = NodeConfigurationBuilder.Build(new NodeOptions(ConfigFile: file));
        if (result.Node is not { } node)
        {
            ConfigReport.PrintErrors(result.Errors, file, output);
            ConfigReport.PrintWarnings(result.Warnings, output);
            return 1;
        }
        // The data dir as `run` will meet it: a config that validates must not then refuse to start (or start without a journal).
        var dataDir = DataDirectory.Check(node.Settings.DataDir);
        var warnings = result.Warnings.Concat(dataDir.Warnings).ToList();
        if (dataDir.Errors.Count > 0)
        {
            ConfigReport.PrintErrors(dataDir.Errors, file, output);
            ConfigReport.PrintWarnings(warnings, output);
            return 1;
        }
        output.WriteLine($"{file}: OK");
        output.Write(ConfigSummary.Format(node.Settings));
        output.WriteLine($"Data dir: {dataDir.FullPath} ({(Directory.Exists(dataDir.FullPath) ? "exists, writable" : "will be created, mode 0700")})");
        output.WriteLine($"Node: {node.Address}, roles [{string.Join(", ", node.Roles)}], seeds [{string.Join(", ", node.Seeds)}]");
        ConfigReport.PrintWarnings(warnings, output);
        return 0;
    }
}
