namespace Supervisor.Domain.Configuration;

/// <summary>The <c>supervisor.agent</c> section: this node's own, local allow-list of actions.</summary>
/// <param name="Host">Host name the sagas address this agent by.</param>
/// <param name="DryRun">Log what would run instead of running it (default on).</param>
/// <param name="ActionLog">JSONL file that gets one line per executed (or dry-run) step.</param>
/// <param name="Actions">Allow-listed actions by name; nothing else is ever run.</param>
public sealed record AgentSettings(
    string Host,
    bool DryRun,
    string ActionLog,
    IReadOnlyList<AgentAction> Actions)
{
    public AgentAction? FindAction(string name) => Actions.FirstOrDefault(a => a.Name == name);
}

/// <summary>An allow-listed command: argv, no shell.</summary>
public sealed record AgentAction(string Name, IReadOnlyList<string> Command, TimeSpan Timeout);
