using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Supervisor.Drivers.Tests.Nut;

/// <summary>
/// In-process stand-in for upsd on 127.0.0.1 whose behaviour tests can switch at run time, to produce the
/// failures a real upsd will not (garbage, endless lines, silence, drops mid-reply).
/// </summary>
internal sealed class FakeUpsd : FakeTcpServer
{
    /// <summary>Handles one command line of one connection; writes the reply, may close the socket.</summary>
    public delegate Task Handler(string command, Stream stream, CancellationToken ct);


    public FakeUpsd(int port = 0) : base(port)
    {
    }

    /// <summary>Every command line received, in order.</summary>
    public ConcurrentQueue<string> Received { get; } = new();

    public Handler Behaviour { get; set; } = Healthy();

    /// <summary>A upsd with UPS "ups1" on line; USERNAME/PASSWORD/LOGIN accepted.</summary>
    public static Handler Healthy(string status = "OL") => (command, stream, ct) => command switch
    {
        "LIST VAR ups1" => Write(stream, ct,
            "BEGIN LIST VAR ups1", "VAR ups1 battery.charge \"97\"", "VAR ups1 battery.runtime \"1800\"",
            $"VAR ups1 ups.status \"{status}\"", "END LIST VAR ups1"),
        "GET VAR ups1 ups.status" => Write(stream, ct, $"VAR ups1 ups.status \"{status}\""),
        "LOGOUT" => Write(stream, ct, "OK Goodbye"),
        _ when command.StartsWith("LIST VAR ", StringComparison.Ordinal) => Write(stream, ct, "ERR UNKNOWN-UPS"),
        _ when command.Split(' ')[0] is "USERNAME" or "PASSWORD" or "LOGIN" => Write(stream, ct, "OK"),
        _ => Write(stream, ct, "ERR UNKNOWN-COMMAND"),
    };

    /// <summary>Answers LIST VAR with <paramref name="reply"/> (raw, line ends included); everything else as healthy.</summary>
    public static Handler OnList(string reply, bool thenClose = false) => async (command, stream, ct) =>
    {
        if (!command.StartsWith("LIST VAR", StringComparison.Ordinal))
        {
            await Healthy()(command, stream, ct);
            return;
        }
        await stream.WriteAsync(Encoding.UTF8.GetBytes(reply), ct);
        await stream.FlushAsync(ct);
        if (thenClose) stream.Close();
    };

    public static async Task Write(Stream stream, CancellationToken ct, params string[] lines)
    {
        await stream.WriteAsync(Encoding.UTF8.GetBytes(string.Concat(lines.Select(l => l + "\n"))), ct);
        await stream.FlushAsync(ct);
    }

    protected override async Task ServeAsync(TcpClient client, CancellationToken stop)
    {
        var stream = client.GetStream();
        using var reader = new StreamReader(stream, Encoding.UTF8, leaveOpen: true);
        while (await reader.ReadLineAsync(stop) is { } line)
        {
            Received.Enqueue(line);
            await Behaviour(line, stream, stop);
        }
    }

}
