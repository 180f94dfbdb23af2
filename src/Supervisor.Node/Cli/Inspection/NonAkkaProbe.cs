using System.Net.Sockets;
using System.Text;
using Supervisor.Domain.Text;

namespace Supervisor.Node.Cli.Inspection;

/// <summary>
/// Tells "something listens there, but it is not an Akka node" (upsd, a web server, SSH) apart from a node that
/// refused the link. An Akka node, plaintext or TLS, says nothing until the client speaks; a server that greets,
/// answers a line, or hangs up at once is something else. Without this, Akka's remoting failed on the stranger's
/// bytes with a DotNetty stack trace and the CLI blamed mutual TLS.
/// </summary>
internal static class NonAkkaProbe
{
    private static readonly TimeSpan GreetingWait = TimeSpan.FromMilliseconds(150);
    private static readonly TimeSpan AnswerWait = TimeSpan.FromSeconds(1);
    private const int ShownBytes = 60;

    /// <summary>After the connect: what the server said (or that it hung up) before we spoke; null for an Akka-like silence.</summary>
    public static async Task<string?> GreetingAsync(TcpClient connected)
    {
        var (read, closed) = await ReadAsync(connected.GetStream(), GreetingWait);
        return read.Length > 0 ? $"it speaks first ({Show(read)})" : closed ? "it closes the connection before anything is said" : null;
    }

    /// <summary>
    /// After Akka's link failed: one more connection that sends a line no TLS node or Akka node understands. A TLS
    /// node hangs up, or answers with a TLS alert (0x15 0x03 …); anything that answers otherwise is not a node.
    /// Null when the answer looks like a TLS node's (the caller then explains the TLS refusal).
    /// </summary>
    public static async Task<string?> AnswerAsync(string host, int port)
    {
        try
        {
            using var tcp = new TcpClient();
            using var connect = new CancellationTokenSource(AnswerWait);
            await tcp.ConnectAsync(host, port, connect.Token);
            var stream = tcp.GetStream();
            await stream.WriteAsync("\0\0\0\0\r\n"u8.ToArray(), connect.Token);
            var (read, _) = await ReadAsync(stream, AnswerWait);
            if (read.Length == 0 || read is [0x15, 0x03, ..]) return null;
            return $"it answers what no Akka node would ({Show(read)})";
        }
        catch (Exception e) when (e is SocketException or IOException or OperationCanceledException)
        {
            return null;
        }
    }

    public static string Message(string address, string what) =>
        $"{address} is not a Supervisor node: {what}. Is the port right? Nodes listen on their akka.remote.dot-netty.tcp.port " +
        "(4053 by default, or `supervisor run --port N`); pass --node host:port of a running node";

    private static async Task<(byte[] Read, bool Closed)> ReadAsync(NetworkStream stream, TimeSpan wait)
    {
        var buffer = new byte[ShownBytes];
        using var cts = new CancellationTokenSource(wait);
        try
        {
            var n = await stream.ReadAsync(buffer, cts.Token);
            return (buffer[..n], n == 0);
        }
        catch (OperationCanceledException)
        {
            return ([], false);
        }
        catch (IOException)
        {
            return ([], true); // reset by the peer
        }
    }

    /// <summary>Printable text quoted (escaped), binary as hex: the bytes come from a stranger.</summary>
    private static string Show(byte[] bytes)
    {
        var text = Encoding.UTF8.GetString(bytes);
        var printable = text.Count(c => !char.IsControl(c) || c is '\r' or '\n' or '\t') >= text.Length * 0.8;
        return printable
            ? $"\"{ForeignText.Escape(text.TrimEnd('\r', '\n'))}{(bytes.Length == ShownBytes ? "…" : "")}\""
            : "bytes " + Convert.ToHexString(bytes, 0, Math.Min(bytes.Length, 16)) + (bytes.Length > 16 ? "…" : "");
    }
}
