using System.Buffers.Binary;
using System.Diagnostics;
using System.Net.Sockets;
using System.Text;
using Supervisor.Tests.RealServers;
using static Supervisor.Benchmarks.Stats;

namespace Supervisor.Benchmarks.Reaction;

/// <summary>
/// What the status watch costs the server. (1) The real node for <c>seconds</c> with the watch on (default) and off,
/// through a counting relay: the extra requests per second per UPS it sends upsd (and the node's own CPU, idle
/// otherwise: one device, one group). (2) upsd's CPU time per request,
/// from /proc over thousands of requests (the kernel counts CPU in 10 ms ticks, far too coarse for a few requests a
/// second): GET VAR ups.status (the watch) against LIST VAR (a poll). (3) The same for apcupsd's NIS, whose only
/// request is the full status, on a fresh connection per request (what the driver does) and on one kept connection.
/// </summary>
public static class WatchLoad
{
    private const int Requests = 3000;

    public static async Task RunAsync(UpsdServer upsd, int seconds)
    {
        Console.WriteLine($"Status watch load ({MachineLine()}):");
        var perSecond = new Dictionary<string, (double Get, double List)>();
        foreach (var (label, keys) in new[] { ("watch on (defaults)", ""), ("watch off", "status-interval = off") })
        {
            await upsd.RestartAsync();
            await using var relay = new RecordingTcpProxy(upsd.Host, upsd.Port);
            var dir = SupervisorContender.NewDirectory();
            using var node = await SupervisorContender.StartAsync(dir, relay.Port, keys);
            var before = relay.ClientBytes.Length;
            var ownCpu = CpuSeconds(node.Pid);
            var clock = Stopwatch.StartNew();
            await Task.Delay(TimeSpan.FromSeconds(seconds));
            var sent = relay.ClientBytes[before..];
            var elapsed = clock.Elapsed.TotalSeconds;
            ownCpu = CpuSeconds(node.Pid) - ownCpu;
            await node.StopAsync(TimeSpan.FromSeconds(5));
            try { Directory.Delete(dir, recursive: true); } catch (IOException) { /* best effort */ }
            var rate = (Count(sent, "GET VAR ups1 ups.status\n") / elapsed, Count(sent, "LIST VAR ups1\n") / elapsed);
            perSecond[label] = rate;
            Console.WriteLine($"  {label,-20} over {elapsed:0} s: {F(rate.Item1, "0.00")} GET VAR/s, {F(rate.Item2, "0.00")} LIST VAR/s, {relay.Connections} connection(s); " +
                              $"the whole supervisor node used {F(100 * ownCpu / elapsed, "0.0")} % of one core");
        }
        var (on, off) = (perSecond["watch on (defaults)"], perSecond["watch off"]);
        Console.WriteLine($"  extra requests per second per UPS on upsd: {F(on.Get + on.List - off.Get - off.List, "0.00")}");

        await upsd.RestartAsync();
        var get = await UpsdCpuPerRequestAsync(upsd, $"GET VAR {upsd.UpsName} ups.status", lines: 1);
        var list = await UpsdCpuPerRequestAsync(upsd, $"LIST VAR {upsd.UpsName}", lines: 0);
        Console.WriteLine($"  upsd CPU per request ({Requests} each, one connection): GET VAR ups.status {F(get.CpuUs, "0")} us ({F(get.WallMs, "0.000")} ms round trip), " +
                          $"LIST VAR {F(list.CpuUs, "0")} us ({F(list.WallMs, "0.000")} ms)");
        Console.WriteLine($"  so the watch at 10/s costs upsd {F(10 * get.CpuUs / 1e4, "0.000")} % of one core per UPS; a 2 s poll costs it {F(0.5 * list.CpuUs / 1e4, "0.000")} %");

        if (File.Exists(Path.Combine(ApcupsdServer.DefaultInstallDir, "sbin", "apcupsd")))
            await ApcupsdAsync();
        else
            Console.WriteLine("  apcupsd: not installed, skipped (scripts/test-deps/apcupsd.sh)");
        Console.WriteLine();
    }

