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

    /// <summary>The agent's own last resort when every supervisor is gone while on battery (<c>failsafe { … }</c>).</summary>
    public FailsafeSettings Failsafe { get; init; } = FailsafeSettings.Off;
}

/// <summary>
/// <c>supervisor.agent.failsafe</c>: an agent told that one of its groups is on battery, which then hears from
/// no supervisor for <paramref name="After"/>, runs <paramref name="Sequence"/> (its own allow-listed actions, in
/// order) by itself — as a NUT secondary does when upsd disappears while on battery. Off without a sequence.
/// </summary>
public sealed record FailsafeSettings(TimeSpan After, IReadOnlyList<string> Sequence)
{
    public static FailsafeSettings Off { get; } = new(TimeSpan.FromSeconds(60), []);
    public bool Enabled => Sequence.Count > 0;
}

/// <summary>
/// An allow-listed action: what to do (<paramref name="Spec"/>: a command, or a typed action that checks its own
/// result) and how long it may take.
/// </summary>
public sealed record AgentAction(string Name, ActionSpec Spec, TimeSpan Timeout)
{
    /// <summary>A <c>type = command</c> action: argv, no shell.</summary>
    public AgentAction(string name, IReadOnlyList<string> command, TimeSpan timeout) : this(name, new CommandSpec(command), timeout) { }
}
