using Supervisor.Domain.Configuration;

namespace Supervisor.Configuration;

/// <summary>Outcome of loading the <c>supervisor</c> config.</summary>
/// <param name="Settings">The typed settings, or null when there is at least one error.</param>
/// <param name="Errors">Every error found (parse, type and cross-reference), each with its HOCON path.</param>
/// <param name="Warnings">Likely mistakes that do not stop the node (unknown keys, a device in no group, …).</param>
public sealed record ConfigLoadResult(
    SupervisorSettings? Settings,
    IReadOnlyList<ConfigError> Errors,
    IReadOnlyList<ConfigError> Warnings)
{
    /// <summary>True when <see cref="Settings"/> is usable.</summary>
    public bool IsValid => Settings is not null;
}

/// <summary>Collects errors and warnings while a config is read; drops exact duplicates (one default read by many entries).</summary>
internal sealed class ConfigDiagnostics
{
    private readonly List<ConfigError> _errors = [];
    private readonly List<ConfigError> _warnings = [];

    public int ErrorCount => _errors.Count;

    public void Error(string path, string message) => Add(_errors, new ConfigError(path, message));

    public void Warn(string path, string message) => Add(_warnings, new ConfigError(path, message));

    /// <summary>
    /// Adds the validator's errors, except those at or below a path the parser already reported: a key that could
    /// not be read (e.g. <c>shutdown = off</c>) should not also be reported as empty (<c>shutdown.phases</c>).
    /// </summary>
    public void AddValidationErrors(IEnumerable<ConfigError> errors)
    {
        var parsed = _errors.Select(e => e.Path).ToList();
        foreach (var e in errors.Where(e => !parsed.Any(p => IsAtOrBelow(e.Path, p))))
            Add(_errors, e);
    }

    private static bool IsAtOrBelow(string path, string parent) =>
        path == parent || (path.StartsWith(parent, StringComparison.Ordinal) && path[parent.Length] is '.' or '[');

    public void AddWarnings(IEnumerable<ConfigError> warnings) { foreach (var w in warnings) Add(_warnings, w); }

    public ConfigLoadResult ToResult(SupervisorSettings? settings) =>
        new(_errors.Count == 0 ? settings : null, _errors.ToArray(), _warnings.ToArray());

    private static void Add(List<ConfigError> list, ConfigError item)
    {
        if (!list.Contains(item)) list.Add(item);
    }
}
