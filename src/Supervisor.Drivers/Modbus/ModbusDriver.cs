using System.Net.Sockets;
using Supervisor.Domain.Configuration;
using Supervisor.Domain.Readings;
using Supervisor.Drivers.Network;

namespace Supervisor.Drivers.Modbus;

/// <summary>
/// Modbus TCP power meter client: one TCP connection kept across polls (many meters and gateways accept only
/// a handful of clients, so reconnect churn is avoided), the register map read in as few requests as the
/// planner allows. A framing or I/O failure closes the connection (its state is unknown) and the next poll
/// reconnects (the device actor's poll schedule backs off while that keeps failing). An exception reply keeps the connection:
/// the exchange itself completed cleanly.
/// </summary>
public sealed class ModbusDriver : NetworkDeviceDriver
{
    private const string Connecting = "the connection";

    private readonly ModbusOptions _options;
    private readonly IReadOnlyList<ModbusRegister> _map;
    private readonly IReadOnlyList<ModbusReadBlock> _blocks;
    private readonly KeptConnection<ModbusConnection> _connection = new();
    private ushort _transactionId;
    private int _exchangesThisPoll;

    public ModbusDriver(string deviceId, ModbusOptions options, TimeSpan timeout)
        : this(deviceId, options, timeout, TimeProvider.System) { }

    public ModbusDriver(string deviceId, ModbusOptions options, TimeSpan timeout, TimeProvider timeProvider)
        : base(deviceId, options, timeout, timeProvider)
    {
        // The config loader reports these with their HOCON paths; here they only guard the byte cast and the socket.
        ArgumentOutOfRangeException.ThrowIfNotEqual(options.UnitId, (byte)options.UnitId, nameof(options.UnitId));
        ArgumentOutOfRangeException.ThrowIfNotEqual(options.Port, (ushort)options.Port, nameof(options.Port));
        _options = options;
        _map = ModbusRegisterMaps.For(options);
        _blocks = ModbusReadPlanner.Plan(_map);
    }

    /// <summary>The read requests one poll makes (for tests and docs: how the map was batched).</summary>
    public IReadOnlyList<ModbusReadBlock> Requests => _blocks;

    private string Endpoint => $"{_options.Host}:{_options.Port}";

    private string Meter => $"the meter at {Endpoint} (unit id {_options.UnitId})";

    public override async Task<Reading> ReadAsync(CancellationToken cancellationToken)
    {
        _exchangesThisPoll = 0;
        var doing = Connecting;
        var outcome = await RunCallAsync(async ct =>
        {
            var reused = _connection.Current is not null;
            var connection = await _connection.GetAsync(() => ConnectAsync(ct)).ConfigureAwait(false);
            try
            {
                return await ReadBlocksAsync(connection, d => doing = d, ct).ConfigureAwait(false);
            }
            catch (Exception ex) when (reused && _exchangesThisPoll == 0 && IsDeadSocket(ex) && !ct.IsCancellationRequested)
            {
                // Gateways often close idle connections; the first request on the old socket finds it dead.
                // That is not a failed poll: reconnect once, within the same timeout.
                _connection.Close();
                doing = Connecting;
                connection = await _connection.GetAsync(() => ConnectAsync(ct)).ConfigureAwait(false);
                return await ReadBlocksAsync(connection, d => doing = d, ct).ConfigureAwait(false);
            }
        }, ex => Explain(ex, doing), _connection.Close, cancellationToken).ConfigureAwait(false);

        if (outcome.Refusal is { Block: var block, Code: var code })
            throw Fail(ModbusErrors.Describe(code, new ModbusErrorContext(Endpoint, (byte)_options.UnitId, block.Function,
                block.Address, block.Count, block.Registers.Select(r => ModbusRegisterMaps.Name(r.Measurement)).ToList())));

        var mapped = ModbusReadingMapper.ToReading(DeviceId, _map, outcome.Image, Clock.GetUtcNow());
        if (!mapped.IsSuccess) throw Fail($"{mapped.Error} ({Meter})");
        LastWarnings = mapped.Value.Warnings;
        return mapped.Value.Reading;
    }

    /// <summary>Reads every block; stops at the first exception reply and returns it instead of the image.</summary>
    private async Task<(Dictionary<(byte, int), ushort> Image, (ModbusReadBlock Block, byte Code)? Refusal)> ReadBlocksAsync(
        ModbusConnection connection, Action<string> doing, CancellationToken ct)
    {
        var image = new Dictionary<(byte, int), ushort>();
        foreach (var block in _blocks)
        {
            var request = new ModbusReadRequest(++_transactionId, (byte)_options.UnitId, block.Function, block.Address, block.Count);
            doing($"the reply to {ModbusErrors.FunctionName(block.Function)} {ModbusErrors.Range(block.Address, block.Count)}");
            var reply = await connection.ReadAsync(request, ct).ConfigureAwait(false);
            _exchangesThisPoll++;
            switch (reply)
            {
                case ModbusReply.Exception e:
                    return (image, (block, e.Code));
                case ModbusReply.Registers r:
                    for (var i = 0; i < r.Values.Length; i++) image[(block.Function, block.Address + i)] = r.Values[i];
                    break;
            }
        }
        return (image, null);
    }

    private Task<ModbusConnection> ConnectAsync(CancellationToken ct) =>
        ModbusConnection.OpenAsync(_options.Host, _options.Port, m => Fail(m), ct);

    private static bool IsDeadSocket(Exception ex) =>
        ex is ModbusPeerClosedException ||
        NetworkFailure.SocketErrorOf(ex)?.SocketErrorCode is
            SocketError.ConnectionReset or SocketError.ConnectionAborted or SocketError.Shutdown;

    /// <summary>Operator text for I/O failures (timeout, socket errors); null for anything else (a bug: rethrown as is).</summary>
    private string? Explain(Exception ex, string doing) => ex is ModbusPeerClosedException
        ? $"{Endpoint} closed the connection without replying to {doing} (unit id {_options.UnitId}); " +
          "does the device accept this unit id, and does it allow another Modbus TCP client (many allow only one to four)?"
        : NetworkFailure.Explain(ex, new NetworkFailureWords
        {
            DeviceId = DeviceId,
            Host = _options.Host,
            HostNoun = "meter host",
            Peer = Endpoint,
            Waiting = $" while we waited for {doing}",
            // Modbus says which half timed out: a silent gateway (wrong unit id) is the common case of the second.
            NoReply = doing == Connecting
                ? $"could not connect to {Endpoint} within {TimeoutSeconds}s; is the meter on and reachable, and is a firewall dropping packets?"
                : $"no reply from {Meter} within {TimeoutSeconds}s (waiting for {doing}); is unit-id right (a gateway stays " +
                  "silent for a unit it cannot reach), is the meter overloaded, or is a firewall dropping packets?",
            Refused = $"connection refused by {Endpoint}: is the meter's Modbus TCP server enabled, and is port right (usually 502)?",
            ResetFix = "was the meter or gateway restarted, or does it allow fewer Modbus TCP clients than are connected?",
            UnreachableFix = "check the network and firewall",
            ReachableFix = "is the meter reachable?",
        });

    /// <summary>Modbus has no logout: closing the socket is the whole goodbye.</summary>
    protected override ValueTask CloseAsync()
    {
        _connection.Close();
        return ValueTask.CompletedTask;
    }
}
