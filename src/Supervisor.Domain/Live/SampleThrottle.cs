using Supervisor.Domain.Health;

namespace Supervisor.Domain.Live;

/// <summary>
/// How often a device's samples cross the cluster for live viewers: a change of health at once (a viewer must see
/// CRITICAL the moment the node does), otherwise at most one sample per device per <c>interval</c>. A fleet of
/// 10 000 devices polled every second would otherwise send 10 000 messages a second to every dashboard's node.
/// Pure; one actor owns it.
/// </summary>
public sealed class SampleThrottle(TimeSpan interval)
{
    private readonly Dictionary<string, (DateTimeOffset At, DeviceHealth Health)> _last = new(StringComparer.Ordinal);

    /// <summary>Whether a sample of <paramref name="deviceId"/> taken at <paramref name="at"/> goes out; remembers it if so.</summary>
    public bool Admit(string deviceId, DeviceHealth health, DateTimeOffset at)
    {
        if (_last.TryGetValue(deviceId, out var last) && last.Health == health && at - last.At < interval) return false;
        _last[deviceId] = (at, health);
        return true;
    }

    /// <summary>Forgets every device, so the next sample of each goes out (a new viewer arrived after a quiet spell).</summary>
    public void Reset() => _last.Clear();
}
