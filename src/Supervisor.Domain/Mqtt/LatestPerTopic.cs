namespace Supervisor.Domain.Mqtt;

/// <summary>
/// What waits to be published: at most one message per topic, the latest, in the order topics first became pending.
/// Every message is a retained state or config that a newer one for the same topic replaces, so a slow broker gets the
/// newest of each and nothing is lost that matters; memory is bounded by the number of topics, which the config bounds
/// (a device's state and its discovery configs, a group's, the availability). A bounded FIFO instead dropped discovery
/// configs at 10 000 devices (each device announces a dozen entities on connect). Not thread-safe; its owner locks.
/// </summary>
public sealed class LatestPerTopic
{
    private readonly Dictionary<string, LinkedListNode<MqttOutgoing>> _byTopic = new(StringComparer.Ordinal);
    private readonly LinkedList<MqttOutgoing> _order = new();

    public int Count => _order.Count;

    /// <summary>Messages replaced by a newer one for their topic before they were sent.</summary>
    public long Superseded { get; private set; }

    /// <summary>Queues <paramref name="message"/>, or puts it in the place of the unsent one for its topic.</summary>
    public void Put(MqttOutgoing message)
    {
        if (_byTopic.TryGetValue(message.Topic, out var pending))
        {
            pending.Value = message;
            Superseded++;
            return;
        }
        _byTopic[message.Topic] = _order.AddLast(message);
    }

    /// <summary>The oldest pending topic's latest message, removed; false when nothing waits.</summary>
    public bool TryTake(out MqttOutgoing message)
    {
        if (_order.First is not { } first)
        {
            message = null!;
            return false;
        }
        _order.RemoveFirst();
        _byTopic.Remove(first.Value.Topic);
        message = first.Value;
        return true;
    }
}
