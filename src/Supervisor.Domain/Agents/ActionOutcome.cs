namespace Supervisor.Domain.Agents;

/// <summary>
/// What running (or dry-running) an action produced. <paramref name="Succeeded"/> is true only when the action's own
/// check confirmed it (exit 0 for a command; every domain off for libvirt; …), never from a dropped connection.
/// </summary>
public sealed record ActionOutcome(bool Succeeded, int? ExitCode, string Output)
{
    /// <summary>One line per target (VM, container, mount point, host, NUT secondary), in the order they were handled.</summary>
    public IReadOnlyList<TargetOutcome> Targets { get; init; } = [];

    /// <summary>Why the action log line could not be written; the outcome stands (the line is kept and written with the next one that can be).</summary>
    public string? ActionLogProblem { get; init; }

    public static ActionOutcome Failed(string output) => new(false, null, output);
}

/// <summary>How one target of a typed action ended, e.g. <c>vm-1: shut off after 12s</c>.</summary>
public sealed record TargetOutcome(string Target, bool Succeeded, string Detail)
{
    public override string ToString() => $"{Target}: {(Succeeded ? "" : "FAILED, ")}{Detail}";

    /// <summary>What a journaled event holds: null for none, so a command's step record and saga event keep the format
    /// journals had before typed actions (the property is left out of the JSON when null).</summary>
    public static IReadOnlyList<TargetOutcome>? ForJournal(IReadOnlyList<TargetOutcome>? targets) => targets is { Count: > 0 } ? targets : null;
}
