namespace Supervisor.IntegrationTests.Harness;

/// <summary>
/// Base of the tests that work in one fresh <see cref="Scenario"/> directory (config files, data dirs, action logs):
/// disposing the test first stops what <see cref="StopNodes"/> knows of, then deletes the directory.
/// </summary>
public abstract class ScenarioTest : IDisposable
{
    protected Scenario Scenario { get; } = new();

    /// <summary>Ends whatever the test started in the directory before it is deleted; nothing by default.</summary>
    protected virtual void StopNodes() { }

    public void Dispose()
    {
        try { StopNodes(); }
        finally { Scenario.Dispose(); }
        GC.SuppressFinalize(this);
    }
}
