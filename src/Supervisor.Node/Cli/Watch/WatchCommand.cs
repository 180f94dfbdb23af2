using System.Globalization;

namespace Supervisor.Node.Cli.Watch;

/// <summary>
/// <c>supervisor watch [--node host:port] [--group G] [--once]</c>: the fleet live in the terminal. It reads the node's
/// HTTP live stream rather than asking over Akka as <c>status</c> does: the stream pushes every change (the Akka path
/// only answers questions, so it would have to poll), it already fans out to many viewers without slowing the core
/// (design §11), and it resumes after a drop. So <c>--node</c> here is the node's HTTP listen address, and an API key is
/// needed. Exit 0 = quit with q (or --once printed), 2 = no answer or a bad option.
/// </summary>
internal static class WatchCommand
{
    public const string ApiKeyVariable = "SUPERVISOR_API_KEY";
    public const string DefaultNode = "127.0.0.1:8080";

    public static Command Create()
    {
        var node = new Option<string>("--node", "-n") { Description = $"The node's HTTP API, host:port (its supervisor.http.listen; default {DefaultNode}) or an http(s):// URL.", DefaultValueFactory = _ => DefaultNode };
        var apiKey = new Option<string?>("--api-key") { Description = $"An API key (any role). Default: ${ApiKeyVariable}.", DefaultValueFactory = _ => Environment.GetEnvironmentVariable(ApiKeyVariable) };
        var group = new Option<string?>("--group", "-g") { Description = "Only this group, its member devices and its sagas." };
        var once = new Option<bool>("--once") { Description = "Print one frame and exit (for scripts)." };
        var interval = new Option<int>("--interval") { Description = "When stdout is not a terminal: seconds between status lines (default 5).", DefaultValueFactory = _ => 5 };
        var command = new Command("watch", "A live full-screen view of devices, groups, the running saga, events and a history chart (keys: ←/→ device, ↑/↓ metric, r range, q quit).")
            { node, apiKey, group, once, interval };
        command.SetAction((p, ct) => RunAsync(p.GetValue(node)!, p.GetValue(apiKey), p.GetValue(group), p.GetValue(once), p.GetValue(interval), ct));
        return command;
    }

    private static async Task<int> RunAsync(string nodeText, string? apiKey, string? group, bool once, int interval, CancellationToken ct)
    {
        if (WatchClient.ParseNode(nodeText, out var bad) is not { } baseAddress) return Fail(bad!);
        if (interval < 1) return Fail($"--interval {interval} must be at least 1 (seconds between lines)");
        using var client = new WatchClient(baseAddress, apiKey);
        var state = new WatchState($"{baseAddress.Host}:{baseAddress.Port}", group);
        var session = new WatchSession(client, state, TimeProvider.System);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var stream = session.RunAsync(stop.Token);
        try
        {
            await session.FirstSnapshot.WaitAsync(TimeSpan.FromSeconds(30), ct);
        }
        catch (Exception e) when (e is WatchUnavailableException or HttpRequestException or TimeoutException)
        {
            await stop.CancelAsync();
            return Fail(e is TimeoutException ? $"the node at {baseAddress} sent no snapshot within 30 s" : e.Message);
        }
        if (group is not null && state.Groups.Count == 0)
        {
            await stop.CancelAsync();
            return Fail($"--group \"{group}\" is not a group of this node; `supervisor status` lists them");
        }
        var exit = once ? PrintOnce(session, state)
            : Console.IsOutputRedirected ? await PlainLinesAsync(session, state, interval, stop.Token)
            : await new WatchTerminal(session, state).RunAsync(stop.Token);
        await stop.CancelAsync();
        try { await stream; } catch (OperationCanceledException) { }
        return exit;
    }

    private static int PrintOnce(WatchSession session, WatchState state)
    {
        var (width, height) = WatchTerminal.Size(fallbackWidth: 120, fallbackHeight: 40);
        IReadOnlyList<string> lines;
        lock (session.Gate) lines = WatchLayout.Render(state, DateTimeOffset.UtcNow, width, height, TimeZoneInfo.Local);
        // The frame fills the screen with blank rows; a script wants only the rows with something in them.
        var used = lines.Count;
        while (used > 0 && lines[used - 1].Length == 0) used--;
        foreach (var line in lines.Take(used)) Console.Out.WriteLine(line);
        return 0;
    }

    /// <summary>Not a terminal (a pipe, a log file): one line per device and group every few seconds, from the same live state.</summary>
    private static async Task<int> PlainLinesAsync(WatchSession session, WatchState state, int interval, CancellationToken ct)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(interval));
        do
        {
            lock (session.Gate)
                foreach (var line in PlainLines(state, DateTimeOffset.UtcNow))
                    Console.Out.WriteLine(line);
            await Console.Out.FlushAsync(ct);
        } while (await Wait(timer, ct));
        return 0;
    }

    internal static IEnumerable<string> PlainLines(WatchState state, DateTimeOffset now)
    {
        var time = now.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        foreach (var d in state.Devices)
            yield return $"{time} device {d.Id} {d.Health} {(d.OnBattery == true ? "OB" : d.OnBattery == false ? "OL" : "?")} charge={F(d.ChargePercent)} " +
                         $"runtime={F(d.RuntimeSeconds)} load={F(d.LoadPercent)} power={F(d.PowerWatts)} age={(d.LastReadingAt is { } at ? F((now - at).TotalSeconds) : "-")}";
        foreach (var g in state.Groups)
            yield return $"{time} group {g.Id} {g.State} healthy={g.Healthy?.ToString(CultureInfo.InvariantCulture) ?? "-"} min-healthy={g.MinHealthy} members={g.Members}";
        if (state.Saga?.Saga is { Status: "RUNNING" } s)
            yield return $"{time} saga {s.SagaId} RUNNING phase={s.PhaseNumber}/{s.Phases} {s.Phase} ok={s.Succeeded} failed={s.Failed} unfinished={s.Unfinished}";
    }

    private static string F(double? v) => v is { } x ? x.ToString("0.#", CultureInfo.InvariantCulture) : "-";

    private static async Task<bool> Wait(PeriodicTimer timer, CancellationToken ct)
    {
        try { return await timer.WaitForNextTickAsync(ct); }
        catch (OperationCanceledException) { return false; }
    }

    private static int Fail(string message)
    {
        Console.Error.WriteLine($"supervisor: {message}");
        return 2;
    }
}
