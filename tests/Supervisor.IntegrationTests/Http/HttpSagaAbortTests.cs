using System.Net;
using Supervisor.Domain.Http;

namespace Supervisor.IntegrationTests.Http;

/// <summary>
/// The demo's outage brought forward, with two groups (rack-a, and rack-b of ups-a alone) whose one step goes to a host
/// no agent serves: each saga starts within seconds and stays RUNNING (its step dispatched, unanswered for 10 min) until
/// someone aborts it.
/// </summary>
public class HttpSagaAbortNode : HttpApiNode
{
    /// <summary>False: rack-a only (the dashboard shows one running saga, the one to abort).</summary>
    protected virtual bool WithRackB => true;

    private const string Stuck = """
        shutdown { safety-margin = 1s, on-power-restored = abort, phases = [ { name = vms, steps = [ { host = no-agent-here, action = stop-vms, timeout = 10m } ] } ] }
        """;

    protected override string ExtraConfig => $$"""
        supervisor.devices.ups-a { outage-at = 1s, triggers.on-battery = 2s }
        supervisor.devices.ups-b { outage-at = 1s, triggers.on-battery = 2s }
        supervisor.groups.rack-a { {{Stuck}} }
        {{(WithRackB ? $"supervisor.groups.rack-b {{ members = [ups-a], min-healthy = 1, degraded-counts-as = healthy, unknown-counts-as = critical, {Stuck} }}" : "")}}
        supervisor.http.api-keys.test-viewer { hash = "{{ApiKeyHash.Of(ViewerKey)}}", role = viewer }
        supervisor.http.api-keys.test-operator { hash = "{{ApiKeyHash.Of(OperatorKey)}}", role = operator }
        """;

    /// <summary>The id of <paramref name="group"/>'s saga once it runs.</summary>
    public async Task<string> RunningSagaAsync(string group)
    {
        using var client = Client(ViewerKey);
        var sagas = await Until(async () =>
        {
            using var response = await client.GetAsync("/api/v1/sagas");
            return response.StatusCode == HttpStatusCode.OK ? JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone() : default;
        }, s => s.ValueKind == JsonValueKind.Array && s.EnumerateArray().Any(x => Is(x, group)), TimeSpan.FromSeconds(60));
        return sagas.EnumerateArray().First(x => Is(x, group)).GetProperty("sagaId").GetString()!;

        static bool Is(JsonElement saga, string group) => saga.GetProperty("groupId").GetString() == group && saga.GetProperty("status").GetString() == "RUNNING";
    }
}

[CollectionDefinition(nameof(HttpSagaAbortCollection))]
public sealed class HttpSagaAbortCollection : ICollectionFixture<HttpSagaAbortNode>;

/// <summary>
/// Aborting a running saga, through the API (operator only; 404 unknown, 409 already ended naming its state) and through
/// <c>supervisor sagas abort</c>; both journal who asked, and the API's request is an audit event.
/// </summary>
[Collection(nameof(HttpSagaAbortCollection))]
public sealed class HttpSagaAbortTests(HttpSagaAbortNode api)
{
    private Task<HttpResponseMessage> Post(string key, string path) =>
        HttpApiNode.SendAsync(api.Client(key), () => new HttpRequestMessage(HttpMethod.Post, path));

    [Fact]
    public async Task Abort_should_be_403_for_a_viewer_404_for_an_unknown_saga_and_abort_for_an_operator_then_409_naming_the_state()
    {
        var id = await api.RunningSagaAsync("rack-a");
        using (var viewer = await Post(api.ViewerKey, $"/api/v1/sagas/{id}/abort"))
            Assert.Equal(HttpStatusCode.Forbidden, viewer.StatusCode);
        using (var unknown = await Post(api.OperatorKey, "/api/v1/sagas/no-such-saga/abort"))
        {
            Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
            Assert.Contains("no saga \"no-such-saga\"", (await HttpApiRouteTests.Problem(unknown)).GetProperty("detail").GetString());
        }

        using (var abort = await Post(api.OperatorKey, $"/api/v1/sagas/{id}/abort"))
        {
            var body = await abort.Content.ReadAsStringAsync();
            Assert.True(abort.StatusCode == HttpStatusCode.OK, body);
            Assert.Equal("ABORTED", JsonDocument.Parse(body).RootElement.GetProperty("state").GetString());
        }
        using (var saga = await api.Client(api.ViewerKey).GetAsync($"/api/v1/sagas/{id}"))
        {
            var summary = JsonDocument.Parse(await saga.Content.ReadAsStringAsync()).RootElement.GetProperty("saga");
            Assert.Equal("ABORTED", summary.GetProperty("status").GetString());
            Assert.StartsWith("aborted by API key test-operator (operator) from 127.0.0.1", summary.GetProperty("endReason").GetString());
        }
        using (var again = await Post(api.OperatorKey, $"/api/v1/sagas/{id}/abort"))
        {
            Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
            var problem = await HttpApiRouteTests.Problem(again);
            Assert.Equal("saga already ABORTED", problem.GetProperty("title").GetString());
            Assert.Contains($"saga {id} already ended: ABORTED (aborted by API key test-operator", problem.GetProperty("detail").GetString());
        }

        var audit = await HttpAuditTests.AuditEventsAsync(api, api.ViewerKey, "audit.saga-abort");
        Assert.Contains(audit, e => e.GetProperty("subject").GetString() == $"saga {id}"
                                    && e.GetProperty("message").GetString()!.StartsWith($"abort of saga {id} requested by API key test-operator (operator)"));
    }

    [Fact]
    public async Task Sagas_abort_cli_should_abort_a_running_saga_naming_who_and_refuse_an_unknown_one()
    {
        var id = await api.RunningSagaAsync("rack-b");
        var at = $"127.0.0.1:{api.Node.Address.Port}";
        var unknown = await CliProcess.RunAsync("sagas", "abort", "no-such-saga", "--node", at);
        Assert.Equal(1, unknown.ExitCode);
        Assert.Contains("no saga \"no-such-saga\" in the journal", unknown.Stderr);

        var aborted = await CliProcess.RunAsync("sagas", "abort", id, "--by", "kim@ops", "--node", at);
        Assert.True(aborted.ExitCode == 0, aborted.Stdout + aborted.Stderr);
        Assert.Contains($"saga {id} ABORTED: aborted by kim@ops", aborted.Stdout);
        var again = await CliProcess.RunAsync("sagas", "abort", id, "--node", at);
        Assert.Equal(1, again.ExitCode);
        Assert.Contains($"saga {id} already ended: ABORTED (aborted by kim@ops)", again.Stderr);
    }
}
