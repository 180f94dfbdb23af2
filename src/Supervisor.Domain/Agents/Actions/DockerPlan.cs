namespace Supervisor.Domain.Agents.Actions;

/// <summary>One container to stop: <paramref name="Ref"/> is what the API is called with (an id when it was listed), <paramref name="Name"/> what the user reads.</summary>
public sealed record DockerTarget(string Ref, string Name, bool Running);

/// <summary>Which containers a docker action stops, from its configured list and the engine's running containers.</summary>
public static class DockerPlan
{
    /// <summary>
    /// Empty <paramref name="configured"/>: every running container. Otherwise each configured name or id, matched to a
    /// running container by name, full id or id prefix (as <c>docker stop</c> accepts them); one not running is still a
    /// target, so the engine's answer (304 already stopped, 404 no such container) is what its line reports.
    /// </summary>
    public static IReadOnlyList<DockerTarget> Targets(IReadOnlyList<string> configured, IReadOnlyList<DockerContainer> running)
    {
        if (configured.Count == 0) return [.. running.Select(c => new DockerTarget(c.Id, c.Name, true))];
        return [.. configured.Distinct(StringComparer.Ordinal).Select(wanted =>
            (running.FirstOrDefault(c => c.Name == wanted) ?? running.FirstOrDefault(c => c.Id.StartsWith(wanted, StringComparison.OrdinalIgnoreCase))) is { } c
                ? new DockerTarget(c.Id, wanted, true)
                : new DockerTarget(wanted, wanted, false))];
    }
}
