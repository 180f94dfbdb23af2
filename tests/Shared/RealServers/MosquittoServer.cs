using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using Xunit;

namespace Supervisor.Tests.RealServers;

/// <summary>
/// A real mosquitto 2 broker on a free loopback port with a generated config (no persistence, log to stdout), installed
/// by scripts/test-deps/mosquitto.sh. With <see cref="Users"/> it requires a login (a password file written with
/// mosquitto_passwd); without, anonymous clients may connect. <see cref="StopAsync"/> and <see cref="StartAsync"/>
/// take it away and bring it back on the same port (reconnect tests). Fails (never skips) when mosquitto is missing.
/// </summary>
public sealed class MosquittoServer : IAsyncLifetime, IDisposable
{
    public const string Binary = "/usr/sbin/mosquitto";
    public const string NotInstalled = "mosquitto is not installed: run scripts/install-test-deps.sh";
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(15);

    private readonly ConcurrentQueue<string> _log = new();
    private Process? _process;

    public string Host => "127.0.0.1";
    public int Port { get; } = LoopbackPort.Free();
    public string Directory { get; } = System.IO.Directory.CreateTempSubdirectory("supervisor-mosquitto-").FullName;

    /// <summary>With a server certificate (and its key): a second listener on <see cref="TlsPort"/> speaks TLS with it.</summary>
    public X509Certificate2? TlsCertificate { get; init; }

    public int TlsPort { get; } = LoopbackPort.Free();

    /// <summary>Users the broker requires (name → password); empty: anonymous access.</summary>
    public Dictionary<string, string> Users { get; } = [];

    /// <summary>The broker's log since the start.</summary>
    public string Log => string.Join('\n', _log);

    public async Task InitializeAsync() => await StartAsync();

    public async Task StartAsync()
    {
        if (!File.Exists(Binary)) throw new InvalidOperationException($"{NotInstalled} ({Binary} not found)");
        if (_process is not null) return;
        var config = Path.Combine(Directory, "mosquitto.conf");
        var lines = new List<string> { $"listener {Port} 127.0.0.1", "persistence false", "log_dest stdout", "log_type all", "user root" };
        if (Users.Count > 0)
        {
            var passwords = Path.Combine(Directory, "passwords");
            File.WriteAllText(passwords, "");
            foreach (var (user, password) in Users) await RunAsync("/usr/bin/mosquitto_passwd", "-b", passwords, user, password);
            lines.AddRange(["allow_anonymous false", $"password_file {passwords}"]);
        }
        else lines.Add("allow_anonymous true");
        if (TlsCertificate is { } cert)
        {
            File.WriteAllText(Path.Combine(Directory, "server.pem"), cert.ExportCertificatePem());
            File.WriteAllText(Path.Combine(Directory, "server.key"), cert.GetRSAPrivateKey()!.ExportRSAPrivateKeyPem());
            lines.AddRange([$"listener {TlsPort} 127.0.0.1", $"certfile {Path.Combine(Directory, "server.pem")}", $"keyfile {Path.Combine(Directory, "server.key")}"]);
        }
        File.WriteAllLines(config, lines);
        var info = new ProcessStartInfo(Binary) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add(config);
        _process = Process.Start(info) ?? throw new InvalidOperationException($"could not start {Binary}");
        _process.OutputDataReceived += (_, e) => { if (e.Data is not null) _log.Enqueue(e.Data); };
        _process.ErrorDataReceived += (_, e) => { if (e.Data is not null) _log.Enqueue(e.Data); };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        var until = DateTime.UtcNow + ReadyTimeout;
        while (DateTime.UtcNow < until)
        {
            if (_process.HasExited) throw new InvalidOperationException($"mosquitto exited with {_process.ExitCode}:\n{Log}");
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(Host, Port);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(50);
            }
        }
        throw new TimeoutException($"mosquitto did not listen on {Host}:{Port} within {ReadyTimeout.TotalSeconds}s:\n{Log}");
    }

    /// <summary>Kills the broker (clients see the connection drop, as when a broker host dies).</summary>
    public async Task StopAsync()
    {
        if (_process is not { } p) return;
        _process = null;
        try { p.Kill(); } catch (InvalidOperationException) { }
        await p.WaitForExitAsync();
        p.Dispose();
    }

    private static async Task RunAsync(string program, params string[] args)
    {
        var info = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args) info.ArgumentList.Add(a);
        using var p = Process.Start(info)!;
        var stderr = await p.StandardError.ReadToEndAsync();
        await p.WaitForExitAsync();
        if (p.ExitCode != 0) throw new InvalidOperationException($"{program} failed ({p.ExitCode}): {stderr}");
    }

    public async Task DisposeAsync()
    {
        await StopAsync();
        Dispose();
    }

    public void Dispose()
    {
        _process?.Kill();
        try { System.IO.Directory.Delete(Directory, recursive: true); } catch (IOException) { }
    }
}
