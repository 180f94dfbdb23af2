using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;

namespace Supervisor.Tests.RealServers;

/// <summary>The processes behind <see cref="UpsdServer"/>: its config files, starting and stopping upsd and dummy-ups.</summary>
public sealed partial class UpsdServer
{
    private async Task<Process> StartDummyUpsAsync(string ups)
    {
        // dummy-ups leaves its socket behind on SIGTERM; remove it so "socket exists" means "driver is up".
        var socket = Path.Combine(Directory, $"dummy-ups-{ups}");
        File.Delete(socket);
        var driver = Start(_driverPath, "dummy-ups", ups);
        // upsd connects to the driver's socket at start and retries slowly; wait for the socket first.
        var deadline = DateTime.UtcNow + ReadyTimeout;
        while (!File.Exists(socket))
        {
            if (driver.HasExited) throw new InvalidOperationException($"dummy-ups {ups} exited with {driver.ExitCode}:\n{DrainLog()}");
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"dummy-ups {ups} made no socket within {ReadyTimeout}:\n{DrainLog()}");
            await Task.Delay(50);
        }
        return driver;
    }

    private Process Start(string path, string name, string? ups = null)
    {
        var info = new ProcessStartInfo(path) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        // -F: stay in the foreground so the PID we hold is the server itself (we kill exactly that one).
        foreach (var arg in (name == "dummy-ups" ? ["-a", ups ?? UpsName] : Array.Empty<string>()).Concat(["-u", "root", "-F"]))
            info.ArgumentList.Add(arg);
        info.Environment["NUT_CONFPATH"] = Directory;
        info.Environment["NUT_STATEPATH"] = Directory;
        var process = Process.Start(info) ?? throw new InvalidOperationException($"could not start {path}");
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) _log.Enqueue($"{name}: {e.Data}"); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) _log.Enqueue($"{name}: {e.Data}"); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    /// <summary>SIGTERM so NUT cleans up its socket, SIGKILL if it lingers; always by our own PID.</summary>
    private static async Task StopAsync(Process? process)
    {
        if (process is null) return;
        using (process)
        {
            if (process.HasExited) return;
            _ = Kill(process.Id, 15);
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            try
            {
                await process.WaitForExitAsync(cts.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill();
                await process.WaitForExitAsync();
            }
        }
    }

    private void WriteConfig()
    {
        if (!OperatingSystem.IsLinux()) throw new PlatformNotSupportedException("the NUT test server runs on Linux only");
        System.IO.Directory.CreateDirectory(Directory);
        var files = new Dictionary<string, string>
        {
            [$"{UpsName}.dev"] = "ups.status: OL\nbattery.charge: 100\nbattery.runtime: 1800\nups.load: 23\n" +
                                 "input.voltage: 230.5\nups.realpower: 120\nups.mfr: Supervisor\nups.model: Test\n" + ExtraVariables,
            ["ups.conf"] = $"[{UpsName}]\n  driver = dummy-ups\n  port = {UpsName}.dev\n  desc = \"Supervisor test UPS\"\n" +
                           string.Concat(ExtraUpsNames.Select(n => $"[{n}]\n  driver = dummy-ups\n  port = {n}.dev\n  desc = \"Supervisor test UPS {n}\"\n")),
            ["upsd.conf"] = $"LISTEN {Host} {Port}\n{TlsConfigLines()}",
            ["upsd.users"] = $"[{AdminUser}]\n  password = {AdminPassword}\n  actions = SET FSD\n  instcmds = ALL\n  upsmon primary\n" +
                             $"[{MonitorUser}]\n  password = {MonitorPassword}\n  upsmon secondary\n" +
                             string.Concat(ExtraMonitors.Select(m => $"[{m.Key}]\n  password = {m.Value}\n  upsmon secondary\n")),
        };
        foreach (var extra in ExtraUpsNames)
            files[$"{extra}.dev"] = "ups.status: OL\nbattery.charge: 90\nbattery.runtime: 1500\nups.load: 30\nups.mfr: Supervisor\nups.model: Test\n";
        foreach (var (name, text) in files)
        {
            var path = Path.Combine(Directory, name);
            File.WriteAllText(path, text);
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead);
        }
        File.SetUnixFileMode(Directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute |
                                        UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute);
        // NUT wants its files readable by group nut (640) and the state dir writable by it (770).
        var (exit, output) = RunAsync("chgrp", "-R", "nut", Directory).GetAwaiter().GetResult();
        if (exit != 0) throw new InvalidOperationException($"chgrp nut failed: {output}");
    }

    private static async Task<(int Exit, string Output)> RunAsync(string file, params string[] args)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args) info.ArgumentList.Add(arg);
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"could not start {file}");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, (await stdout + await stderr).Trim());
    }

    private static string? Which(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Select(d => Path.Combine(d, name)).FirstOrDefault(File.Exists);

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);
}
