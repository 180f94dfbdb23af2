namespace Supervisor.Drivers.Tests.Nut;

/// <summary>
/// In-process stand-in for upsd on 127.0.0.1 whose behaviour tests can switch at run time, to produce the
/// failures a real upsd will not (garbage, endless lines, silence, drops mid-reply).
/// </summary>
internal sealed class FakeUpsd : FakeTcpServer<string>
{
    public FakeUpsd(int port = 0) : base(port) => Behaviour = Healthy();

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

    /// <summary>upsd's requests are command lines.</summary>
    protected override Func<CancellationToken, Task<string?>> OpenReader(Stream stream)
    {
        var reader = new StreamReader(stream, Encoding.UTF8, leaveOpen: true);
        return ct => reader.ReadLineAsync(ct).AsTask();
    }
}
