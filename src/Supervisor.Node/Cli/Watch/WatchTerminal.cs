using System.Text;
using System.Threading.Channels;

namespace Supervisor.Node.Cli.Watch;

/// <summary>
/// The full-screen loop: the alternate screen with the cursor hidden, a redraw whenever the state changes, a key is
/// pressed or the window is resized (and once a second, so reading ages count up), and the terminal restored on the way
/// out. Hand-written ANSI: a frame is whole lines overwritten in place, which needs four escape sequences.
/// </summary>
internal sealed class WatchTerminal(WatchSession session, WatchState state)
{
    private const string AltScreenOn = "\e[?1049h\e[?25l", AltScreenOff = "\e[?25h\e[?1049l", Home = "\e[H", ClearLine = "\e[K", ClearBelow = "\e[J";
    private readonly Channel<ConsoleKeyInfo> _keys = Channel.CreateUnbounded<ConsoleKeyInfo>();
    private Task<bool>? _pendingChange;

    public static (int Width, int Height) Size(int fallbackWidth, int fallbackHeight)
    {
        try
        {
            return Console.IsOutputRedirected || Console.WindowWidth <= 0 ? (fallbackWidth, fallbackHeight) : (Console.WindowWidth, Console.WindowHeight);
        }
        catch (IOException) { return (fallbackWidth, fallbackHeight); }
    }

    public async Task<int> RunAsync(CancellationToken ct)
    {
        try { Console.TreatControlCAsInput = true; } // Ctrl+C quits through the same path as q, so the screen is restored
        catch (IOException) { /* stdin is not a terminal: Ctrl+C ends the process as usual */ }
        var readKeys = new Thread(ReadKeys) { IsBackground = true, Name = "watch-keys" };
        readKeys.Start();
        Console.Out.Write(AltScreenOn);
        try
        {
            var size = (Width: 0, Height: 0);
            var lastDraw = DateTime.MinValue;
            while (!ct.IsCancellationRequested)
            {
                var redraw = false;
                while (_keys.Reader.TryRead(out var key))
                {
                    if (IsQuit(key)) return 0;
                    redraw |= await HandleAsync(key, ct);
                }
                redraw |= session.Changed.Reader.TryRead(out _);
                var now = Size(120, 40);
                if (now != size) { size = now; redraw = true; Console.Out.Write("\e[2J"); } // a resize: clear what the old size left
                if (redraw || DateTime.UtcNow - lastDraw > TimeSpan.FromSeconds(1))
                {
                    Draw(size.Width, size.Height);
                    lastDraw = DateTime.UtcNow;
                }
                await WaitForInput(ct);
            }
            return 0;
        }
        finally
        {
            Console.Out.Write(AltScreenOff);
            Console.Out.Flush();
        }
    }

    /// <summary>Wakes on a key or a state change (both signal <see cref="WatchSession.Changed"/>) or after a quarter second; one wait stays pending across calls.</summary>
    private async Task WaitForInput(CancellationToken ct)
    {
        _pendingChange ??= session.Changed.Reader.WaitToReadAsync(ct).AsTask();
        try
        {
            await Task.WhenAny(_pendingChange, Task.Delay(TimeSpan.FromMilliseconds(250), ct));
        }
        catch (OperationCanceledException) { }
        if (_pendingChange.IsCompleted) _pendingChange = null;
    }

    private static bool IsQuit(ConsoleKeyInfo key) =>
        key.KeyChar is 'q' or 'Q' || key.Key == ConsoleKey.Escape || (key.Key == ConsoleKey.C && key.Modifiers.HasFlag(ConsoleModifiers.Control));

    /// <summary>←/→ (or h/l, Tab) move between devices, ↑/↓ (or m/M) between metrics, r/R between ranges; each reloads the chart.</summary>
    private async Task<bool> HandleAsync(ConsoleKeyInfo key, CancellationToken ct)
    {
        Action? move = (key.Key, key.KeyChar) switch
        {
            (ConsoleKey.RightArrow or ConsoleKey.Tab, _) or (_, 'l') => () => state.MoveDevice(1),
            (ConsoleKey.LeftArrow, _) or (_, 'h') => () => state.MoveDevice(-1),
            (ConsoleKey.DownArrow, _) or (_, 'm') => () => state.MoveMetric(1),
            (ConsoleKey.UpArrow, _) or (_, 'M') => () => state.MoveMetric(-1),
            (_, 'r') => () => state.MoveRange(1),
            (_, 'R') => () => state.MoveRange(-1),
            _ => null,
        };
        if (move is null) return false;
        session.Set(move);
        _ = session.ReloadChartAsync(ct); // the frame shows "loading history…" at once and the chart when it comes
        await Task.Yield();
        return true;
    }

    private void Draw(int width, int height)
    {
        IReadOnlyList<string> lines;
        lock (session.Gate) lines = WatchLayout.Render(state, DateTimeOffset.UtcNow, width, height, TimeZoneInfo.Local);
        var frame = new StringBuilder(Home);
        for (var i = 0; i < lines.Count; i++)
        {
            frame.Append(lines[i]).Append(ClearLine);
            if (i < lines.Count - 1) frame.Append("\r\n"); // no newline after the last row: it would scroll the screen
        }
        frame.Append(ClearBelow);
        Console.Out.Write(frame.ToString());
        Console.Out.Flush();
    }

    private void ReadKeys()
    {
        try
        {
            while (true)
            {
                _keys.Writer.TryWrite(Console.ReadKey(intercept: true));
                session.Changed.Writer.TryWrite(true); // wakes the loop
            }
        }
        catch (InvalidOperationException) { /* stdin is not a terminal: no keys, q cannot be read (Ctrl+C still ends the process) */ }
    }
}
