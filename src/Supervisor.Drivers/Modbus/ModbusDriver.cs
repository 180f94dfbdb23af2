using System.Net.Sockets;
using Supervisor.Domain.Configuration;
using Supervisor.Domain.Readings;

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
    private ModbusConnection? _connection;
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
        using var cts = PollBudget(cancellationToken);
        _exchangesThisPoll = 0;
        var doing = Connecting;
        (Dictionary<(byte, int), ushort> Image, (ModbusReadBlock Block, byte Code)? Refusal) outcome;
        try
        {
            var reused = _connection is not null;
            _connection ??= await ConnectAsync(cts.Token, cancellationToken).ConfigureAwait(false);
            try
            {
                outcome = await ReadBlocksAsync(_connection, d => doing = d, cts.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (reused && _exchangesThisPoll == 0 && IsDeadSocket(ex) && !cts.IsCancellationRequested)
            {
                // Gateways often close idle connections; the first request on the old socket finds it dead.
                // That is not a failed poll: reconnect once, within the same timeout.
                Close();
                doing = Connecting;
                _connection = await ConnectAsync(cts.Token, cancellationToken).ConfigureAwait(false);
                outcome = await ReadBlocksAsync(_connection, d => doing = d, cts.Token).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is not DeviceException && Explain(ex, doing, cancellationToken) is { } message)
        {
            Close();
            throw Fail(message, ex);
        }
        catch
        {
            Close();
            throw;
        }

        if (outcome.Refusal is { Block: var block, Code: var code })
            throw Fail(ModbusErrors.Describe(code, new ModbusErrorContext(Endpoint, (byte)_options.UnitId, block.Function,
                block.Address, block.Count, block.Registers.Select(r => ModbusRegisterMaps.Name(r.Measurement)).ToList())));

        var mapped = ModbusReadingMapper.ToReading(DeviceId, _map, outcome.Image, Clock.GetUtcNow());
        if (!mapped.IsSuccess) throw Fail($"{mapped.Error} ({Meter})");
        LastWarnings = mapped.Value.Warnings;
        return mapped.Value.Reading;
    }

    /// <summary>Reads every block; stops at the first exception reply and returns it instead of the image.</summary>
    private async Task<(Dictionary<(byte, int), ushort>, (ModbusReadBlock, byte)?)> ReadBlocksAsync(
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

    /// <summary>Opens a connection.</summary>
    private Task<ModbusConnection> ConnectAsync(CancellationToken ct, CancellationToken callerCt) =>
        OpenConnectionAsync(() => ModbusConnection.OpenAsync(_options.Host, _options.Port, m => Fail(m), ct),
            ex => Explain(ex, Connecting, callerCt), callerCt);

    private static bool IsDeadSocket(Exception ex) =>
        ex is ModbusPeerClosedException ||
        SocketErrorOf(ex)?.SocketErrorCode is
            SocketError.ConnectionReset or SocketError.ConnectionAborted or SocketError.Shutdown;

    /// <summary>Operator text for I/O failures (timeout, socket errors); null for anything else (a bug: rethrown as is).</summary>
    private string? Explain(Exception ex, string doing, CancellationToken callerCt)
    {
        var seconds = TimeoutSeconds;
        if (ex is OperationCanceledException)
            return callerCt.IsCancellationRequested ? null
                : doing == Connecting
                    ? $"could not connect to {Endpoint} within {seconds}s; is the meter on and reachable, and is a firewall dropping packets?"
                    : $"no reply from {Meter} within {seconds}s (waiting for {doing}); is unit-id right (a gateway stays " +
                      "silent for a unit it cannot reach), is the meter overloaded, or is a firewall dropping packets?";
        if (ex is ModbusPeerClosedException)
            return $"{Endpoint} closed the connection without replying to {doing} (unit id {_options.UnitId}); " +
                   "does the device accept this unit id, and does it allow another Modbus TCP client (many allow only one to four)?";
        var socket = SocketErrorOf(ex);
        return socket?.SocketErrorCode switch
        {
            SocketError.ConnectionRefused =>
                $"connection refused by {Endpoint}: is the meter's Modbus TCP server enabled, and is port right (usually 502)?",
            SocketError.HostNotFound or SocketError.TryAgain or SocketError.NoData =>
                $"cannot resolve meter host \"{_options.Host}\" ({socket.Message}); check host in supervisor.devices.{DeviceId}",
            SocketError.ConnectionReset or SocketError.ConnectionAborted or SocketError.Shutdown =>
                $"{Endpoint} reset the connection while we waited for {doing}; was the meter or gateway restarted, " +
                "or does it allow fewer Modbus TCP clients than are connected?",
            SocketError.HostUnreachable or SocketError.NetworkUnreachable or SocketError.TimedOut =>
                $"cannot reach {Endpoint} ({socket.Message}); check the network and firewall",
            { } code => $"network error with {Endpoint} ({code}: {socket.Message}); is the meter reachable?",
            null when ex is IOException => $"I/O error with {Endpoint} ({ex.Message}); is the meter reachable?",
            null => null,
        };
    }

    private void Close()
    {
        _connection?.Dispose();
        _connection = null;
    }

    /// <summary>Modbus has no logout: closing the socket is the whole goodbye.</summary>
    public override ValueTask DisposeAsync()
    {
        Disposed = true;
        Close();
        return ValueTask.CompletedTask;
    }
}
