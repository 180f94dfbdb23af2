using Supervisor.Actors.Sagas;

namespace Supervisor.Actors.Tests.Persistence;

/// <summary>The multi-host journal: a saga persisted to a real PostgreSQL recovers from it, and the saga history reads it back.</summary>
public sealed class PostgresJournalTests(PostgresServer pg, ITestOutputHelper output)
    : TestKit(Config(pg), "pg-test", output), IClassFixture<PostgresServer>
{
    private static Config Config(PostgresServer pg)
    {
        var settings = new SupervisorSettings("unused", [], [], null) { Journal = new JournalSettings(JournalProvider.PostgreSql, pg.CreateDatabaseAsync().GetAwaiter().GetResult()) };
        return ConfigurationFactory.ParseString("akka.loglevel = INFO\nakka.test.timefactor = 3").WithFallback(SupervisorHocon.Essentials(settings));
    }

    private static SagaPlan Plan() => SagaPlan.Build("rack-a-1", new GroupSettings("rack-a", ["ups-a"], 1, CountsAs.Healthy, CountsAs.Healthy, null, TimeSpan.FromSeconds(60),
        new ShutdownSettings(TimeSpan.FromSeconds(60), PowerRestoredPolicy.Abort, TimeSpan.FromSeconds(30),
        [
            new PhaseSettings("vms", [new StepSettings("hv-1", "stop-vms", TimeSpan.FromSeconds(300), false)]),
            new PhaseSettings("local-host", [new StepSettings("hv-1", "poweroff", TimeSpan.FromSeconds(300), true)]),
        ])));

    [Fact]
    public async Task Saga_journaled_in_postgresql_should_resume_after_a_crash_and_be_listed_by_the_history()
    {
        var agents = CreateTestProbe();
        var saga = ChildActorOf(ShutdownSagaActor.Props(Plan(), null, "test", agents), "saga");
        var first = (ExecuteStep)agents.ExpectMsg<Publish>(TimeSpan.FromSeconds(30)).Message; // first persist creates the tables
        saga.Tell(new StepResult(first.SagaId, first.StepId, "hv-1", true, 0, "done", true, false));
        var second = (ExecuteStep)agents.ExpectMsg<Publish>(TimeSpan.FromSeconds(15)).Message;
        Assert.Equal("2.1-local-host-hv-1-poweroff", second.StepId);
        Watch(saga);
        Sys.Stop(saga);
        ExpectTerminated(saga);

        ChildActorOf(ShutdownSagaActor.Props(Plan(), null, "test", agents), "saga-again");
        var resent = (ExecuteStep)((Publish)agents.FishForMessage(m => m is Publish { Message: ExecuteStep { Attempt: > 1 } }, TimeSpan.FromSeconds(15))).Message;
        Assert.Equal("2.1-local-host-hv-1-poweroff", resent.StepId);

        var history = await new SagaHistory(Sys).ListAsync(CancellationToken.None);
        var view = SagaViews.Summary(Assert.Single(history));
        Assert.Equal(("rack-a-1", "RUNNING", 1, 1), (view.SagaId, view.Status, view.Succeeded, view.Unfinished));
    }
}
