namespace Supervisor.Domain.Configuration.Init;

/// <summary>The <c>min-healthy</c> that <c>supervisor init</c> proposes for a group, with the reason written above it.</summary>
public sealed record MinHealthySuggestion(int MinHealthy, string Why)
{
    /// <summary>
    /// One or two devices: 1. With one there is no choice; two UPSes on dual power supplies are the usual A+B feed, where
    /// either one carries the load, so the shutdown waits until both are in trouble. Three or more: half of them,
    /// rounded up, because init cannot know how much load one device carries, and shutting down while half the
    /// fleet still holds is the safe side of that guess. The operator is told to set the real number.
    /// </summary>
    public static MinHealthySuggestion For(int members) => members switch
    {
        <= 0 => throw new ArgumentOutOfRangeException(nameof(members), members, "a group needs at least one member"),
        1 => new(1, "one device: the shutdown starts when it turns critical (nothing else can carry the load)."),
        2 => new(1, "two devices, taken as an A+B feed where either one carries the load: the shutdown starts when both are critical. " +
                    "Set 2 if one alone cannot carry it."),
        _ => new((members + 1) / 2, $"{members} devices: half of them (rounded up) must stay healthy, a cautious guess because init cannot " +
                                     "know how much load one carries. Set it to the fewest devices that can carry the whole load."),
    };
}
