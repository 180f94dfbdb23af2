namespace Supervisor.IntegrationTests.Harness;

/// <summary>A temp working directory for one scenario: config files, data dirs and the agents' action logs.</summary>
public sealed class Scenario : IDisposable
{
    public string Dir { get; } = Path.Combine(Path.GetTempPath(), "supervisor-it", Guid.NewGuid().ToString("N")[..10]);

    public Scenario() => Directory.CreateDirectory(Dir);

    public string WriteConfig(string name, string hocon)
    {
        var path = Path.Combine(Dir, name);
        File.WriteAllText(path, hocon);
        return path;
    }

    /// <summary>
    /// Writes <paramref name="name"/>: a supervisor block whose data dir is this scenario's <c>data</c>, holding
    /// <paramref name="inSupervisor"/>, followed by <paramref name="after"/> (akka keys or overrides).
    /// </summary>
    public string WriteNodeConfig(string name, string inSupervisor = "", string after = "") => WriteConfig(name, $$"""
        supervisor {
          data-dir = "{{Path.Combine(Dir, "data")}}"
          {{inSupervisor}}
        }
        {{after}}
        """);

    /// <summary>The (stepId, action) of each JSON line in an agent's action log, in file order.</summary>
    public IReadOnlyList<(string StepId, string Action, bool DryRun)> ActionLog(string dataDir) => Entries(dataDir)
        .Select(e => (e.GetProperty("stepId").GetString()!, e.GetProperty("action").GetString()!, e.GetProperty("dryRun").GetBoolean())).ToList();

    /// <summary>The (sagaId, stepId) of each entry of a dry-run agent's action log (fails on an entry that really ran).</summary>
    public IReadOnlyList<(string SagaId, string StepId)> SagaSteps(string dataDir) => Entries(dataDir).Select(e =>
    {
        Assert.True(e.GetProperty("dryRun").GetBoolean());
        return (e.GetProperty("sagaId").GetString()!, e.GetProperty("stepId").GetString()!);
    }).ToList();

    private IEnumerable<JsonElement> Entries(string dataDir)
    {
        var path = Path.Combine(Dir, dataDir, "agent-actions.jsonl");
        return File.Exists(path) ? File.ReadAllLines(path).Where(l => l.Length > 0).Select(l => JsonDocument.Parse(l).RootElement) : [];
    }

    public void Dispose()
    {
        try { Directory.Delete(Dir, recursive: true); } catch (IOException) { /* best effort */ }
    }
}
