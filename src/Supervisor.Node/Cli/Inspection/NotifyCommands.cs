using Supervisor.Actors.Notifications;

namespace Supervisor.Node.Cli.Inspection;

/// <summary>
/// <c>supervisor notify test [--channel X]</c> (a test notification through the real path: journal, outbox, channel) and
/// <c>supervisor notify status</c> (what waits in the outbox). Exit 0 = every asked channel delivered / answered,
/// 1 = a test failed on a channel or none is configured, 2 = no node answered (or, for status, no notifier runs).
/// </summary>
internal static class NotifyCommands
{
    public static Command Create()
    {
        var notify = new Command("notify", "Notifications: send a test, see the outbox.");
        notify.Subcommands.Add(Test());
        notify.Subcommands.Add(Status());
        return notify;
    }

    private static Command Test()
    {
        var (target, json) = (InspectionCommands.Target.Create(), InspectionCommands.JsonOption());
        var channel = new Option<string?>("--channel") { Description = "Only this channel (its id under supervisor.notifications.channels); default: every channel." };
        var command = target.AddTo(new Command("test", "Send a test notification through the real path and print each channel's outcome.") { channel, json });
        command.SetAction(p => InspectionCommands.Run(p, target, async client =>
        {
            var asker = $"supervisor notify test on {Environment.MachineName}";
            var result = await client.AskAsync<NotifyTestResult>(new NotifyTestRequest(p.GetValue(channel), asker),
                InspectorActor.NotifyTestTimeout + TimeSpan.FromSeconds(5));
            var ok = result.Error is null && result.Outcomes.All(o => o.Delivered);
            InspectionCommands.Print(p.GetValue(json), result, () =>
            {
                if (result.Error is { } error) Console.Error.WriteLine($"supervisor: {error}");
                foreach (var o in result.Outcomes)
                    (o.Delivered ? Console.Out : Console.Error).WriteLine($"{o.Channel,-16} {(o.Delivered ? "OK    " : "FAILED")} {o.Detail}");
            });
            return ok ? 0 : 1;
        }));
        return command;
    }

    private static Command Status()
    {
        var (target, json) = (InspectionCommands.Target.Create(), InspectionCommands.JsonOption());
        var command = target.AddTo(new Command("status", "Notifications waiting in the outbox, per channel, with each channel's last failure.") { json });
        command.SetAction(p => InspectionCommands.Run(p, target, async client =>
        {
            var status = await client.AskAsync<OutboxStatus>(GetOutboxStatus.Instance);
            return InspectionCommands.Print(p.GetValue(json), status, () =>
            {
                if (status.Channels.Count == 0) Console.Out.WriteLine("outbox empty: every notification was delivered (or abandoned, see the log)");
                foreach (var c in status.Channels)
                    Console.Out.WriteLine($"{c.Channel,-16} {c.Waiting} waiting; head tried {c.HeadAttempts}x{(c.LastFailure is { } f ? $", last failure: {f}" : "")}");
            });
        }));
        return command;
    }
}
