namespace Supervisor.Drivers.Tests.Contract;

/// <summary>
/// A test class against a real daemon its tests share (a class fixture). Before each test the daemon is brought back
/// to its start state, as states latch (FSD in upsd, SHUTTING DOWN in apcupsd, values and relays in the Kasa
/// simulator), and its log is emptied; after the test, the lines it logged meanwhile go to the test's output.
/// </summary>
public abstract class RealServerTests(ITestOutputHelper output) : IAsyncLifetime
{
    protected ITestOutputHelper Output => output;

    /// <summary>Brings the daemon back to its start state.</summary>
    protected abstract Task ResetServerAsync();

    /// <summary>The daemon's log lines since the last call.</summary>
    protected abstract string DrainServerLog();

    public async Task InitializeAsync()
    {
        await ResetServerAsync();
        DrainServerLog(); // keep each test's output to its own log lines
    }

    public virtual Task DisposeAsync()
    {
        output.WriteLine(DrainServerLog());
        return Task.CompletedTask;
    }
}
