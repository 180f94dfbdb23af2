using Akka.Actor;
using Supervisor.Domain.Alerts;
using Supervisor.Domain.Events;

namespace Supervisor.Actors.Alerts;

/// <summary>
/// Runs on every supervisor node: samples stay on the node that made them (design §11), so each node reads its own
/// device and group samples, keeps only the values some rule asks for, and sends those to the alerts singleton.
/// A consumer like the others: it never talks to a device or a group, and it holds no state.
/// </summary>
public sealed class AlertFeedActor : ReceiveActor
{
    public const string Name = "alert-feed";

    public AlertFeedActor(IReadOnlyList<AlertRule> rules, IActorRef alerts)
    {
        Receive<IFleetFact>(fact =>
        {
            foreach (var rule in rules)
                if (rule.ValueIn(fact) is { } v) alerts.Tell(new AlertObserved(rule.Id, v.Kind, v.Subject, v.Value, v.At));
        });
    }

    public static Props Props(IReadOnlyList<AlertRule> rules, IActorRef alerts) => Akka.Actor.Props.Create(() => new AlertFeedActor(rules, alerts));

    protected override void PreStart()
    {
        Context.System.EventStream.Subscribe(Self, typeof(DeviceSampled));
        Context.System.EventStream.Subscribe(Self, typeof(GroupSampled));
    }

    protected override void PostStop() => Context.System.EventStream.Unsubscribe(Self);
}
