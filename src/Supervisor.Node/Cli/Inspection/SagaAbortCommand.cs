using System.CommandLine;
using Supervisor.Actors.Sagas;

namespace Supervisor.Node.Cli.Inspection;

/// <summary>
/// <c>supervisor sagas abort SAGA-ID</c>: the same request as <c>POST /api/v1/sagas/{id}/abort</c>. The saga journals its
/// abort (who asked is in the reason) and sends no further step; exit 1 when there is no such saga or it already ended.
/// </summary>
internal static class SagaAbortCommand
{
    public static Command Create()
    {
        var (target, json, by) = (InspectionCommands.Target.Create(), InspectionCommands.JsonOption(), MaintenanceCommands.ByOption());
        var id = new Argument<string>("saga-id") { Description = "The running saga's id, as `sagas list` shows it." };
        var command = target.AddTo(new Command("abort",
            "Abort a running saga: no further step is sent (a step already sent may still run). The group stays ABORTED until its quorum holds again.")
            { id, by, json });
        command.SetAction(p => InspectionCommands.Run(p, target, async client =>
        {
            var result = await client.AskAsync<SagaAbortResult>(new SagaAbortRequest(p.GetValue(id)!, p.GetValue(by)!));
            var ok = result.Outcome == SagaAbortOutcome.Aborted;
            if (p.GetValue(json)) Console.Out.WriteLine(JsonSerializer.Serialize(result, ReportCommand.Json));
            else if (ok) Console.Out.WriteLine(result.Message);
            else Console.Error.WriteLine($"supervisor: {result.Message}");
            return ok ? 0 : 1;
        }));
        return command;
    }
}
