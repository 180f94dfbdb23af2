using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Supervisor.Tests.RealServers;

/// <summary>
/// A real TCP server on loopback that speaks NUT's upsd protocol the way a hostile or broken one would: it can echo
/// the <c>PASSWORD</c> line back instead of OK, answer LOGIN with <c>ERR ACCESS-DENIED &lt;the password&gt;</c>, and put
/// terminal escapes, BEL, NUL and carriage returns into variables and error texts. For the tests that check that
/// nothing a device sends can print a configured secret or forge and recolour log lines.
/// </summary>
public sealed class HostileUpsd : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;
    private int _connections;

    /// <summary>VAR lines for <c>LIST VAR</c>: name → raw value (may hold control characters; quotes are escaped).</summary>
    public IReadOnlyDictionary<string, string> Variables { get; init; } = new Dictionary<string, string> { ["ups.status"] = "OL" };

    /// <summary>Set: <c>LIST VAR</c> is answered with this <c>ERR …</c> line instead.</summary>
    public string? ListVarError { get; init; }

    /// <summary>Odd connections get their PASSWORD line echoed back; even ones get OK, then LOGIN gets ERR ACCESS-DENIED with the password.</summary>
    public bool LeakPassword { get; init; }

    /// <summary>Every password a client sent (to prove the test configured what it looks for).</summary>
    public List<string> PasswordsSeen { get; } = [];

    public int Port { get; }

    public HostileUpsd()
    {
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _accepting = AcceptAsync();
    }

    private async Task AcceptAsync()
    {
        try
        {
            while (true)
            {
                var client = await _listener.AcceptTcpClientAsync(_stop.Token);
                _ = ServeAsync(client, Interlocked.Increment(ref _connections));
            }
        }
        catch (Exception) when (_stop.IsCancellationRequested)
        {
            // stopped
        }
    }

    private async Task ServeAsync(TcpClient client, int connection)
    {
        using var _ = client;
        try
        {
            var stream = client.GetStream();
            using var reader = new StreamReader(stream, Encoding.UTF8);
            string? password = null;
            while (await reader.ReadLineAsync(_stop.Token) is { } line)
            {
                var answer = Answer(line, connection, ref password);
                await stream.WriteAsync(Encoding.UTF8.GetBytes(answer), _stop.Token);
            }
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or ObjectDisposedException or SocketException)
        {
            // the client hung up, or the test is over
        }
    }

    private string Answer(string line, int connection, ref string? password)
    {
        var (command, argument) = line.IndexOf(' ') is var i and > 0 ? (line[..i], line[(i + 1)..]) : (line, "");
        switch (command)
        {
            case "USERNAME": return "OK\n";
            case "PASSWORD":
                password = argument.Trim('"');
                lock (PasswordsSeen) PasswordsSeen.Add(password);
                return LeakPassword && connection % 2 == 1 ? line + "\n" : "OK\n";
            case "LOGIN": return LeakPassword ? $"ERR ACCESS-DENIED {password}\n" : "OK\n";
            case "LOGOUT": return "OK Goodbye\n";
            case "LIST" when argument.StartsWith("VAR ", StringComparison.Ordinal):
                if (ListVarError is not null) return ListVarError + "\n";
                var ups = argument[4..].Trim('"');
                var body = string.Concat(Variables.Select(v => $"VAR {ups} {v.Key} \"{v.Value.Replace("\\", "\\\\").Replace("\"", "\\\"")}\"\n"));
                return $"BEGIN LIST VAR {ups}\n{body}END LIST VAR {ups}\n";
            default: return "ERR UNKNOWN-COMMAND\n";
        }
    }

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        _listener.Stop();
        await _accepting;
        _stop.Dispose();
    }
}
