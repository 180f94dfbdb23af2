namespace Supervisor.Node.Cli.History;

/// <summary>What <c>history</c> and <c>events</c> ask for when not told otherwise: the same for the CLI and the HTTP API.</summary>
public static class HistoryQueryDefaults
{
    /// <summary>History window back from now.</summary>
    public const string HistorySince = "6h";

    /// <summary>Points at most for machine output (JSON, CSV, the API); a chart uses its width.</summary>
    public const int MachinePoints = 500;

    /// <summary>Events from this far back.</summary>
    public const string EventsSince = "24h";

    public const int EventsLimit = 200;
}
