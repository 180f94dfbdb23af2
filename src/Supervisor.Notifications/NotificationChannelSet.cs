using Akka.Actor;
using Supervisor.Domain.Configuration;
using Supervisor.Domain.Notifications;

namespace Supervisor.Notifications;

/// <summary>
/// The channels of one node's notifier, built once from config and owned for the actor system's lifetime: the HTTP
/// channels hold an <see cref="HttpClient"/> (sockets, a connection pool) and the e-mail channel a CA certificate, so
/// they are disposed when the system terminates (after the notifier singleton stopped with it), not left to the finalizer.
/// </summary>
public sealed class NotificationChannelSet : IDisposable
{
    private int _disposed;

    private NotificationChannelSet(IReadOnlyDictionary<string, INotificationChannel> channels) => Channels = channels;

    /// <summary>Each channel by its id.</summary>
    public IReadOnlyDictionary<string, INotificationChannel> Channels { get; }

    /// <param name="clock">The clock for webhook timestamps and Retry-After dates; the system clock when null.</param>
    public static NotificationChannelSet Create(IEnumerable<ChannelSettings> settings, TimeProvider? clock = null) =>
        new(settings.ToDictionary(c => c.Id, c => NotificationChannelFactory.Create(c, clock), StringComparer.Ordinal));

    /// <summary>Disposes the channels once <paramref name="system"/> has terminated (a node stopping, a test's system shut down).</summary>
    public void DisposeWhenTerminated(ActorSystem system) => system.RegisterOnTermination(Dispose);

    /// <summary>Disposes every channel that holds resources; a second call does nothing.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1) return;
        foreach (var channel in Channels.Values) (channel as IDisposable)?.Dispose();
    }
}
