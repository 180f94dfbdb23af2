using System.Net;
using System.Net.Http.Json;
using Supervisor.Domain.Http;

namespace Supervisor.IntegrationTests.Http;

/// <summary>The demo with no outage and one alert rule that fires at once (load 40 % &gt; 10 %): a fleet that can be steered.</summary>
public sealed class HttpSteeringNode : HttpApiNode
{
    protected override string ExtraConfig => $$"""
        supervisor.devices.ups-a { profile = steady }
        supervisor.devices.ups-b { profile = steady }
        supervisor.http.api-keys.test-viewer { hash = "{{ApiKeyHash.Of(ViewerKey)}}", role = viewer }
        supervisor.http.api-keys.test-operator { hash = "{{ApiKeyHash.Of(OperatorKey)}}", role = operator }
        supervisor.alerts.tick = 200ms
        supervisor.alerts.rules.load-busy { subject = "ups-*", metric = load, op = ">", threshold = 10, for = 0s }
        """;
}

[CollectionDefinition(nameof(HttpSteeringCollection))]
public sealed class HttpSteeringCollection : ICollectionFixture<HttpSteeringNode>;

/// <summary>
/// Maintenance mode and alerts over the API, one to one with their CLI verbs: any key reads, an operator changes (each
/// change logged with the key's name, which the journal keeps as "by"), a refusal is a 409 with the CLI's reason, and a
/// bad body a 400 naming the field.
/// </summary>
[Collection(nameof(HttpSteeringCollection))]
public sealed class HttpSteeringTests(HttpSteeringNode api)
{
    private Task<HttpResponseMessage> Send(string? key, HttpMethod method, string path, object? body = null) =>
        HttpApiNode.SendAsync(api.Client(key), () => new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) });

    private async Task HealthyAsync()
    {
        var until = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            using var groups = await Send(api.ViewerKey, HttpMethod.Get, "/api/v1/groups/rack-a");
            if ((await groups.Content.ReadAsStringAsync()).Contains("\"2 of 2 healthy, need 1\"")) return;
            if (DateTime.UtcNow > until) throw new Xunit.Sdk.XunitException("rack-a never became 2 of 2 healthy");
            await Task.Delay(250);
        }
    }

    [Fact]
    public async Task Maintenance_should_start_show_in_the_quorum_and_end_for_an_operator_and_be_403_for_a_viewer()
    {
        await HealthyAsync();
        using var viewer = await Send(api.ViewerKey, HttpMethod.Post, "/api/v1/maintenance/ups-b", new { @for = "2h", reason = "battery swap" });
        Assert.Equal(HttpStatusCode.Forbidden, viewer.StatusCode);

        using var start = await Send(api.OperatorKey, HttpMethod.Post, "/api/v1/maintenance/ups-b", new { @for = "2h", reason = "battery swap" });
        Assert.True(start.StatusCode == HttpStatusCode.OK, await start.Content.ReadAsStringAsync());
        using var list = await Send(api.ViewerKey, HttpMethod.Get, "/api/v1/maintenance");
        var window = JsonDocument.Parse(await list.Content.ReadAsStringAsync()).RootElement.GetProperty("windows").EnumerateArray().Single();
        Assert.Equal(("ups-b", "battery swap"), (window.GetProperty("device").GetString(), window.GetProperty("reason").GetString()));
        Assert.StartsWith("API key test-operator (operator)", window.GetProperty("by").GetString());
        using var group = await Send(api.ViewerKey, HttpMethod.Get, "/api/v1/groups/rack-a");
        Assert.Equal("1 of 1 healthy, need 1 (1 in maintenance)", JsonDocument.Parse(await group.Content.ReadAsStringAsync()).RootElement.GetProperty("quorum").GetString());
        Assert.Contains(api.Node.Lines, l => l.Message.Contains("HTTP API: maintenance of ups-b for 2h (battery swap) requested by API key test-operator"));

        // The other member cannot follow it out: quorum would be impossible (the CLI's reason, as a 409).
        using var refused = await Send(api.OperatorKey, HttpMethod.Post, "/api/v1/maintenance/ups-a", new { @for = "1h", reason = "service" });
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains("quorum would be impossible", (await HttpApiRouteTests.Problem(refused)).GetProperty("detail").GetString());

        using var end = await Send(api.OperatorKey, HttpMethod.Delete, "/api/v1/maintenance/ups-b");
        Assert.True(end.StatusCode == HttpStatusCode.OK, await end.Content.ReadAsStringAsync());
        using var again = await Send(api.OperatorKey, HttpMethod.Delete, "/api/v1/maintenance/ups-b");
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
    }

    [Theory]
    [InlineData("{\"for\": \"soon\", \"reason\": \"x\"}", "for")]
    [InlineData("{\"for\": \"2h\"}", "reason")]
    [InlineData("{\"reason\": \"x\"}", "for")]
    [InlineData("not json", "body")]
    [InlineData("", "body")]
    public async Task Maintenance_start_should_be_400_naming_the_field_when_the_body_is_wrong(string body, string field)
    {
        using var response = await api.Client(api.OperatorKey).PostAsync("/api/v1/maintenance/ups-b", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(field, (await response.Content.ReadAsStringAsync()));
    }

    [Fact]
    public async Task Alerts_should_list_a_firing_alert_ack_it_and_silence_then_unsilence_its_rule()
    {
        var until = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        string listed;
        do
        {
            using var list = await Send(api.ViewerKey, HttpMethod.Get, "/api/v1/alerts");
            listed = await list.Content.ReadAsStringAsync();
            if (listed.Contains("\"firing\"", StringComparison.OrdinalIgnoreCase)) break;
            await Task.Delay(250);
        } while (DateTime.UtcNow < until);
        Assert.Contains("load-busy", listed);

        using var viewerAck = await Send(api.ViewerKey, HttpMethod.Post, "/api/v1/alerts/load-busy/ups-a/ack");
        Assert.Equal(HttpStatusCode.Forbidden, viewerAck.StatusCode);
        using var ack = await Send(api.OperatorKey, HttpMethod.Post, "/api/v1/alerts/load-busy/ups-a/ack");
        Assert.True(ack.StatusCode == HttpStatusCode.OK, await ack.Content.ReadAsStringAsync());
        using var unknown = await Send(api.OperatorKey, HttpMethod.Post, "/api/v1/alerts/no-such-rule/ups-a/ack");
        Assert.Equal(HttpStatusCode.Conflict, unknown.StatusCode);

        using var silence = await Send(api.OperatorKey, HttpMethod.Post, "/api/v1/alerts/silences", new { target = "load-busy", @for = "2h" });
        Assert.True(silence.StatusCode == HttpStatusCode.OK, await silence.Content.ReadAsStringAsync());
        using var silences = await Send(api.ViewerKey, HttpMethod.Get, "/api/v1/alerts");
        Assert.Contains("\"silences\":[{", await silences.Content.ReadAsStringAsync());
        using var unsilence = await Send(api.OperatorKey, HttpMethod.Delete, "/api/v1/alerts/silences/load-busy");
        Assert.True(unsilence.StatusCode == HttpStatusCode.OK, await unsilence.Content.ReadAsStringAsync());
        using var badSpan = await Send(api.OperatorKey, HttpMethod.Post, "/api/v1/alerts/silences", new { target = "load-busy", @for = "-1h" });
        Assert.Equal(HttpStatusCode.BadRequest, badSpan.StatusCode);
    }
}
