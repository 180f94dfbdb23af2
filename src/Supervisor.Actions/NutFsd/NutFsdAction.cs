using System.Net.Sockets;
using Supervisor.Domain.Agents;
using Supervisor.Domain.Agents.Actions;
using Supervisor.Domain.Configuration;
using Supervisor.Drivers;
using Supervisor.Drivers.Nut;

namespace Supervisor.Actions.NutFsd;

/// <summary>
/// <c>type = nut-fsd</c>: as upsd's primary, set FSD on the UPS so every upsmon secondary shuts its host down, then
/// poll <c>NUMLOGINS</c> until only our own login is left (or the timeout). Succeeded only when FSD was set and, with
/// wait-for-logouts, every secondary left. The probe logs in nowhere: USERNAME/PASSWORD, NUMLOGINS, LOGOUT.
/// </summary>
public sealed class NutFsdAction(NutFsdSpec spec) : IShutdownAction
{
    private static readonly TimeSpan PollEvery = TimeSpan.FromMilliseconds(500);

    private string Target => $"{spec.Ups}@{spec.Endpoint}";

    public async Task<ActionOutcome> RunAsync(ActionRun run, CancellationToken ct)
    {
        var clock = run.Clock;
        var started = clock.GetUtcNow();
        // The polling stops a little before the hard limit, so a slow last reply still leaves time to say what is left.
        var pollUntil = started + run.Timeout - TimeSpan.FromTicks(Math.Min(TimeSpan.TicksPerSecond, run.Timeout.Ticks / 10));
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
        limit.CancelAfter(run.Timeout);
        var doing = $"connecting to upsd at {spec.Endpoint}";
        int before = 0, left = 0;
        DateTimeOffset? fsdAt = null;
        try
        {
            using var session = await NutFsdSession.OpenAsync(spec, run.Action.Name, limit.Token).ConfigureAwait(false);
            doing = "logging in";
            await session.AuthenticateAsync(limit.Token).ConfigureAwait(false);
            before = NutFsdProgress.Secondaries(await NumLoginsAsync(session, run, limit.Token).ConfigureAwait(false), weAreLoggedIn: false);
            await session.LoginAsync(limit.Token).ConfigureAwait(false);
            await session.ClaimPrimaryAsync(limit.Token).ConfigureAwait(false);
            doing = $"setting FSD on {spec.Ups}";
            await session.ForceShutdownAsync(limit.Token).ConfigureAwait(false);
            fsdAt = clock.GetUtcNow();
            left = before;
            if (!spec.WaitForLogouts)
                return Outcome(true, $"FSD set; not waiting for the {before} secondaries logged in to leave (wait-for-logouts = off)");

            doing = "waiting for the secondaries to log out";
            while (true)
            {
                left = NutFsdProgress.Secondaries(await session.NumLoginsAsync(limit.Token).ConfigureAwait(false), weAreLoggedIn: true);
                if (left == 0 || clock.GetUtcNow() + PollEvery > pollUntil) break;
                await Task.Delay(PollEvery, clock, limit.Token).ConfigureAwait(false);
            }
            await session.LogoutAsync().ConfigureAwait(false);
            return Outcome(left == 0, NutFsdProgress.Summary(before, left, clock.GetUtcNow() - fsdAt.Value, run.Timeout));
        }
        catch (OperationCanceledException) when (fsdAt is not null && !ct.IsCancellationRequested)
        {
            return Outcome(false, NutFsdProgress.Summary(before, Math.Max(left, 1), clock.GetUtcNow() - fsdAt.Value, run.Timeout));
        }
        catch (Exception ex) when (Explain(ex, doing, run.Timeout, ct.IsCancellationRequested) is { } why)
        {
            return Outcome(false, fsdAt is null ? why : $"FSD set, then {why}");
        }
    }

    public async Task<ActionOutcome> ProbeAsync(ActionRun run, CancellationToken ct)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
        limit.CancelAfter(run.Timeout);
        var doing = $"connecting to upsd at {spec.Endpoint}";
        try
        {
            using var session = await NutFsdSession.OpenAsync(spec, run.Action.Name, limit.Token).ConfigureAwait(false);
            doing = "sending USERNAME/PASSWORD";
            await session.AuthenticateAsync(limit.Token).ConfigureAwait(false);
            var secondaries = NutFsdProgress.Secondaries(await NumLoginsAsync(session, run, limit.Token).ConfigureAwait(false), weAreLoggedIn: false);
            await session.LogoutAsync().ConfigureAwait(false);
            return Outcome(true, NutFsdProgress.ProbeSummary(spec.Ups, spec.Endpoint, spec.Username, secondaries));
        }
        catch (Exception ex) when (Explain(ex, doing, run.Timeout, ct.IsCancellationRequested) is { } why)
        {
            return Outcome(false, "dry-run: " + why);
        }
    }

    /// <summary>NUMLOGINS, the first command naming the UPS: an unknown UPS is reported with the ones upsd does serve.</summary>
    private async Task<int> NumLoginsAsync(NutFsdSession session, ActionRun run, CancellationToken ct)
    {
        try
        {
            return await session.NumLoginsAsync(ct).ConfigureAwait(false);
        }
        catch (NutFsdException ex) when (ex.Message.Contains("(ERR UNKNOWN-UPS", StringComparison.Ordinal))
        {
            throw new NutFsdException($"{ex.Message}; {await UpsListHintAsync(run, ct).ConfigureAwait(false)}");
        }
    }

    private async Task<string> UpsListHintAsync(ActionRun run, CancellationToken ct)
    {
        var fallback = $"list them with `upsc -l {spec.Endpoint}`";
        try
        {
            await using var driver = new NutDriver(run.Action.Name, new NutOptions(spec.Host, spec.Port, spec.Ups, spec.Username, spec.Password), run.Timeout);
            var upses = await driver.ListUpsAsync(ct).ConfigureAwait(false);
            return upses.Count == 0 ? $"it serves no UPS at all ({fallback})" : $"it serves: {string.Join(", ", upses.Select(u => u.Name))}";
        }
        catch (Exception ex) when (ex is DeviceException or OperationCanceledException)
        {
            return fallback;
        }
    }

    private ActionOutcome Outcome(bool ok, string detail) =>
        new(ok, ok ? 0 : null, detail) { Targets = [new TargetOutcome(Target, ok, detail)] };

    /// <summary>Operator text for what upsd or the network did; null for anything else (a bug: rethrown as is).</summary>
    private string? Explain(Exception ex, string doing, TimeSpan timeout, bool stopping) => ex switch
    {
        NutFsdException f => f.Message,
        DeviceException d => d.Message[$"device \"{d.DeviceId}\": ".Length..],
        OperationCanceledException when stopping => $"the agent was stopping while {doing}",
        OperationCanceledException => $"timed out after {timeout.TotalSeconds:0.#}s {doing} (upsd at {spec.Endpoint}); is upsd reachable and answering?",
        SocketException { SocketErrorCode: SocketError.ConnectionRefused } =>
            $"connection refused by upsd at {spec.Endpoint}: is upsd running, and does upsd.conf LISTEN on this address and port?",
        SocketException { SocketErrorCode: SocketError.HostNotFound or SocketError.NoData or SocketError.TryAgain } =>
            $"host \"{spec.Host}\" not found (DNS); check server in the action",
        SocketException s => $"network error {doing} (upsd at {spec.Endpoint}): {s.Message} ({s.SocketErrorCode})",
        IOException io => $"I/O error {doing} (upsd at {spec.Endpoint}): {io.Message}",
        _ => null,
    };
}
