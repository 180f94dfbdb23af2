using System.Net;
using System.Net.Http.Json;
using System.Text;

namespace Supervisor.IntegrationTests.Http;

/// <summary>Who may change things (viewer 403, operator 200, every change logged with the key's name), and clients that misbehave.</summary>
[Collection(nameof(HttpApiCollection))]
public sealed class HttpMutationAndHostileClientTests(HttpApiNode api)
{
    private const string NotifyTest = "/api/v1/notifications/test";

    [Fact]
    public async Task Test_notification_should_be_403_for_a_viewer_and_401_without_a_key()
    {
        using var viewer = await api.Client(api.ViewerKey).PostAsync(NotifyTest, null);
        Assert.Equal(HttpStatusCode.Forbidden, viewer.StatusCode);
        Assert.Contains("role viewer", (await HttpApiRouteTests.Problem(viewer)).GetProperty("detail").GetString());
        using var anonymous = await api.Client().PostAsync(NotifyTest, null);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.DoesNotContain(api.Node.Lines, l => l.Message.Contains("test-viewer") && l.Message.Contains("HTTP API: test notification"));
    }

    [Fact]
    public async Task Test_notification_by_an_operator_should_be_delivered_and_logged_with_the_key_name()
    {
        using var response = await api.Client(api.OperatorKey).PostAsJsonAsync(NotifyTest, new { channel = "hook" });
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        var outcome = JsonDocument.Parse(body).RootElement.GetProperty("outcomes").EnumerateArray().Single();
        Assert.Equal("hook", outcome.GetProperty("channel").GetString());
        Assert.True(outcome.GetProperty("delivered").GetBoolean(), body);
        Assert.Contains(api.Webhook.Posts, p => p.Kind == "notify.test" && p.SignatureValid);
        Assert.Contains(api.Node.Lines, l => l.Message.Contains("HTTP API: test notification to channel hook requested by API key test-operator (operator)"));
    }

    [Fact]
    public async Task Test_notification_to_an_unknown_channel_should_be_409_with_the_reason()
    {
        using var response = await api.Client(api.OperatorKey).PostAsJsonAsync(NotifyTest, new { channel = "no-such-channel" });
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("no-such-channel", (await HttpApiRouteTests.Problem(response)).GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Malformed_json_on_a_mutation_should_be_400_naming_the_body()
    {
        using var response = await api.Client(api.OperatorKey).PostAsync(NotifyTest, new StringContent("{\"channel\": ", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await HttpApiRouteTests.Problem(response)).GetProperty("errors").TryGetProperty("body", out _));
        await NodeStillAnswers();
    }

    [Fact]
    public async Task Huge_header_should_be_431_and_the_node_keeps_running()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/status");
        request.Headers.Add("X-Padding", new string('x', 64 * 1024));
        using var response = await api.Client(api.ViewerKey).SendAsync(request);
        Assert.Equal(HttpStatusCode.RequestHeaderFieldsTooLarge, response.StatusCode);
        await NodeStillAnswers();
    }

    [Fact]
    public async Task Huge_body_should_be_413_and_the_node_keeps_running()
    {
        using var response = await api.Client(api.OperatorKey).PostAsync(NotifyTest, new StringContent(new string(' ', 1024 * 1024), Encoding.UTF8, "application/json"));
        Assert.True(response.StatusCode == HttpStatusCode.RequestEntityTooLarge, $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        await NodeStillAnswers();
    }

    [Fact]
    public async Task Unknown_route_should_be_404_with_a_key_and_401_without_one()
    {
        using var known = await api.Client(api.ViewerKey).GetAsync("/api/v1/no-such-route");
        Assert.Equal(HttpStatusCode.NotFound, known.StatusCode);
        using var anonymous = await api.Client().GetAsync("/api/v1/no-such-route");
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        using var wrongMethod = await api.Client(api.ViewerKey).DeleteAsync("/api/v1/status");
        Assert.Equal(HttpStatusCode.MethodNotAllowed, wrongMethod.StatusCode);
        await NodeStillAnswers();
    }

    private async Task NodeStillAnswers()
    {
        Assert.False(api.Node.IsTerminated);
        using var health = await api.Client().GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        await HttpApiRouteTests.Json(api.Client(api.ViewerKey), "/api/v1/status");
    }
}
