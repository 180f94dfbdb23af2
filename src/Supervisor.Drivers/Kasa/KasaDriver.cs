using System.Net.Sockets;
using System.Text.Json;
using Supervisor.Domain.Configuration;
using Supervisor.Domain.Readings;

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
    private KasaConnection? _connection;
    private (string ChildId, byte[] Frame)? _childRequest;
    private string _doing = "the connection";

    public KasaDriver(string deviceId, KasaOptions options, TimeSpan timeout)
        : this(deviceId, options, timeout, TimeProvider.System) { }

    public KasaDriver(string deviceId, KasaOptions options, TimeSpan timeout, TimeProvider timeProvider)
        : base(deviceId, options, timeout, timeProvider) => _options = options;

    private string Endpoint => $"{_options.Host}:{_options.Port}";

    public override async Task<Reading> ReadAsync(CancellationToken cancellationToken)
    {
        using var cts = PollBudget(cancellationToken);
        _doing = "the connection";
        try
        {
            var mapped = _options.Outlet is null
                ? await ReadPlugAsync(cts.Token, cancellationToken).ConfigureAwait(false)
                : await ReadOutletAsync(_options.Outlet, cts.Token, cancellationToken).ConfigureAwait(false);
            LastWarnings = mapped.Warnings;
            return mapped.Reading;
        }
        catch (Exception ex) when (ex is not DeviceException && Explain(ex, cancellationToken) is { } message)
        {
            Close();
            throw Fail(message, ex);
        }
        catch
        {
            Close();
            throw;
        }
    }

    private async Task<KasaMappedReading> ReadPlugAsync(CancellationToken ct, CancellationToken callerCt)
    {
        var json = await ExchangeAsync(SysInfoAndRealtime, "get_sysinfo + get_realtime", ct, callerCt).ConfigureAwait(false);
        var info = Require(KasaReplyParser.ParseSysInfo(json), "get_sysinfo");
        var outlet = KasaOutlets.Resolve(null, info);
        if (!outlet.IsSuccess) throw Fail($"{outlet.Error} (device at {Endpoint})");
        var realtime = RequireRealtime(KasaReplyParser.ParseRealtime(json), info, null);
        return KasaReadingMapper.ToReading(DeviceId, info, null, realtime, Clock.GetUtcNow());
    }

    private async Task<KasaMappedReading> ReadOutletAsync(string configured, CancellationToken ct, CancellationToken callerCt)
    {
        var info = Require(KasaReplyParser.ParseSysInfo(
            await ExchangeAsync(SysInfo, "get_sysinfo", ct, callerCt).ConfigureAwait(false)), "get_sysinfo");
        var resolved = KasaOutlets.Resolve(configured, info);
        if (!resolved.IsSuccess) throw Fail($"{resolved.Error} (device at {Endpoint})");
        var outlet = resolved.Value!;

        // The id goes into JSON, so it is encoded, not pasted; the frame is reused while the id stays the same.
        if (_childRequest?.ChildId != outlet.Child.Id)
            _childRequest = (outlet.Child.Id, KasaCipher.Frame(
                $"{{\"context\":{{\"child_ids\":[{JsonSerializer.Serialize(outlet.Child.Id)}]}},\"emeter\":{{\"get_realtime\":{{}}}}}}"));
        var json = await ExchangeAsync(_childRequest.Value.Frame, $"get_realtime for outlet {outlet.Index}", ct, callerCt).ConfigureAwait(false);
        var realtime = RequireRealtime(KasaReplyParser.ParseRealtime(json), info, outlet);
        return KasaReadingMapper.ToReading(DeviceId, info, outlet, realtime, Clock.GetUtcNow());
    }

    /// <summary>One request/reply on the kept connection (opened here if needed); returns the decrypted JSON.</summary>
    private async Task<string> ExchangeAsync(byte[] frame, string what, CancellationToken ct, CancellationToken callerCt)
    {
        _doing = "the connection";
        _connection ??= await ConnectAsync(ct, callerCt).ConfigureAwait(false);
        _doing = $"the reply to {what}";
        byte[] payload;
        try
        {
            payload = await _connection.ExchangeAsync(frame, _doing, ct).ConfigureAwait(false);
        }
        catch (KasaStaleConnectionException)
        {
            // The plug dropped the idle connection (or closes after every reply): same request on a fresh one.
            // A fresh connection never throws this again, so this retries at most once per request.
            Close();
            _doing = "the connection";
            _connection = await ConnectAsync(ct, callerCt).ConfigureAwait(false);
            _doing = $"the reply to {what}";
            payload = await _connection.ExchangeAsync(frame, _doing, ct).ConfigureAwait(false);
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

    /// <summary>Opens a connection.</summary>
    private Task<KasaConnection> ConnectAsync(CancellationToken ct, CancellationToken callerCt) =>
        OpenConnectionAsync(
            () => KasaConnection.OpenAsync(_options.Host, _options.Port, m => Fail(m), ct), ex => Explain(ex, callerCt), callerCt);

    /// <summary>Operator text for I/O failures (timeout, socket errors); null for anything else (a bug: rethrown as is).</summary>
    private string? Explain(Exception ex, CancellationToken callerCt)
    {
        if (ex is OperationCanceledException)
            return callerCt.IsCancellationRequested
                ? null
                : $"no reply from the Kasa device at {Endpoint} within {TimeoutSeconds}s " +
                  $"(waiting for {_doing}); is the plug powered and on Wi-Fi (does the Kasa app reach it?), or is a firewall dropping TCP {_options.Port}?";
        var socket = SocketErrorOf(ex);
        return socket?.SocketErrorCode switch
        {
            SocketError.ConnectionRefused =>
                $"connection refused by {Endpoint}: nothing listens there. Is host the plug's address (see the Kasa app's device info)? " +
                "Some plugs on newer firmware speak only the encrypted KLAP protocol and no longer open port 9999; this driver cannot read those",
            SocketError.HostNotFound or SocketError.TryAgain or SocketError.NoData =>
                $"cannot resolve Kasa host \"{_options.Host}\" ({socket.Message}); check host in supervisor.devices.{DeviceId}",
            SocketError.ConnectionReset or SocketError.ConnectionAborted or SocketError.Shutdown =>
                $"the Kasa device at {Endpoint} reset the connection while we waited for {_doing}; was the plug restarted?",
            SocketError.HostUnreachable or SocketError.NetworkUnreachable or SocketError.TimedOut =>
                $"cannot reach the Kasa device at {Endpoint} ({socket.Message}); is it powered, and is the network path open?",
            { } code => $"network error with the Kasa device at {Endpoint} ({code}: {socket.Message}); is it powered and reachable?",
            null when ex is IOException => $"I/O error with the Kasa device at {Endpoint} ({ex.Message}) while waiting for {_doing}",
            null => null,
        };
    }

    private void Close()
    {
        _connection?.Dispose();
        _connection = null;
    }

    /// <summary>Closes the connection; the legacy protocol has no goodbye message.</summary>
    public override ValueTask DisposeAsync()
    {
        Disposed = true;
        Close();
        return ValueTask.CompletedTask;
    }
}
