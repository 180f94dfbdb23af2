namespace Supervisor.Domain.Configuration;

/// <summary>
/// What an allow-listed agent action does (<c>supervisor.agent.actions.&lt;name&gt; { type = … }</c>), one record per
/// type. Each type's executor lives in src/Supervisor.Actions/&lt;Type&gt;; <c>ShutdownActionFactory</c> maps one to the other.
/// </summary>
public abstract record ActionSpec
{
    /// <summary>The config's <c>type</c>: command, libvirt, docker, …</summary>
    public abstract string Type { get; }

    /// <summary>One line for logs, <c>validate</c>'s summary and <c>agent check</c>; never a secret.</summary>
    public abstract string Describe();

    /// <summary>What <c>validate</c> can tell without touching the host: (key under the action, problem with its fix).</summary>
    public virtual IEnumerable<(string Key, string Problem)> Problems() => [];
}

/// <summary><c>type = command</c>: argv straight to the OS, no shell; succeeded when it exits 0.</summary>
public sealed record CommandSpec(IReadOnlyList<string> Argv) : ActionSpec
{
    public override string Type => "command";

    public override string Describe() => DescribeArgv(Argv);

    public override IEnumerable<(string Key, string Problem)> Problems()
    {
        if (Argv.Count == 0)
            yield return ("command", "empty; give the program and its arguments, e.g. command = [\"systemctl\", \"poweroff\"]");
        for (var i = 0; i < Argv.Count; i++)
            if (string.IsNullOrWhiteSpace(Argv[i]))
                yield return ($"command[{i}]", "empty argument; remove it or fill it in (commands run without a shell, so quoting is not needed)");
    }

    public static string DescribeArgv(IEnumerable<string> argv) =>
        string.Join(' ', argv.Select(a => a.Contains(' ') || a.Length == 0 ? $"\"{a}\"" : a));
}
