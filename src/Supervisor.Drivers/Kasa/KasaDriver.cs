using System.Net.Sockets;
using System.Text.Json;
using Supervisor.Domain.Configuration;
using Supervisor.Domain.Readings;
using Supervisor.Drivers.Network;

namespace Supervisor.Drivers.Kasa;

/// <summary>
/// TP-Link Kasa plug / power strip client (legacy XOR protocol, TCP 9999). One connection is kept across polls;
/// a single plug is read with one combined request (<c>get_sysinfo</c> + <c>get_realtime</c>), a strip outlet with
/// <c>get_sysinfo</c> (relay state, child ids) then <c>get_realtime</c> in the outlet's <c>context</c>.
/// Every failure closes the connection so the next poll starts clean (the device actor's poll schedule backs off
/// a plug that keeps failing). A kept-alive connection the plug dropped while idle is reopened
/// once within the same poll, so that ordinary event is not reported as a failed poll.
/// </summary>
public sealed class KasaDriver : NetworkDeviceDriver
{
    private static readonly byte[] SysInfoAndRealtime = KasaCipher.Frame("{\"system\":{\"get_sysinfo\":{}},\"emeter\":{\"get_realtime\":{}}}");
    private static readonly byte[] SysInfo = KasaCipher.Frame("{\"system\":{\"get_sysinfo\":{}}}");

    private readonly KasaOptions _options;
    private readonly KeptConnection<KasaConnection> _connection = new();
    private (string ChildId, byte[] Frame)? _childRequest;
    private string _doing = "the connection";

    public KasaDriver(string deviceId, KasaOptions options, TimeSpan timeout)
        : this(deviceId, options, timeout, TimeProvider.System) { }

    public KasaDriver(string deviceId, KasaOptions options, TimeSpan timeout, TimeProvider timeProvider)
        : base(deviceId, options, timeout, timeProvider) => _options = options;

    private string Endpoint => $"{_options.Host}:{_options.Port}";

    public override Task<Reading> ReadAsync(CancellationToken cancellationToken) => RunCallAsync(async ct =>
    {
        _doing = "the connection";
        var mapped = _options.Outlet is null
            ? await ReadPlugAsync(ct).ConfigureAwait(false)
            : await ReadOutletAsync(_options.Outlet, ct).ConfigureAwait(false);
        LastWarnings = mapped.Warnings;
        return mapped.Reading;
    }, Explain, _connection.Close, cancellationToken);

    private async Task<KasaMappedReading> ReadPlugAsync(CancellationToken ct)
    {
        var json = await ExchangeAsync(SysInfoAndRealtime, "get_sysinfo + get_realtime", ct).ConfigureAwait(false);
        var info = Require(KasaReplyParser.ParseSysInfo(json), "get_sysinfo");
        var outlet = KasaOutlets.Resolve(null, info);
        if (!outlet.IsSuccess) throw Fail($"{outlet.Error} (device at {Endpoint})");
        var realtime = RequireRealtime(KasaReplyParser.ParseRealtime(json), info, null);
        return KasaReadingMapper.ToReading(DeviceId, info, null, realtime, Clock.GetUtcNow());
    }

    private async Task<KasaMappedReading> ReadOutletAsync(string configured, CancellationToken ct)
    {
        var info = Require(KasaReplyParser.ParseSysInfo(
            await ExchangeAsync(SysInfo, "get_sysinfo", ct).ConfigureAwait(false)), "get_sysinfo");
        var resolved = KasaOutlets.Resolve(configured, info);
        if (!resolved.IsSuccess) throw Fail($"{resolved.Error} (device at {Endpoint})");
        var outlet = resolved.Value!;

        // The id goes into JSON, so it is encoded, not pasted; the frame is reused while the id stays the same.
        if (_childRequest?.ChildId != outlet.Child.Id)
            _childRequest = (outlet.Child.Id, KasaCipher.Frame(
                $"{{\"context\":{{\"child_ids\":[{JsonSerializer.Serialize(outlet.Child.Id)}]}},\"emeter\":{{\"get_realtime\":{{}}}}}}"));
        var json = await ExchangeAsync(_childRequest.Value.Frame, $"get_realtime for outlet {outlet.Index}", ct).ConfigureAwait(false);
        var realtime = RequireRealtime(KasaReplyParser.ParseRealtime(json), info, outlet);
        return KasaReadingMapper.ToReading(DeviceId, info, outlet, realtime, Clock.GetUtcNow());
    }

