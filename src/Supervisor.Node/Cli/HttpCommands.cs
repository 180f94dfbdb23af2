using System.Text.RegularExpressions;
using Supervisor.Domain.Http;

namespace Supervisor.Node.Cli;

/// <summary>
/// <c>supervisor http new-key --name N --role R</c>: a fresh API key, printed once, and the config line that holds only
/// its hash. Nothing is written anywhere: the key is on stdout for the operator to keep, the line for the config file.
/// Exit 0 = printed, 2 = a bad name or role.
/// </summary>
internal static partial class HttpCommands
{
    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$")]
    private static partial Regex KeyName();

    public static Command Create()
    {
        var http = new Command("http", "The HTTP API (docs/web.md).");
        var name = new Option<string>("--name") { Description = "Who uses the key (shown in the log next to each change it makes): letters, digits, - and _.", Required = true };
        var role = new Option<string>("--role") { Description = "viewer (read), operator (also steer), or admin.", Required = true };
        var newKey = new Command("new-key", "Print a new API key once, and the config line with its hash to add under supervisor.http.api-keys.") { name, role };
        newKey.SetAction(p => Print(p.GetValue(name)!, p.GetValue(role)!, Console.Out, Console.Error));
        http.Subcommands.Add(newKey);
        return http;
    }

    public static int Print(string name, string roleText, TextWriter output, TextWriter errors)
    {
        if (!KeyName().IsMatch(name))
        {
            errors.WriteLine($"supervisor: --name \"{name}\" must be 1 to 64 letters, digits, - or _ (it becomes a config key), e.g. --name grafana");
            return 2;
        }
        if (!ApiRoles.ByName.TryGetValue(roleText, out var role))
        {
            errors.WriteLine($"supervisor: --role \"{roleText}\" is not a role; use one of: {string.Join(", ", ApiRoles.ByName.Keys)}");
            return 2;
        }
        var key = ApiKeyHash.NewKey();
        output.WriteLine($"API key \"{name}\" ({ApiRoles.Name(role)}); it is shown only now, so store it where its user keeps secrets:");
        output.WriteLine();
        output.WriteLine($"  {key}");
        output.WriteLine();
        output.WriteLine("Add this line to the node's config file (only the hash is stored) and restart the node:");
        output.WriteLine();
        output.WriteLine($"  {HttpSettings.Path}.api-keys.{name} {{ hash = \"{ApiKeyHash.Of(key)}\", role = {ApiRoles.Name(role)} }}");
        output.WriteLine();
        output.WriteLine($"Use it: curl -H \"Authorization: Bearer {key}\" http://127.0.0.1:8080/api/v1/status");
        return 0;
    }
}
