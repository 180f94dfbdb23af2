using System.Text.Json;
using System.Text.Json.Serialization;

namespace Supervisor.Benchmarks.Scale;

/// <summary>
/// Parent ↔ <c>scale-node</c> child, one line each way over stdin/stdout. The parent sends a command; the child
/// answers with one line "bench:REPLY {json}". The prefix keeps replies apart from the node's own log lines, which
/// share stdout. EOF on stdin (the parent died) stops the node too.
/// </summary>
public static class ScaleNodeProtocol
{
    public const string Prefix = "bench:";

    /// <summary>Child → parent once its host has started (the node is joining).</summary>
    public const string Started = "started";

    /// <summary>→ <see cref="NodeSample"/> for the time since the previous sample.</summary>
    public const string Sample = "sample";

    /// <summary>Snapshot and start the window histograms → "window-started".</summary>
    public const string WindowStart = "window-start";

    /// <summary>→ <see cref="NodeWindow"/>.</summary>
    public const string WindowStop = "window-stop";

    /// <summary>Stop the host and exit.</summary>
    public const string Stop = "stop";

    /// <summary>An empty interval's percentiles are NaN, which plain JSON cannot carry.</summary>
    private static readonly JsonSerializerOptions Json = new() { NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals };

    public static string Reply(string name, object? body = null) => Prefix + name + (body is null ? "" : " " + JsonSerializer.Serialize(body, Json));

    public static T Parse<T>(string replyLine)
    {
        var space = replyLine.IndexOf(' ');
        return JsonSerializer.Deserialize<T>(replyLine[(space + 1)..], Json) ?? throw new InvalidOperationException($"empty reply: {replyLine}");
    }
}

/// <summary>One node's progress since its previous sample.</summary>
/// <param name="Hosting">What this node runs: "singleton", "N partitions", or "-" (see <see cref="ScaleNode"/>).</param>
public sealed record NodeSample(long Reports, double Seconds, double P99, double Max, double CpuCores, long Rss, int UpMembers, string Hosting);

/// <summary>One node's measured window: its histograms and the process snapshots around it.</summary>
public sealed record NodeWindow(LogHistogram.Counts Latency, LogHistogram.Counts Polls, ProcessSnapshot Before, ProcessSnapshot After, string Hosting)
{
    public WindowFigures Figures => new(LogHistogram.Merge([Latency]), LogHistogram.Merge([Polls]), Before, After);
}