    /// <summary>One request/reply on the kept connection (opened here if needed); returns the decrypted JSON.</summary>
    private async Task<string> ExchangeAsync(byte[] frame, string what, CancellationToken ct)
    {
        _doing = "the connection";
        var connection = await _connection.GetAsync(() => ConnectAsync(ct)).ConfigureAwait(false);
        _doing = $"the reply to {what}";
        byte[] payload;
        try
        {
            payload = await connection.ExchangeAsync(frame, _doing, ct).ConfigureAwait(false);
        }
        catch (KasaStaleConnectionException)
        {
            // The plug dropped the idle connection (or closes after every reply): same request on a fresh one.
            // A fresh connection never throws this again, so this retries at most once per request.
            _connection.Close();
            _doing = "the connection";
            connection = await _connection.GetAsync(() => ConnectAsync(ct)).ConfigureAwait(false);
            _doing = $"the reply to {what}";
            payload = await connection.ExchangeAsync(frame, _doing, ct).ConfigureAwait(false);
        }
        var text = KasaReplyParser.DecodePayload(payload);
        if (!text.IsSuccess) throw Fail($"bad reply from {Endpoint} to {what}: {text.Error}; is this port really a Kasa plug?");
        return text.Value;
    }

    private KasaSysInfo Require(KasaResult<KasaSysInfo> info, string what) =>
        info.IsSuccess ? info.Value : throw Fail($"bad reply from {Endpoint} to {what}: {info.Error}");

    private KasaRealtime RequireRealtime(KasaResult<KasaRealtime> realtime, KasaSysInfo info, KasaOutlet? outlet)
    {
        if (realtime.IsSuccess) return realtime.Value;
        var device = KasaOutlets.Describe(info);
        throw Fail(realtime.DeviceErrorCode switch
        {
            -14 when outlet is not null => $"{KasaOutlets.UnknownChild(_options.Outlet!, outlet.Child.Id, info)} (device at {Endpoint})",
            -1 or -2 => $"{device} at {Endpoint} has no energy meter ({realtime.Error}" +
                        (info.HasEmeter == false ? "; its sysinfo feature list has no ENE" : "") +
                        "); Supervisor needs its power readings: use a plug with energy monitoring (HS110, KP115, HS300, …)",
            _ => $"bad reply from {Endpoint} to get_realtime: {realtime.Error}",
        });
    }

    private Task<KasaConnection> ConnectAsync(CancellationToken ct) => KasaConnection.OpenAsync(_options.Host, _options.Port, m => Fail(m), ct);

    /// <summary>Operator text for I/O failures (timeout, socket errors); null for anything else (a bug: rethrown as is).</summary>
    private string? Explain(Exception ex) => NetworkFailure.Explain(ex, new NetworkFailureWords
    {
        DeviceId = DeviceId,
        Host = _options.Host,
        HostNoun = "Kasa host",
        Peer = $"the Kasa device at {Endpoint}",
        Waiting = $" while we waited for {_doing}",
        NoReply = $"no reply from the Kasa device at {Endpoint} within {TimeoutSeconds}s " +
                  $"(waiting for {_doing}); is the plug powered and on Wi-Fi (does the Kasa app reach it?), or is a firewall dropping TCP {_options.Port}?",
        Refused = $"connection refused by {Endpoint}: nothing listens there. Is host the plug's address (see the Kasa app's device info)? " +
                  "Some plugs on newer firmware speak only the encrypted KLAP protocol and no longer open port 9999; this driver cannot read those",
        ResetFix = "was the plug restarted?",
        UnreachableFix = "is it powered, and is the network path open?",
        ReachableFix = "is it powered and reachable?",
        // Kept as the driver always worded it: it names the reply that broke off rather than asking a question, so an
        // operator's log search for it still matches.
        IoError = message => $"I/O error with the Kasa device at {Endpoint} ({message}) while waiting for {_doing}",
    });

    /// <summary>Closes the connection; the legacy protocol has no goodbye message.</summary>
    protected override ValueTask CloseAsync()
    {
        _connection.Close();
        return ValueTask.CompletedTask;
    }
}
