using System.Net.Sockets;
using System.Text;
using Akka.Event;
using Supervisor.Actors.NutServer;
using Supervisor.Domain.Configuration;
using Supervisor.Domain.Nut;
using Supervisor.Tests.RealServers;

namespace Supervisor.Actors.Tests.NutServer;

/// <summary>
/// The thin TCP side against hostile clients, on a real loopback socket: an over-long line is refused and closed, extra
/// connections are refused, a silent client is closed, and after a few hundred random lines the server still answers VER.
/// </summary>
public sealed class NutTcpServerTests : IAsyncLifetime
{
    private static readonly NutUserSettings Boss = new("boss", new Secret("boss-pw"), NutUserRole.Primary);
    private readonly NutSnapshotBox _box = new();
    private readonly List<(string Ups, NutSession Session)> _fsd = [];
    private NutTcpServer _server = null!;

    private static NutServerSettings Settings(int maxConnections = 4, TimeSpan? idle = null) =>
        NutServerSettings.Off with
        {
            Enabled = true, Port = 0, Users = [Boss], MaxConnections = maxConnections, MaxLineLength = 128, IdleTimeout = idle ?? TimeSpan.FromSeconds(30),
        };

    private async Task Start(NutServerSettings settings)
    {
        _box.Ups = [new VirtualUps("rack-a", "Supervisor group rack-a", [new("ups.status", "OL")])];
        _server = new NutTcpServer(settings, _box, (ups, s) => { lock (_fsd) _fsd.Add((ups, s)); }, NoLogger.Instance);
        _server.Start();
        await Task.CompletedTask;
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task A_line_longer_than_max_line_length_should_get_err_and_the_connection_closed()
    {
        await Start(Settings());
        using var c = await Client.ConnectAsync(_server);
        await c.SendAsync(new string('A', 500) + "\n");
        Assert.Equal("ERR INVALID-ARGUMENT", await c.ReadLineAsync());
        Assert.Null(await c.ReadLineAsync()); // closed by the server
        using var next = await Client.ConnectAsync(_server);
        Assert.Equal(NutProtocol.Version, await next.AskAsync("VER"));
    }

    [Fact]
    public async Task Connections_beyond_max_connections_should_be_refused_with_err_and_the_others_kept()
    {
        await Start(Settings(maxConnections: 2));
        using var a = await Client.ConnectAsync(_server);
        using var b = await Client.ConnectAsync(_server);
        Assert.Equal("1.3", await a.AskAsync("NETVER"));
        Assert.Equal("1.3", await b.AskAsync("NETVER"));
        using var extra = await Client.ConnectAsync(_server);
        Assert.Equal("ERR MAX-CONNECTIONS-REACHED", await extra.ReadLineAsync());
        Assert.Equal("VAR rack-a ups.status \"OL\"", await a.AskAsync("GET VAR rack-a ups.status"));
    }

    [Fact]
    public async Task A_silent_client_should_be_closed_after_idle_timeout()
    {
        await Start(Settings(idle: TimeSpan.FromMilliseconds(500)));
        using var c = await Client.ConnectAsync(_server);
        var read = c.ReadLineAsync();
        Assert.Same(read, await Task.WhenAny(read, Task.Delay(TimeSpan.FromSeconds(20))));
        Assert.Null(await read);
    }

    [Fact]
    public async Task Numlogins_should_count_logged_in_clients_and_drop_when_one_disconnects()
    {
        await Start(Settings());
        using var watcher = await Client.ConnectAsync(_server);
        using (var c = await Client.ConnectAsync(_server))
        {
            foreach (var line in new[] { "USERNAME boss", "PASSWORD boss-pw", "LOGIN rack-a" }) Assert.Equal("OK", await c.AskAsync(line));
            Assert.Equal("NUMLOGINS rack-a 1", await watcher.AskAsync("GET NUMLOGINS rack-a"));
            Assert.Equal("OK FSD-SET", await c.AskAsync("FSD rack-a"));
        }
        await Eventually(async () => await watcher.AskAsync("GET NUMLOGINS rack-a") == "NUMLOGINS rack-a 0");
        lock (_fsd) Assert.Equal("rack-a", Assert.Single(_fsd).Ups);
    }

    [Fact]
    public async Task Server_should_survive_hundreds_of_random_lines_and_still_answer_ver()
    {
        await Start(Settings(maxConnections: 8));
        var random = new Random(20261207);
        const string alphabet = "VERGTLISUPAMOFDN rack-a.\"\\\t\r -_09\u0000\u00e9";
        for (var round = 0; round < 10; round++)
        {
            using var c = await Client.ConnectAsync(_server);
            var sb = new StringBuilder();
            for (var i = 0; i < 40; i++)
            {
                var length = random.Next(0, i % 10 == 9 ? 400 : 60); // some over the 128-byte cap
                for (var k = 0; k < length; k++) sb.Append(alphabet[random.Next(alphabet.Length)]);
                sb.Append('\n');
            }
            await c.SendAsync(sb.ToString());
            await c.DrainAsync(); // the server answers what it can, then closes on an over-long line or a LOGOUT it made up
        }
        // Raw random bytes (not UTF-8) as well.
        using (var raw = await Client.ConnectAsync(_server))
        {
            var bytes = new byte[2000];
            random.NextBytes(bytes);
            await raw.SendAsync(bytes);
            await raw.DrainAsync();
        }
        using var after = await Client.ConnectAsync(_server);
        Assert.Equal(NutProtocol.Version, await after.AskAsync("VER"));
    }

    private static async Task Eventually(Func<Task<bool>> done)
    {
        var until = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (!await done())
        {
            if (DateTime.UtcNow > until) throw new Xunit.Sdk.XunitException("not within 10 s");
            await Task.Delay(50);
        }
    }

    /// <summary>A line-based NUT client over a raw socket, every read bounded by a timeout.</summary>
    private sealed class Client : IDisposable
    {
        private readonly TcpClient _tcp;
        private readonly StreamReader _reader;

        private Client(TcpClient tcp)
        {
            _tcp = tcp;
            _reader = new StreamReader(tcp.GetStream(), Encoding.UTF8);
        }

        public static async Task<Client> ConnectAsync(NutTcpServer server)
        {
            var tcp = new TcpClient();
            await tcp.ConnectAsync(server.Endpoint!);
            return new Client(tcp);
        }

        public Task SendAsync(string text) => SendAsync(Encoding.UTF8.GetBytes(text));

        public async Task SendAsync(byte[] bytes)
        {
            try { await _tcp.GetStream().WriteAsync(bytes); }
            catch (IOException) { /* the server may close mid-write after an over-long line; that is the behaviour under test */ }
        }

        public async Task<string?> AskAsync(string line)
        {
            await SendAsync(line + "\n");
            return await ReadLineAsync();
        }

        public async Task<string?> ReadLineAsync()
        {
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(15));
            try { return await _reader.ReadLineAsync(cts.Token); }
            catch (IOException) { return null; } // reset by the server
        }

        /// <summary>Reads until the server closes or goes quiet for a second.</summary>
        public async Task DrainAsync()
        {
            while (true)
            {
                using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(1));
                try { if (await _reader.ReadLineAsync(cts.Token) is null) return; }
                catch (Exception e) when (e is OperationCanceledException or IOException) { return; }
            }
        }

        public void Dispose() => _tcp.Dispose();
    }
}
