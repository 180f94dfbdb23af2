namespace Supervisor.Domain.Sagas;

/// <summary>What a saga id someone typed names: one saga, several (a prefix too short), or none.</summary>
public abstract record SagaIdMatch
{
    public sealed record One(string SagaId) : SagaIdMatch;

    public sealed record Several(IReadOnlyList<string> SagaIds) : SagaIdMatch;

    public sealed record None : SagaIdMatch;
}

/// <summary>
/// <c>sagas show latest</c> and unique prefixes (<c>sagas show rack-a-3</c> for rack-a-3-20261207T231447), as git takes
/// a short commit id: an exact id wins, <c>latest</c> is the saga started last, and a prefix must name exactly one. Pure.
/// </summary>
public static class SagaIdLookup
{
    public const string Latest = "latest";

    public static SagaIdMatch Resolve(string asked, IReadOnlyList<(string SagaId, DateTimeOffset? StartedAt)> known)
    {
        if (known.Any(k => k.SagaId == asked)) return new SagaIdMatch.One(asked);
        if (asked == Latest)
            return known.Count == 0
                ? new SagaIdMatch.None()
                : new SagaIdMatch.One(known.OrderByDescending(k => k.StartedAt ?? DateTimeOffset.MinValue).ThenByDescending(k => k.SagaId, StringComparer.Ordinal).First().SagaId);
        var matches = known.Where(k => asked.Length > 0 && k.SagaId.StartsWith(asked, StringComparison.Ordinal)).Select(k => k.SagaId).Order(StringComparer.Ordinal).ToList();
        return matches.Count switch
        {
            0 => new SagaIdMatch.None(),
            1 => new SagaIdMatch.One(matches[0]),
            _ => new SagaIdMatch.Several(matches),
        };
    }
}
