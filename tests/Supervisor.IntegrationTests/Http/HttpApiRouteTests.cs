using System.Net;
using System.Net.Http.Json;

namespace Supervisor.IntegrationTests.Http;

/// <summary>Every /api/v1 route against a real node: what it answers with a key, without one, and for bad input.</summary>
[Collection(nameof(HttpApiCollection))]
public sealed class HttpApiRouteTests(HttpApiNode api)
{
    public static TheoryData<string> ReadRoutes() =>
    [
        "/api/v1/status", "/api/v1/devices", "/api/v1/devices/ups-a", "/api/v1/groups", "/api/v1/groups/rack-a", "/api/v1/sagas",
        "/api/v1/sagas/rack-a-1", "/api/v1/cluster", "/api/v1/history/ups-a", "/api/v1/events", "/api/v1/notifications/outbox", "/openapi/v1.json",
    ];

    [Theory]
    [MemberData(nameof(ReadRoutes))]
    public async Task Read_route_should_answer_401_with_a_problem_when_no_key_is_sent(string route)
    {
        using var response = await api.Client().GetAsync(route);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
        Assert.Contains("supervisor http new-key", (await Problem(response)).GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Api_should_answer_401_for_a_key_that_is_not_configured()
    {
        using var response = await api.Client("not-a-configured-key").GetAsync("/api/v1/status");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Healthz_should_answer_without_a_key()
    {
        using var response = await api.Client().GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("ok", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());
    }

    [Fact]
    public async Task Status_should_list_devices_groups_and_sagas_in_camel_case_for_a_viewer()
    {
        var status = await Json(api.Client(api.ViewerKey), "/api/v1/status");
        Assert.Equal(["ups-a", "ups-b"], status.GetProperty("devices").EnumerateArray().Select(d => d.GetProperty("id").GetString()).ToArray());
        Assert.Equal("rack-a", status.GetProperty("groups")[0].GetProperty("id").GetString());
        Assert.True(status.TryGetProperty("sagas", out _));
        Assert.True(status.TryGetProperty("supervisorNode", out _));
    }

    [Fact]
    public async Task X_Api_Key_header_should_authenticate_like_a_bearer_token()
    {
        using var client = api.Client();
        client.DefaultRequestHeaders.Add("X-Api-Key", api.ViewerKey);
        using var response = await client.GetAsync("/api/v1/devices");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Devices_should_give_health_and_last_reading_and_one_device_by_id()
    {
        using var client = api.Client(api.ViewerKey);
        var devices = await Json(client, "/api/v1/devices");
        Assert.Equal(2, devices.GetArrayLength());
        var one = await Json(client, "/api/v1/devices/ups-b");
        Assert.Equal("simulated", one.GetProperty("driver").GetString());
        Assert.True(one.TryGetProperty("health", out _) && one.TryGetProperty("lastReadingAt", out _) && one.TryGetProperty("chargePercent", out _));
    }

    [Fact]
    public async Task Groups_should_say_the_quorum_in_words()
    {
        var group = await HttpApiNode.Until(async () => await Json(api.Client(api.ViewerKey), "/api/v1/groups/rack-a"),
            g => g.GetProperty("healthy").ValueKind == JsonValueKind.Number, TimeSpan.FromSeconds(20));
        Assert.Matches(@"^\d of 2 healthy, need 1$", group.GetProperty("quorum").GetString());
        Assert.Equal(1, (await Json(api.Client(api.ViewerKey), "/api/v1/groups")).GetArrayLength());
    }

    [Fact]
    public async Task Sagas_should_list_the_demo_shutdown_and_show_its_steps()
    {
        using var client = api.Client(api.ViewerKey);
        var sagas = await HttpApiNode.Until(async () => await Json(client, "/api/v1/sagas"), s => s.GetArrayLength() > 0, TimeSpan.FromSeconds(45));
        var id = sagas[0].GetProperty("sagaId").GetString()!;
        Assert.StartsWith("rack-a-1-", id);
        var detail = await Json(client, $"/api/v1/sagas/{id}");
        Assert.Equal("rack-a", detail.GetProperty("saga").GetProperty("groupId").GetString());
        Assert.Contains(detail.GetProperty("steps").EnumerateArray(), s => s.GetProperty("action").GetString() == "stop-vms");
    }

    [Fact]
    public async Task Cluster_should_list_this_node_as_the_one_running_the_supervisor()
    {
        var cluster = await Json(api.Client(api.ViewerKey), "/api/v1/cluster");
        var member = cluster.GetProperty("members").EnumerateArray().Single();
        Assert.True(member.GetProperty("runsSupervisor").GetBoolean());
        Assert.Equal(cluster.GetProperty("self").GetString(), member.GetProperty("address").GetString());
    }

    [Fact]
    public async Task History_and_events_should_answer_from_the_history_store()
    {
        using var client = api.Client(api.ViewerKey);
        var history = await HttpApiNode.Until(async () => await Json(client, "/api/v1/history/ups-a?since=10m&points=50"),
            h => h.GetProperty("points").GetArrayLength() > 0, TimeSpan.FromSeconds(20));
        Assert.Equal("charge", history.GetProperty("metric").GetString());
        var events = await HttpApiNode.Until(async () => await Json(client, "/api/v1/events?since=1h&device=ups-a&limit=5"),
            e => e.GetProperty("events").GetArrayLength() > 0, TimeSpan.FromSeconds(20));
        Assert.True(events.GetProperty("events").GetArrayLength() <= 5);
        Assert.True(events.TryGetProperty("next", out _));
        Assert.Equal(JsonValueKind.Array, (await Json(client, "/api/v1/notifications/outbox")).GetProperty("channels").ValueKind);
    }

    [Theory]
    [InlineData("/api/v1/devices/no-such-device", "no-such-device")]
    [InlineData("/api/v1/groups/no-such-group", "no-such-group")]
    [InlineData("/api/v1/sagas/no-such-saga", "no-such-saga")]
    [InlineData("/api/v1/history/no-such-device", "no-such-device")]
    public async Task Unknown_id_should_be_404_with_a_problem_naming_it(string route, string id)
    {
        using var response = await HttpApiNode.SendAsync(api.Client(api.ViewerKey), () => new HttpRequestMessage(HttpMethod.Get, route));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains(id, (await Problem(response)).GetProperty("detail").GetString());
    }

    [Theory]
    [InlineData("/api/v1/events?since=yesterday", "since")]
    [InlineData("/api/v1/events?limit=0", "limit")]
    [InlineData("/api/v1/events?limit=many", "limit")]
    [InlineData("/api/v1/history/ups-a?points=abc", "points")]
    [InlineData("/api/v1/history/ups-a?from=soon", "from")]
    [InlineData("/api/v1/history/ups-a?to=later", "to")]
    public async Task Bad_query_value_should_be_400_with_a_problem_naming_the_parameter(string route, string parameter)
    {
        using var response = await api.Client(api.ViewerKey).GetAsync(route);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await Problem(response);
        Assert.True(problem.GetProperty("errors").TryGetProperty(parameter, out _), problem.ToString());
    }

    internal static async Task<JsonElement> Json(HttpClient client, string route)
    {
        using var response = await HttpApiNode.SendAsync(client, () => new HttpRequestMessage(HttpMethod.Get, route));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{route}: {(int)response.StatusCode} {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    internal static async Task<JsonElement> Problem(HttpResponseMessage response)
    {
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }
}
