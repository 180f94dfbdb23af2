using System.Globalization;
using Supervisor.Tests.RealServers;

namespace Supervisor.Benchmarks.Reaction;

/// <summary>
/// NUT's own upsmon as a primary (admin/secret) on the same upsd, with SHUTDOWNCMD only writing
/// <c>date +%s.%N</c> to a file (never a real shutdown). Runs in a private mount namespace with a tmpfs over
/// /run/nut, because upsmon's pid file there is fixed: this keeps it from clashing with any other upsmon
/// on the machine, and from leaving a stale pid file behind.
/// </summary>
public sealed class UpsmonContender(string label, int pollFreq, int pollFreqAlert, int finalDelay) : IContender
{
    public const string UpsmonPath = "/lib/nut/upsmon";

    public string Label { get; } = label;
    public string Settings => $"POLLFREQ {pollFreq}, POLLFREQALERT {pollFreqAlert}, FINALDELAY {finalDelay}";

    public async Task<ReactionSample> RunOnceAsync(UpsdServer upsd, int run)
    {
        var dir = Path.Combine(Path.GetTempPath(), $"bench-upsmon-{Guid.NewGuid():N}"[..24]);
        Directory.CreateDirectory(dir);
        var marker = Path.Combine(dir, "shutdown-at");
        var conf = Path.Combine(dir, "upsmon.conf");
        await File.WriteAllTextAsync(conf, $"""
            MONITOR {upsd.UpsName}@{upsd.Host}:{upsd.Port} 1 {UpsdServer.AdminUser} {UpsdServer.AdminPassword} primary
            MINSUPPLIES 1
            SHUTDOWNCMD "/bin/sh -c 'date +%s.%N > {marker}'"
            POWERDOWNFLAG {Path.Combine(dir, "killpower")}
            POLLFREQ {pollFreq}
            POLLFREQALERT {pollFreqAlert}
            HOSTSYNC 15
            DEADTIME 15
            FINALDELAY {finalDelay}

            """);
        File.SetUnixFileMode(conf, UnixFileMode.UserRead | UnixFileMode.UserWrite);

        using var upsmon = ChildProcess.Start($"upsmon[{Label}]", "unshare",
            ["-m", "--propagation", "private", "sh", "-c", $"mount -t tmpfs tmpfs /run/nut && exec {UpsmonPath} -D -F -u root"],
            env: new Dictionary<string, string> { ["NUT_CONFPATH"] = dir, ["NUT_STATEPATH"] = dir });
        try
        {
            await WaitForLoginAsync(upsd, upsmon);
            // Uniform over one poll period, so the flip lands at a random point of upsmon's poll cycle.
            await Task.Delay(TimeSpan.FromSeconds(1 + Random.Shared.NextDouble() * pollFreq));
            var flip = await Flip.ToAsync(upsd, "OB LB");
            var at = await WaitForMarkerAsync(marker, upsmon, TimeSpan.FromSeconds(90));
            return new ReactionSample(flip.SecondsUntil(at), flip, []);
        }
        finally
        {
            await upsmon.StopAsync(TimeSpan.FromSeconds(3));
            try { Directory.Delete(dir, recursive: true); } catch (IOException) { /* best effort */ }
        }
    }

    /// <summary>upsmon is ready once upsd counts its LOGIN on the UPS.</summary>
    private static async Task WaitForLoginAsync(UpsdServer upsd, ChildProcess upsmon)
    {
        var until = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (true)
        {
            var reply = (await upsd.QueryAsync($"GET NUMLOGINS {upsd.UpsName}"))[0];
            if (reply.StartsWith("NUMLOGINS", StringComparison.Ordinal) && reply.Split(' ')[^1] != "0") return;
            if (upsmon.HasExited) throw new InvalidOperationException($"upsmon exited before logging in:\n{upsmon.Tail()}");
            if (DateTime.UtcNow > until) throw new TimeoutException($"upsmon did not log in to upsd within 20 s ({reply}):\n{upsmon.Tail()}");
            await Task.Delay(100);
        }
    }

    private static async Task<DateTimeOffset> WaitForMarkerAsync(string marker, ChildProcess upsmon, TimeSpan timeout)
    {
        var until = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < until)
        {
            if (File.Exists(marker) && decimal.TryParse((await File.ReadAllTextAsync(marker)).Trim(), NumberStyles.Number, CultureInfo.InvariantCulture, out var epoch))
                return DateTimeOffset.FromUnixTimeMilliseconds(0).AddTicks((long)(epoch * TimeSpan.TicksPerSecond));
            await Task.Delay(5);
        }
        throw new TimeoutException($"upsmon never ran SHUTDOWNCMD within {timeout.TotalSeconds}s:\n{upsmon.Tail()}");
    }
}
