using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Sockets;
using Xunit;

namespace Supervisor.Tests.RealServers;

/// <summary>
/// A real OpenSSH sshd on a free loopback port, everything in a temp dir (recipe: shared/web-testing.md "SSH"): its own
/// ed25519 host key, a client key in <see cref="AuthorizedKeysFile"/>, key login only, for the current user (root here).
/// One per test class (<c>IClassFixture&lt;SshServer&gt;</c>). Fails (never skips) when sshd is missing.
/// </summary>
public sealed class SshServer : IAsyncLifetime
{
    public const string SshdPath = "/usr/sbin/sshd";
    public const string NotInstalled = "OpenSSH's sshd is not installed: run scripts/install-test-deps.sh (scripts/test-deps/sshd.sh)";
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(15);
    private readonly ConcurrentQueue<string> _log = new();
    private Process? _sshd;

    public string Directory { get; } = Path.Combine(Path.GetTempPath(), "supervisor-sshd-" + Guid.NewGuid().ToString("N")[..8]);
    public string Host => "127.0.0.1";
    public int Port { get; private set; }
    public string User => Environment.UserName;

    /// <summary>The private key sshd accepts (its .pub is in <see cref="AuthorizedKeysFile"/>).</summary>
    public string ClientKey => Path.Combine(Directory, "client");
    public string AuthorizedKeysFile => Path.Combine(Directory, "authorized_keys");

    /// <summary>sshd's host key fingerprint as ssh-keygen -lf prints it ("SHA256:…").</summary>
    public string HostKeyFingerprint { get; private set; } = "";

    /// <summary>A known_hosts file with this sshd's key as <c>[127.0.0.1]:PORT ssh-ed25519 …</c>.</summary>
    public string KnownHostsFile => Path.Combine(Directory, "known_hosts");

    public async Task InitializeAsync()
    {
        if (!File.Exists(SshdPath) || !File.Exists("/usr/bin/ssh-keygen")) throw new InvalidOperationException(NotInstalled);
        System.IO.Directory.CreateDirectory(Directory);
        System.IO.Directory.CreateDirectory("/run/sshd"); // sshd's privilege-separation dir; apt starts no sshd here to make it
        var hostKey = await NewKeyAsync("host");
        await NewKeyAsync("client");
        File.Copy(ClientKey + ".pub", AuthorizedKeysFile);
        HostKeyFingerprint = (await RunAsync("ssh-keygen", "-lf", hostKey + ".pub")).Split(' ')[1];
        Port = LoopbackPort.Free();
        var pub = File.ReadAllText(hostKey + ".pub").Split(' ');
        File.WriteAllText(KnownHostsFile, $"[{Host}]:{Port} {pub[0]} {pub[1]}\n");
        var config = Path.Combine(Directory, "sshd_config");
        File.WriteAllText(config, $"""
            Port {Port}
            ListenAddress {Host}
            HostKey {hostKey}
            AuthorizedKeysFile {AuthorizedKeysFile}
            PidFile {Path.Combine(Directory, "sshd.pid")}
            PasswordAuthentication no
            KbdInteractiveAuthentication no
            PermitRootLogin prohibit-password
            StrictModes no
            UsePAM no
            LogLevel VERBOSE
            """ + "\n");
        var start = new ProcessStartInfo(SshdPath, ["-D", "-e", "-f", config]) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        _sshd = Process.Start(start) ?? throw new InvalidOperationException("could not start sshd");
        _sshd.OutputDataReceived += (_, e) => { if (e.Data is not null) _log.Enqueue(e.Data); };
        _sshd.ErrorDataReceived += (_, e) => { if (e.Data is not null) _log.Enqueue(e.Data); };
        _sshd.BeginOutputReadLine();
        _sshd.BeginErrorReadLine();
        await WaitForBannerAsync();
    }

    /// <summary>A fresh ed25519 key pair in the temp dir (a wrong client key, another host's key); returns the private key's path.</summary>
    public async Task<string> NewKeyAsync(string name)
    {
        var path = Path.Combine(Directory, name);
        if (!File.Exists(path)) await RunAsync("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", $"supervisor-test-{name}", "-f", path);
        return path;
    }

    /// <summary>sshd's log so far (it runs with -e), for failure messages.</summary>
    public string Log() => string.Join("\n", _log.TakeLast(40));

    private async Task WaitForBannerAsync()
    {
        var deadline = DateTime.UtcNow + ReadyTimeout;
        while (true)
        {
            if (_sshd!.HasExited) throw new InvalidOperationException($"sshd exited with {_sshd.ExitCode}:\n{Log()}");
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(Host, Port);
                using var reader = new StreamReader(client.GetStream());
                if ((await reader.ReadLineAsync())?.StartsWith("SSH-2.0", StringComparison.Ordinal) == true) return;
            }
            catch (Exception ex) when (ex is SocketException or IOException)
            {
                // Not listening yet.
            }
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"sshd on {Host}:{Port} not ready within {ReadyTimeout}:\n{Log()}");
            await Task.Delay(100);
        }
    }

    private static async Task<string> RunAsync(string program, params string[] args)
    {
        var psi = new ProcessStartInfo(program, args) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        using var p = Process.Start(psi) ?? throw new InvalidOperationException($"could not start {program}");
        var output = await p.StandardOutput.ReadToEndAsync();
        var error = await p.StandardError.ReadToEndAsync();
        await p.WaitForExitAsync();
        if (p.ExitCode != 0) throw new InvalidOperationException($"{program} {string.Join(' ', args)} failed ({p.ExitCode}): {error}");
        return output.Trim();
    }

    public async Task DisposeAsync()
    {
        if (_sshd is { HasExited: false })
        {
            _sshd.Kill(entireProcessTree: true);
            await _sshd.WaitForExitAsync();
        }
        _sshd?.Dispose();
        if (System.IO.Directory.Exists(Directory)) System.IO.Directory.Delete(Directory, recursive: true);
    }
}
