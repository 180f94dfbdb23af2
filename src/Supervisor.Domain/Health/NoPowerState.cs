using Supervisor.Domain.Readings;

namespace Supervisor.Domain.Health;

/// <summary>Words for a reply that says neither on line nor on battery, for health reasons and logs.</summary>
internal static class NoPowerState
{
    /// <param name="sensing">What sensing found missing (a plug's relay is off, a meter has no voltage), if that is the cause.</param>
    public static string Describe(Reading r, string? sensing)
    {
        if (sensing is not null) return sensing;
        var status = r.RawStatus.Trim();
        if (status.Length == 0) return "empty status, which says neither on line nor on battery";
        // NUT: a driver answers WAIT while it initialises (about a second after it starts); upsd does too right after a restart.
        if (status.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries).Contains("WAIT"))
            return $"status {status} (driver initialising)";
        return $"status {status} says neither on line nor on battery";
    }
}
