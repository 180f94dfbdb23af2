using System.Diagnostics;
using Xunit;

namespace Supervisor.Tests.RealServers;

/// <summary>
/// A throw-away PostgreSQL server (initdb + pg_ctl in a temp dir, free loopback port, fsync off) for the
/// multi-host journal tests; each test gets its own database via <see cref="CreateDatabaseAsync"/>.
/// Runs the server as user postgres when the tests run as root (PostgreSQL refuses to run as root).
/// </summary>
public sealed class PostgresServer : IAsyncLifetime, IDisposable
{
    public const string NotInstalled = "PostgreSQL is not installed: run scripts/install-test-deps.sh";
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "supervisor-pg-" + Guid.NewGuid().ToString("N")[..8]);
    private string _bin = "";

    public int Port { get; private set; }

    public string ConnectionString(string database) => $"Host=127.0.0.1;Port={Port};Database={database};Username=akka;Password=akka";

    public async Task InitializeAsync()
    {
        _bin = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin")).Where(d => File.Exists(Path.Combine(d, "initdb"))).OrderBy(d => d).LastOrDefault() ?? ""
            : "";
        if (_bin.Length == 0) throw new InvalidOperationException(NotInstalled);
        Port = LoopbackPort.Free();
        Directory.CreateDirectory(_dir);
        await RunAsync("chown", "postgres:postgres", _dir);
        await AsPostgres("initdb", "-D", $"{_dir}/data", "-U", "postgres", "-A", "trust", "--auth-host=scram-sha-256", "-N", "-E", "UTF8", "--locale=C");
        await StartAsync();
        await Psql("CREATE ROLE akka LOGIN CREATEDB PASSWORD 'akka'");
    }

    /// <summary>Starts the server again after <see cref="StopAsync"/> (same port, same data).</summary>
    public Task StartAsync() => AsPostgres("pg_ctl", "-D", $"{_dir}/data", "-l", $"{_dir}/server.log", "-w", "-t", "30", "-o",
        $"-p {Port} -k {_dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200", "start");

    /// <summary>
    /// Stops the server but keeps its data, for outage tests. Fast mode (clients cut off, WAL flushed): with
    /// synchronous_commit off, an immediate stop could lose transactions already reported committed.
    /// </summary>
    public Task StopAsync() => AsPostgres("pg_ctl", "-D", $"{_dir}/data", "-m", "fast", "-w", "stop");

    /// <summary>A fresh database owned by the test role; returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync()
    {
        var name = "t_" + Guid.NewGuid().ToString("N")[..12];
        await Psql($"CREATE DATABASE {name} OWNER akka");
        return ConnectionString(name);
    }

    /// <summary>
    /// A fresh database owned by a role of its own that logs in with <paramref name="password"/> (letters and digits):
    /// for a test that looks for the password in what a node prints. Returns its connection string.
    /// </summary>
    public async Task<string> CreateDatabaseWithOwnRoleAsync(string password)
    {
        var name = "t_" + Guid.NewGuid().ToString("N")[..12];
        await Psql($"CREATE ROLE {name} LOGIN PASSWORD '{password}'");
        await Psql($"CREATE DATABASE {name} OWNER {name}");
        return $"Host=127.0.0.1;Port={Port};Database={name};Username={name};Password={password}";
    }

    private Task Psql(string sql) => AsPostgres("psql", "-qX", "-h", _dir, "-p", Port.ToString(), "-U", "postgres", "-d", "postgres", "-v", "ON_ERROR_STOP=1", "-c", sql);

    private Task AsPostgres(string tool, params string[] args) =>
        Environment.UserName == "root"
            ? RunAsync("runuser", ["-u", "postgres", "--", Path.Combine(_bin, tool), .. args])
            : RunAsync(Path.Combine(_bin, tool), args);

    private static async Task RunAsync(string file, params string[] args)
    {
        var psi = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var err = p.StandardError.ReadToEndAsync();
        var output = p.StandardOutput.ReadToEndAsync();
        await p.WaitForExitAsync();
        if (p.ExitCode != 0)
            throw new InvalidOperationException($"{file} {string.Join(' ', args)} exited {p.ExitCode}: {await err}{await output}");
    }


    public async Task DisposeAsync()
    {
        try { await AsPostgres("pg_ctl", "-D", $"{_dir}/data", "-m", "immediate", "-w", "stop"); } catch (InvalidOperationException) { /* already down */ }
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { /* best effort */ }
    }

    public void Dispose() => DisposeAsync().GetAwaiter().GetResult();
}
