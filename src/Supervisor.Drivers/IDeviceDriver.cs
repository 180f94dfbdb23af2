using Supervisor.Domain.Readings;

namespace Supervisor.Drivers;

/// <summary>
/// One device's protocol client. The device actor owns exactly one instance and calls
/// <see cref="ReadAsync"/> once per poll, never concurrently. A driver keeps whatever connection it likes
/// between polls and reconnects by itself on the next call after a failure.
/// </summary>
public interface IDeviceDriver : IAsyncDisposable
{
    /// <summary>The configured device id every reading carries.</summary>
    string DeviceId { get; }

    /// <summary>
    /// Poll the device once. Throws <see cref="DeviceException"/> with a message naming the device and the
    /// fix for every known failure (refused, timeout, protocol error, malformed reply). Any other exception
    /// is a bug, but callers still treat it as a failed poll.
    /// </summary>
    Task<Reading> ReadAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Problems with the last successful reading that did not fail it (e.g. a variable that was not a
    /// number and was left out). The device actor logs them when they change, so nothing is dropped silently.
    /// </summary>
    IReadOnlyList<string> LastWarnings => [];

    /// <summary>
    /// Every variable the last successful reading came from, by the device's own names (NUT <c>LIST VAR</c>, apcupsd's
    /// status records), for <c>report --raw</c>. Empty for a driver whose protocol has no such list.
    /// </summary>
    IReadOnlyDictionary<string, string> LastVariables => EmptyVariables;

    /// <summary>What <see cref="LastVariables"/> is before any reading, or for a driver without a variable list.</summary>
    static readonly IReadOnlyDictionary<string, string> EmptyVariables = new Dictionary<string, string>();
}
