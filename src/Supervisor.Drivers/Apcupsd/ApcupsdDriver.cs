using System.Net.Sockets;
using Supervisor.Domain.Configuration;
using Supervisor.Domain.Readings;
using Supervisor.Drivers.Network;

namespace Supervisor.Drivers.Apcupsd;

/// <summary>
/// apcupsd NIS client: one <c>status</c> request per poll on a fresh TCP connection, closed after the reply.
/// <para>
/// Why a new connection each poll: apcupsd 3.14 answers several requests on one connection, but closes it after
/// about 15 s without a request (measured: 14 s idle still answered, 15 s got EOF). With a poll-interval of 15 s
/// or more a kept connection would be dead at every poll, and below that a slow poll could race the close;
/// apcaccess connects per request too. One handshake per poll costs nothing and leaves no state to go stale.
/// </para>
/// A dead apcupsd is not hammered: the device actor's poll schedule backs off while polls keep failing.
/// <para>
/// The status watch (<see cref="ReadStatusAsync"/>) sends the same request: NIS has no smaller one (its only other
/// command is <c>events</c>), and a kept connection is no cheaper for apcupsd (measured: docs/drivers/apcupsd.md). So
/// the watch costs apcupsd one status reply per <c>status-interval</c>, and a change needs no second request: the probe
/// carries the whole reading.
/// </para>
/// </summary>
public sealed class ApcupsdDriver : NetworkDeviceDriver, IStatusWatchingDriver
{
    private readonly ApcupsdOptions _options;
    // Reused across polls (ReadAsync is never concurrent): the reply can never outgrow it.
    private readonly byte[] _buffer = new byte[ApcupsdNisFraming.MaxReplyBytes];

    public ApcupsdDriver(string deviceId, ApcupsdOptions options, TimeSpan timeout)
        : this(deviceId, options, timeout, TimeProvider.System) { }

    public ApcupsdDriver(string deviceId, ApcupsdOptions options, TimeSpan timeout, TimeProvider timeProvider)
        : base(deviceId, options, timeout, timeProvider) => _options = options;

    private string Endpoint => $"{_options.Host}:{_options.Port}";

    public override async Task<Reading> ReadAsync(CancellationToken cancellationToken)
    {
        using var call = EnterCall();
        return await RequestStatusAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The status watch: the same request as a poll; the caller compares STATUS and keeps the reading on a change.</summary>
    public async Task<StatusProbe> ReadStatusAsync(CancellationToken cancellationToken)
    {
        using var call = EnterCall();
        var reading = await RequestStatusAsync(cancellationToken).ConfigureAwait(false);
        return StatusProbe.Of(reading) with { Full = reading };
    }

    private Task<Reading> RequestStatusAsync(CancellationToken cancellationToken)
    {
        // One budget for the whole poll (connect, send, reply), as the device's timeout promises.
        var doing = "the connection";
        return RunCallAsync(async ct =>
        {
            using var socket = await TcpConnection.ConnectAsync(_options.Host, _options.Port, ct).ConfigureAwait(false);
            doing = "the reply to status";
            using var stream = new NetworkStream(socket, ownsSocket: false);
            await stream.WriteAsync(ApcupsdNisFraming.EncodeRequest("status"), ct).ConfigureAwait(false);
            var records = await ReadReplyAsync(stream, ct).ConfigureAwait(false);
            var status = ApcupsdStatusParser.ParseStatus(records);
            var mapped = ApcupsdReadingMapper.ToReading(DeviceId, status, Clock.GetUtcNow());
            if (!mapped.IsSuccess) throw Fail($"{mapped.Error} (apcupsd at {Endpoint})");
            LastWarnings = mapped.Value.Warnings;
            LastVariables = status.Values;
            return mapped.Value.Reading;
        }, ex => Explain(ex, doing), afterFailure: null, cancellationToken); // nothing kept: the socket is this poll's
    }

    /// <summary>Reads records until the end marker into the fixed buffer; the framing caps stop a hostile peer.</summary>
    private async Task<IReadOnlyList<string>> ReadReplyAsync(NetworkStream stream, CancellationToken ct)
    {
        var received = 0;
        while (true)
        {
            var read = await stream.ReadAsync(_buffer.AsMemory(received), ct).ConfigureAwait(false);
            received += read;
            var frames = ApcupsdNisFraming.Decode(_buffer.AsSpan(0, received));
            if (!frames.IsSuccess)
                throw Fail($"apcupsd at {Endpoint} sent a reply that is not NIS: {frames.Error}; is this port really apcupsd's NISPORT?");
            if (frames.Value.IsComplete) return frames.Value.Records;
            if (read == 0)
                throw Fail(received == 0
                    ? $"apcupsd at {Endpoint} closed the connection without replying; if apcupsd was built with TCP wrappers, " +
                      "check /etc/hosts.allow and hosts.deny on that host (or was apcupsd restarted?)"
                    : $"apcupsd at {Endpoint} closed the connection in the middle of the status reply " +
                      $"(after {frames.Value.Records.Count} lines, {received} bytes); was apcupsd restarted?");
            // Decode fails before an unfinished reply fills the buffer; a zero-length read would look like EOF.
            if (received == _buffer.Length) throw new InvalidOperationException("NIS reply buffer full but undecided");
        }
    }

    /// <summary>Operator text for I/O failures (timeout, socket errors); null for anything else (a bug: rethrown as is).</summary>
    private string? Explain(Exception ex, string doing) => NetworkFailure.Explain(ex, NetworkFailureWords.ForDaemon("apcupsd", DeviceId, _options.Host, Endpoint, doing,
        noReply: $"no reply from apcupsd at {Endpoint} within {TimeoutSeconds}s " +
                 $"(waiting for {doing}); is apcupsd overloaded, or a firewall dropping packets to NISPORT?",
        refused: $"connection refused by apcupsd at {Endpoint}: is apcupsd running with NETSERVER on, NISPORT {_options.Port}, " +
                 "and NISIP set to an address this node can reach (Debian's default 127.0.0.1 refuses other hosts)?"));
}
