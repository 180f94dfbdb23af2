using System.Diagnostics;
using Supervisor.Tests.RealServers;

namespace Supervisor.Benchmarks.Reaction;

/// <summary>
/// When the UPS "lost mains": <see cref="Returned"/> (right after <c>upsrw</c> exits) is the reference every
/// latency is measured from. <see cref="Started"/> is before upsrw was spawned; <see cref="Visible"/> is when a
/// <c>GET VAR</c> first showed the new status (dummy-ups applies a SET a moment after upsd accepts it).
/// </summary>
public sealed record Flip(DateTimeOffset Started, DateTimeOffset Returned, DateTimeOffset Visible)
{
    public static async Task<Flip> ToAsync(UpsdServer upsd, string status)
    {
        var started = DateTimeOffset.UtcNow;
        var psi = new ProcessStartInfo("upsrw") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { "-s", $"ups.status={status}", "-u", UpsdServer.AdminUser, "-p", UpsdServer.AdminPassword, $"{upsd.UpsName}@{upsd.Host}:{upsd.Port}" })
            psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var output = p.StandardOutput.ReadToEndAsync();
        var error = p.StandardError.ReadToEndAsync();
        await p.WaitForExitAsync();
        var returned = DateTimeOffset.UtcNow;
        if (p.ExitCode != 0) throw new InvalidOperationException($"upsrw failed ({p.ExitCode}): {await output}{await error}");

        var want = $"VAR {upsd.UpsName} ups.status \"{status}\"";
        var until = DateTime.UtcNow + TimeSpan.FromSeconds(5);
        while ((await upsd.QueryAsync($"GET VAR {upsd.UpsName} ups.status"))[0] != want)
        {
            if (DateTime.UtcNow > until) throw new TimeoutException($"upsd never showed ups.status = {status}");
            await Task.Delay(2);
        }
        return new Flip(started, returned, DateTimeOffset.UtcNow);
    }

    public double SecondsUntil(DateTimeOffset t) => (t - Returned).TotalSeconds;
}

/// <summary>One measured run: seconds from <see cref="Flip.Returned"/> to the reaction, plus named milestones (seconds, same origin).</summary>
public sealed record ReactionSample(double Seconds, Flip Flip, IReadOnlyList<(string Name, double Seconds)> Milestones);

public interface IContender
{
    string Label { get; }
    /// <summary>One full run: start, let it settle, flip the UPS to "OB LB", measure, stop everything it started.</summary>
    Task<ReactionSample> RunOnceAsync(UpsdServer upsd, int run);
}
