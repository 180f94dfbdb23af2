using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Supervisor.Actions.Tests.NutFsd;

/// <summary>
/// upsd before 2.8 knows MASTER, not PRIMARY. The upsd here is 2.8, so a loopback server answers as an old one does
/// (ERR UNKNOWN-COMMAND to PRIMARY, OK MASTER-GRANTED to MASTER) and records what it was sent.
/// </summary>
public sealed class OldUpsdFallbackTests
{
    [Fact]
    public async Task PRIMARY_unknown_to_an_old_upsd_falls_back_to_MASTER_and_FSD_is_set()
    {
        await using var old = new OldUpsd();
        var spec = new NutFsdSpec("127.0.0.1", old.Port, "ups1", "admin", new Secret("pw"), WaitForLogouts: true);

        var o = await ShutdownActionFactory.Create(spec).RunAsync(new ActionRun(new AgentAction("fsd", spec, TimeSpan.FromSeconds(5)), TimeProvider.System), CancellationToken.None);

        Assert.True(o.Succeeded, o.Output);
        Assert.Equal(["USERNAME admin", "PASSWORD pw", "GET NUMLOGINS ups1", "LOGIN ups1", "PRIMARY ups1", "MASTER ups1", "FSD ups1"], old.Received.Take(7));
    }

    /// <summary>Answers one connection the way upsd 2.7 does; nobody else is logged in.</summary>
    private sealed class OldUpsd : IAsyncDisposable
    {
        private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
        private readonly Task _serving;

        public List<string> Received { get; } = [];
        public int Port { get; }

        public OldUpsd()
        {
            _listener.Start();
            Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
            _serving = ServeAsync();
        }

        private async Task ServeAsync()
        {
            using var client = await _listener.AcceptTcpClientAsync();
            var stream = client.GetStream();
            using var reader = new StreamReader(stream, Encoding.ASCII);
            var loggedIn = false;
            while (await reader.ReadLineAsync() is { } line)
            {
                lock (Received) Received.Add(line);
                var reply = line.Split(' ')[0] switch
                {
                    "GET" => $"NUMLOGINS ups1 {(loggedIn ? 1 : 0)}",
                    "LOGIN" => Login(ref loggedIn),
                    "PRIMARY" => "ERR UNKNOWN-COMMAND",
                    "MASTER" => "OK MASTER-GRANTED",
                    "FSD" => "OK FSD-SET",
                    "LOGOUT" => "OK Goodbye",
                    _ => "OK",
                };
                await stream.WriteAsync(Encoding.ASCII.GetBytes(reply + "\n"));
            }
        }

        private static string Login(ref bool loggedIn)
        {
            loggedIn = true;
            return "OK";
        }

        public async ValueTask DisposeAsync()
        {
            _listener.Stop();
            try { await _serving; } catch (Exception ex) when (ex is SocketException or IOException or ObjectDisposedException) { /* the client left */ }
        }
    }
}
