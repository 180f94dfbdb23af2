using Supervisor.Domain.Health;

namespace Supervisor.Domain.Live;

/// <summary>
/// How often a device's samples cross the cluster for live viewers (and go to MQTT): a change of health at once (a
/// viewer must see CRITICAL the moment the node does), otherwise at most one sample per device per <c>interval</c>. A
/// fleet of 10 000 devices polled every second would otherwise send 10 000 messages a second to every dashboard's node.
/// Pure; one actor owns it.
/// </summary>
public sealed class SampleThrottle(TimeSpan interval) : ChangeThrottle<DeviceHealth>(interval);

/// <summary>
/// Admits a subject's sample when its <typeparamref name="TState"/> changed or <c>interval</c> has passed since the last
/// admitted one (a group's state and healthy count change at once; its runtime estimate changes every poll). Pure.
/// </summary>
public class ChangeThrottle<TState>(TimeSpan interval) where TState : struct
{
    private readonly Dictionary<string, (DateTimeOffset At, TState State)> _last = new(StringComparer.Ordinal);

    /// <summary>Whether a sample of <paramref name="id"/> taken at <paramref name="at"/> goes out; remembers it if so.</summary>
    public bool Admit(string id, TState state, DateTimeOffset at)
    {
        if (_last.TryGetValue(id, out var last) && EqualityComparer<TState>.Default.Equals(last.State, state) && at - last.At < interval) return false;
        _last[id] = (at, state);
        return true;
    }

    /// <summary>Forgets every subject, so the next sample of each goes out (a new viewer arrived after a quiet spell).</summary>
    public void Reset() => _last.Clear();
}