    private static async Task ApcupsdAsync()
    {
        using var apcupsd = new ApcupsdServer();
        await apcupsd.InitializeAsync();
        var pid = apcupsd.ProcessId!.Value;
        foreach (var fresh in new[] { true, false })
        {
            var cpu = CpuSeconds(pid);
            var clock = Stopwatch.StartNew();
            const int n = Requests / 3;
            Socket? kept = null;
            var records = 0;
            for (var i = 0; i < n; i++)
            {
                if (fresh || kept is null)
                {
                    kept?.Dispose();
                    kept = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                    await kept.ConnectAsync(apcupsd.Host, apcupsd.Port);
                }
                records = await NisStatusAsync(kept);
            }
            kept?.Dispose();
            var wallMs = clock.Elapsed.TotalMilliseconds / n;
            var cpuUs = (CpuSeconds(pid) - cpu) * 1e6 / n;
            Console.WriteLine($"  apcupsd NIS status ({records} records, {n} requests, {(fresh ? "a fresh connection each, as the driver does" : "one kept connection")}): " +
                              $"{F(cpuUs, "0")} us CPU, {F(wallMs, "0.00")} ms round trip per request; at 4/s {F(4 * cpuUs / 1e4, "0.000")} % of one core");
        }
    }

    /// <summary>One NIS <c>status</c> request; returns the number of records.</summary>
    private static async Task<int> NisStatusAsync(Socket socket)
    {
        await socket.SendAsync("\0\u0006status"u8.ToArray());
        var buffer = new byte[64 * 1024];
        var received = 0;
        while (true)
        {
            var read = await socket.ReceiveAsync(buffer.AsMemory(received));
            if (read == 0) throw new IOException("apcupsd closed the connection");
            received += read;
            var offset = 0;
            var records = 0;
            while (received - offset >= 2)
            {
                var length = BinaryPrimitives.ReadUInt16BigEndian(buffer.AsSpan(offset));
                if (length == 0) return records;
                if (received - offset - 2 < length) break;
                offset += 2 + length;
                records++;
            }
        }
    }

    private static async Task<(double CpuUs, double WallMs)> UpsdCpuPerRequestAsync(UpsdServer upsd, string command, int lines)
    {
        var pid = upsd.UpsdProcessId ?? throw new InvalidOperationException("upsd is not running");
        using var client = new TcpClient { NoDelay = true };
        await client.ConnectAsync(upsd.Host, upsd.Port);
        var stream = client.GetStream();
        using var reader = new StreamReader(stream, Encoding.ASCII);
        var bytes = Encoding.ASCII.GetBytes(command + "\n");
        var cpu = CpuSeconds(pid);
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < Requests; i++)
        {
            await stream.WriteAsync(bytes);
            if (lines > 0)
                for (var l = 0; l < lines; l++) await reader.ReadLineAsync();
            else
                while ((await reader.ReadLineAsync())?.StartsWith("END LIST", StringComparison.Ordinal) == false) { }
        }
        return ((CpuSeconds(pid) - cpu) * 1e6 / Requests, clock.Elapsed.TotalMilliseconds / Requests);
    }

    /// <summary>utime + stime of a process, seconds (/proc/&lt;pid&gt;/stat fields 14 and 15, in clock ticks of 10 ms).</summary>
    private static double CpuSeconds(int pid)
    {
        var fields = File.ReadAllText($"/proc/{pid}/stat").Split(')')[^1].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return (long.Parse(fields[11]) + long.Parse(fields[12])) / 100.0;
    }

    private static int Count(string text, string what)
    {
        var n = 0;
        for (var i = text.IndexOf(what, StringComparison.Ordinal); i >= 0; i = text.IndexOf(what, i + what.Length, StringComparison.Ordinal)) n++;
        return n;
    }
}
