using System.Threading.Channels;
using Supervisor.Actors.Live;

namespace Supervisor.Node.Cli.Watch;

/// <summary>
/// Keeps a <see cref="WatchState"/> current: reads the live stream (and resumes it with Last-Event-ID when it drops),
/// backfills the chart from history when the device, metric or range changes, and fetches the newest saga's steps when
/// a saga event or a quorum change says it moved. Nothing is polled on a timer. Every change of the state is made under
/// <see cref="Gate"/> and signalled on <see cref="Changed"/>.
/// </summary>
internal sealed class WatchSession(WatchClient client, WatchState state, TimeProvider clock)
{
    private const int ChartPoints = 240;
    private static readonly TimeSpan EventsBackfill = TimeSpan.FromHours(1);
    private static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(2);
    private readonly TaskCompletionSource _snapshot = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _chartAsk, _sagaAsk;

    public object Gate { get; } = new();
    public Channel<bool> Changed { get; } = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    /// <summary>Completes when the first snapshot is in (with the chart and saga loaded), or fails when the first connection does.</summary>
    public Task FirstSnapshot => _snapshot.Task;

    public async Task RunAsync(CancellationToken ct)
    {
        string? lastId = null;
        while (!ct.IsCancellationRequested)
        {
            try
            {
                await foreach (var frame in client.StreamAsync(lastId, ct))
                {
                    lastId = frame.Id ?? lastId;
                    await ApplyAsync(frame, ct);
                }
                Set(() => state.Connection = "stream ended, resuming");
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested) { return; }
            catch (Exception e) when (e is WatchUnavailableException or HttpRequestException or IOException or JsonException)
            {
                if (!_snapshot.Task.IsCompleted) { _snapshot.TrySetException(e); return; } // the first connection: the command reports it
                Set(() => state.Connection = $"reconnecting ({Short(e)})");
            }
            try { await Task.Delay(RetryAfter, ct); } catch (OperationCanceledException) { return; }
        }
    }

    private async Task ApplyAsync(WatchClient.Frame frame, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        switch (frame.Event)
        {
            case "snapshot":
                Set(() => { state.ApplySnapshot(frame.As<StatusView>(), now); state.Connection = "live"; });
                await Task.WhenAll(ReloadChartAsync(ct), ReloadSagaAsync(ct), BackfillEventsAsync(ct));
                _snapshot.TrySetResult();
                break;
            case "device":
                Set(() => { state.ApplyDevice(frame.As<DeviceView>(), now); state.Connection = "live"; });
                break;
            case "group":
                Set(() => state.ApplyGroup(frame.As<LiveGroupView>()));
                _ = ReloadSagaAsync(ct); // a quorum change starts or aborts a saga
                break;
            case "event":
                var e = frame.As<EventView>();
                Set(() => state.ApplyEvent(e));
                if (e.Kind.StartsWith("saga", StringComparison.Ordinal)) _ = ReloadSagaAsync(ct);
                break;
        }
    }

    /// <summary>Backfills the chart for the selected device, metric and range; an answer overtaken by a newer ask is dropped.</summary>
    public async Task ReloadChartAsync(CancellationToken ct)
    {
        var ask = Interlocked.Increment(ref _chartAsk);
        string? device; string metric; TimeSpan span;
        lock (Gate) (device, metric, span) = (state.Selected?.Id, state.Metric, state.Range.Span);
        if (device is null) return;
        Set(() => { state.Chart.Clear(); state.ChartNote = "loading history…"; });
        try
        {
            var (view, why) = await client.HistoryAsync(device, metric, span, ChartPoints, ct);
            if (Interlocked.Read(ref _chartAsk) != ask) return;
            Set(() =>
            {
                state.Chart.Clear();
                state.ChartUnit = view?.Unit ?? "";
                state.ChartNote = why ?? (view!.Points.Count == 0 ? $"no {metric} stored for {device} in the last {state.Range.Name}" : null);
                if (view is not null) state.Chart.AddRange(view.Points.Select(p => new TerminalChart.Point(p.Time, p.Avg)));
            });
        }
        catch (Exception e) when (e is WatchUnavailableException or HttpRequestException or IOException or JsonException)
        {
            if (Interlocked.Read(ref _chartAsk) == ask) Set(() => state.ChartNote = $"history unavailable: {Short(e)}");
        }
        catch (OperationCanceledException) { }
    }

    /// <summary>The latest events from the history store, so a fresh view is not empty until the next event happens.</summary>
    private async Task BackfillEventsAsync(CancellationToken ct)
    {
        try
        {
            var events = await client.RecentEventsAsync(state.Group, EventsBackfill, ct);
            Set(() => state.BackfillEvents(events));
        }
        catch (Exception e) when (e is HttpRequestException or IOException or JsonException) { /* live events still come */ }
        catch (OperationCanceledException) { }
    }

    private async Task ReloadSagaAsync(CancellationToken ct)
    {
        var ask = Interlocked.Increment(ref _sagaAsk);
        try
        {
            var saga = await client.LatestSagaAsync(state.Group, ct);
            if (Interlocked.Read(ref _sagaAsk) == ask) Set(() => state.Saga = saga);
        }
        catch (Exception e) when (e is WatchUnavailableException or HttpRequestException or IOException or JsonException) { /* the next saga event asks again */ }
        catch (OperationCanceledException) { }
    }

    /// <summary>Changes the state under the gate and asks for a redraw.</summary>
    public void Set(Action change)
    {
        lock (Gate) change();
        Changed.Writer.TryWrite(true);
    }

    private static string Short(Exception e) => e.Message.Length > 80 ? e.Message[..80] + "…" : e.Message;
}
