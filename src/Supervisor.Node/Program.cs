using Supervisor.Node.Cli;
using Supervisor.Node.Cli.Certs;
using Supervisor.Node.Cli.Doctor;
using Supervisor.Node.Cli.Init;
using Supervisor.Node.Cli.Inspection;
using Supervisor.Node.Cli.Watch;

var root = new RootCommand("Supervisor: keeps servers alive through power trouble and shuts them down cleanly, in order and exactly once.")
{
    RunCommand.Create(),
    ValidateCommand.Create(),
    ReportCommand.Create(),
    CertsCommand.Create(),
    HttpCommands.Create(),
    DiscoverCommand.Create(),
    InitCommand.Create(),
    WatchCommand.Create(),
    HashPasswordCommand.Create(),
    DoctorCommand.Create(),
    AgentCheckCommand.Create(),
};
foreach (var command in InspectionCommands.Create()) root.Subcommands.Add(command);
// The generic host handles Ctrl+C / SIGTERM itself (graceful cluster leave); System.CommandLine must not race it.
return await root.Parse(args).InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = null });
