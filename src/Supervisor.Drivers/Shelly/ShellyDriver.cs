using Supervisor.Domain.Configuration;
using Supervisor.Domain.Readings;

namespace Supervisor.Drivers.Shelly;

/// <summary>
/// Shelly plug/relay client over the local HTTP API. Per poll: (auto only, and only when not known yet)
/// <c>GET /shelly</c> to learn the generation, then Gen1 <c>GET /status</c> or Gen2+
/// <c>GET /rpc/Switch.GetStatus?id=&lt;channel&gt;</c>. The whole poll, detection included, is bounded by the
/// device timeout.
/// <para>
/// After any failure the pooled HTTP connection is dropped and (with generation = auto) the generation is detected
/// again, so a device swapped for another model or re-flashed is picked up. Every poll tries the device (the device
/// actor's poll schedule decides how often a failing one is polled); one GET per poll costs the device little.
/// </para>
/// </summary>
public sealed class ShellyDriver : NetworkDeviceDriver
{
    private readonly ShellyOptions _options;
    private readonly ShellyHttp _http;
    private ShellyDeviceInfo? _device;
    private Uri _url;

    public ShellyDriver(string deviceId, ShellyOptions options, TimeSpan timeout)
        : this(deviceId, options, timeout, TimeProvider.System) { }

    public ShellyDriver(string deviceId, ShellyOptions options, TimeSpan timeout, TimeProvider timeProvider)
        : base(deviceId, options, timeout, timeProvider)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(options.Host);
        ArgumentOutOfRangeException.ThrowIfNegative(options.Channel);
        _options = options;
        _http = new ShellyHttp(options.Host, options.Port, options.Username, options.Password?.Reveal(), timeout);
        _url = _http.BaseUri;
    }

    /// <summary>What <c>GET /shelly</c> said, once detected (null with a forced generation or before the first poll).</summary>
    public ShellyDeviceInfo? Device => _device;

    public override Task<Reading> ReadAsync(CancellationToken cancellationToken) => RunCallAsync(async ct =>
    {
        var generation = await GenerationAsync(ct).ConfigureAwait(false);
        var measurement = generation >= 2
            ? await ReadAsync($"/rpc/Switch.GetStatus?id={_options.Channel}", generation, ShellyParser.ParseGen2SwitchStatus, ct).ConfigureAwait(false)
            : await ReadAsync("/status", generation, ShellyParser.ParseGen1Status, ct).ConfigureAwait(false);
        var mapped = ShellyReadingMapper.ToReading(DeviceId, _device, measurement, Clock.GetUtcNow());
        LastWarnings = mapped.Warnings;
        return mapped.Reading;
    }, ex => ShellyErrors.Explain(ex, Context()), AfterFailure, cancellationToken);

    /// <summary>The configured generation, or the detected one (cached until a poll fails).</summary>
    private async Task<int> GenerationAsync(CancellationToken ct)
    {
        switch (_options.Generation)
        {
            case ShellyGeneration.Gen1: return 1;
            case ShellyGeneration.Gen2: return 2;
        }
        if (_device is { } known) return known.Generation;
        var reply = await GetAsync("/shelly", generation: null, ct).ConfigureAwait(false);
        var info = ShellyParser.ParseDeviceInfo(reply.Body);
        if (!info.IsSuccess)
            throw Fail($"bad reply from GET {_url}: {info.Error}. To skip detection set generation = 1 or 2 in supervisor.devices.{DeviceId}");
        _device = info.Value;
        return _device.Generation;
    }

    private async Task<ShellyMeasurement> ReadAsync(
        string pathAndQuery, int generation, Func<ReadOnlyMemory<byte>, int, ParseResult<ShellyMeasurement>> parse, CancellationToken ct)
    {
        var reply = await GetAsync(pathAndQuery, generation, ct).ConfigureAwait(false);
        var result = parse(reply.Body, _options.Channel);
        if (result.IsSuccess) return result.Value;
        var hint = _options.Generation == ShellyGeneration.Auto
            ? ""
            : $" (generation = {(generation >= 2 ? "2" : "1")} is set; if the device is of the other generation, set generation = auto)";
        throw Fail($"bad reply from GET {_url}: {result.Error}{hint}");
    }

    /// <summary>GETs and fails on any status but 200, with the message for that status. <paramref name="generation"/> null: detecting.</summary>
    private async Task<ShellyHttpReply> GetAsync(string pathAndQuery, int? generation, CancellationToken ct)
    {
        _url = _http.Url(pathAndQuery);
        // /shelly answers without a password on every generation; Gen1 wants Basic on everything else.
        var reply = await _http.GetAsync(pathAndQuery, basicAuth: generation == 1, m => Fail(m), ct).ConfigureAwait(false);
        if (ShellyErrors.DescribeStatus(reply, Context(generation)) is { } problem) throw Fail(problem);
        return reply;
    }

    private ShellyErrorContext Context(int? generation = null) =>
        new(DeviceId, _url, _options.Channel, generation ?? _device?.Generation ?? Forced(), _http.Username, Timeout);

    private int? Forced() => _options.Generation switch
    {
        ShellyGeneration.Gen1 => 1,
        ShellyGeneration.Gen2 => 2,
        _ => null,
    };

    /// <summary>Drops the connection and the detected generation.</summary>
    private void AfterFailure()
    {
        _http.Reset();
        _device = null;
    }

    protected override ValueTask CloseAsync()
    {
        _http.Dispose();
        return ValueTask.CompletedTask;
    }
}
