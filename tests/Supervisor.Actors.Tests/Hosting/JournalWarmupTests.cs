using Akka.Actor;
using Supervisor.Actors.Hosting;
using Xunit.Abstractions;

namespace Supervisor.Actors.Tests.Hosting;

public class JournalWarmupTests(ITestOutputHelper output) : PersistentTestKit(output)
{
    [Fact]
    public void Warmup_should_write_and_delete_through_the_real_journal_and_stop()
    {
        var warmup = Sys.ActorOf(Props.Create<JournalWarmup>(), "warmup");
        Watch(warmup);
        ExpectTerminated(warmup, TimeSpan.FromSeconds(20));
    }
}
