using Supervisor.Domain.Readings;

namespace Supervisor.Drivers;

/// <summary>
/// A driver that can read the device's status alone, far more cheaply than a full poll, between polls (NUT: one
/// <c>GET VAR &lt;ups&gt; ups.status</c> on the session it keeps; apcupsd: the NIS status, with STATUS compared). The
/// device actor calls it every <c>status-interval</c> and, on a change, judges the new status and polls in full at once.
/// <para>
/// Calls are strictly serialized with <see cref="IDeviceDriver.ReadAsync"/>: the device actor never has two calls to
/// its driver in flight, and these drivers refuse a second concurrent call rather than interleave two requests on one
/// connection.
/// </para>
/// </summary>
public interface IStatusWatchingDriver : IDeviceDriver
{
    /// <summary>
    /// Reads the status once. Throws <see cref="DeviceException"/> like <see cref="IDeviceDriver.ReadAsync"/>; the
    /// caller treats that as "the watch saw nothing", never as a failed poll.
    /// </summary>
    Task<StatusProbe> ReadStatusAsync(CancellationToken cancellationToken);
}
