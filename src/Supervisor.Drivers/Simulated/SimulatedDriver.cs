using System.Globalization;
using Supervisor.Domain.Configuration;
using Supervisor.Domain.Readings;

namespace Supervisor.Drivers.Simulated;

/// <summary>
/// A UPS that exists only in memory, for demos and tests (<c>driver = simulated</c>). It follows a
/// <see cref="SimulatedProfile"/> over the time elapsed since construction, read from the injected
/// <see cref="TimeProvider"/> so tests can move time with a fake clock. Deterministic: no randomness.
/// </summary>
public sealed class SimulatedDriver : IDeviceDriver
{
    private readonly SimulatedOptions _options;
    private readonly TimeProvider _clock;
    private readonly DateTimeOffset _startedAt;

    public SimulatedDriver(string deviceId, SimulatedOptions options, TimeProvider clock)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(deviceId);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(clock);
        // The model divides by these; config validation should already have refused them, but fail loudly here too.
        if (options.BatteryRuntime <= TimeSpan.Zero)
            throw new ArgumentOutOfRangeException(nameof(options), options.BatteryRuntime,
                $"device \"{deviceId}\": battery-runtime must be positive");
        if (options.Profile == SimulatedProfile.Flapping && options.FlapPeriod <= TimeSpan.Zero)
            throw new ArgumentOutOfRangeException(nameof(options), options.FlapPeriod,
                $"device \"{deviceId}\": flap-period must be positive for the flapping profile");

        DeviceId = deviceId;
        _options = options;
        _clock = clock;
        _startedAt = clock.GetUtcNow();
    }

    public string DeviceId { get; }

    /// <summary>Failures come back as a faulted task, like a real network driver's, never as a synchronous throw.</summary>
    public Task<Reading> ReadAsync(CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested) return Task.FromCanceled<Reading>(cancellationToken);
        var now = _clock.GetUtcNow();
        var elapsed = now - _startedAt;

        if (IsInCommsLoss(elapsed))
            return Task.FromException<Reading>(new DeviceException(DeviceId,
                $"simulated comms loss ({Seconds(elapsed - _options.CommsLossAt)} into a {Seconds(_options.CommsLossFor)} loss window " +
                $"that opened {Seconds(_options.CommsLossAt)} after start); polls succeed again when it closes"));

        return Task.FromResult(ToReading(now, SimulatedPowerModel.At(_options, elapsed)));
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private bool IsInCommsLoss(TimeSpan elapsed) =>
        _options.Profile == SimulatedProfile.CommsLoss
        && elapsed >= _options.CommsLossAt
        && elapsed < _options.CommsLossAt + _options.CommsLossFor;

    private Reading ToReading(DateTimeOffset now, SimulatedPowerState power) => new(
        DeviceId: DeviceId,
        Time: now,
        OnLine: !power.OnBattery,
        OnBattery: power.OnBattery,
        LowBattery: power.LowBattery,
        ForcedShutdown: false,
        ChargePercent: power.ChargePercent,
        RuntimeSeconds: power.RuntimeSeconds,
        LoadPercent: _options.LoadPercent,
        // No mains while on battery: a real UPS reports ~0 V input then.
        InputVoltage: power.OnBattery ? 0 : _options.InputVoltage,
        PowerWatts: _options.PowerWatts,
        RawStatus: RawStatus(power));

    /// <summary>NUT-style <c>ups.status</c>, so logs read like a real UPS's.</summary>
    private static string RawStatus(SimulatedPowerState power) => power switch
    {
        { OnBattery: true, LowBattery: true } => "OB LB",
        { OnBattery: true } => "OB DISCHRG",
        { ChargePercent: < 100 } => "OL CHRG",
        _ => "OL",
    };

    private static string Seconds(TimeSpan value) =>
        value.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture) + "s";
}
