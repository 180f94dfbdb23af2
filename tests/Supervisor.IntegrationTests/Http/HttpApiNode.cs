using System.Net.Http.Headers;
using Microsoft.Extensions.DependencyInjection;
using Supervisor.Domain.Http;
using Supervisor.IntegrationTests.Notifications;
using Supervisor.Node.Http;

namespace Supervisor.IntegrationTests.Http;

/// <summary>
/// One real node for the HTTP tests, built as <c>supervisor run</c> builds it (in-process, the real actor system and
/// Kestrel on a free loopback port): the demo config with its outage brought forward (a saga within seconds), a viewer
/// and an operator key of its own, and a webhook channel so a test notification has somewhere to go. Shared by every
/// test of <see cref="HttpApiCollection"/>; each test uses its own client.
/// </summary>
public class HttpApiNode : IAsyncLifetime
{
    /// <summary>What this node adds to the demo config.</summary>
    protected virtual string ExtraConfig => $$"""
        supervisor.devices.ups-a { outage-at = 1s, triggers.on-battery = 3s }
        supervisor.devices.ups-b { outage-at = 1s, triggers.on-battery = 3s }
        supervisor.http.api-keys.test-viewer { hash = "{{ApiKeyHash.Of(ViewerKey)}}", role = viewer }
        supervisor.http.api-keys.test-operator { hash = "{{ApiKeyHash.Of(OperatorKey)}}", role = operator }
        supervisor.notifications.channels.hook { type = webhook, url = "{{Webhook.Url}}", secret = "{{Webhook.Secret}}" }
        """;

    public string ViewerKey { get; } = ApiKeyHash.NewKey();
    public string OperatorKey { get; } = ApiKeyHash.NewKey();
    public Scenario Scenario { get; } = new();
    internal WebhookReceiver Webhook { get; } = new();
    public InProcessNode Node { get; private set; } = null!;
    internal HttpApiService Http { get; private set; } = null!;
    public Uri BaseAddress { get; private set; } = null!;

    public virtual async Task InitializeAsync()
    {
        var config = Scenario.WriteConfig("http.conf", BuiltInConfig.DemoText + "\n" + ExtraConfig + "\n");
        Node = await InProcessNode.StartAsync("http", new NodeOptions(config, Port: LoopbackPort.Free(), DataDir: Path.Combine(Scenario.Dir, "data"))
            { HttpListen = "127.0.0.1:0" }, output: null);
        Http = Node.Host.Services.GetRequiredService<HttpApiService>();
        BaseAddress = new Uri(Http.Url!);
    }

    /// <summary>A client with <paramref name="key"/> as its bearer token (none: anonymous).</summary>
    public HttpClient Client(string? key = null)
    {
        var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        if (key is not null) client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }

    /// <summary>
    /// Sends, and sends again while the node answers 503 ("cannot answer now": e.g. a journal read over its 3 s on a machine
    /// this loaded); any other answer, or a 503 after 20 s, is returned.
    /// </summary>
    public static async Task<HttpResponseMessage> SendAsync(HttpClient client, Func<HttpRequestMessage> request)
    {
        var until = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (true)
        {
            var response = await client.SendAsync(request());
            if (response.StatusCode != System.Net.HttpStatusCode.ServiceUnavailable || DateTime.UtcNow > until) return response;
            response.Dispose();
            await Task.Delay(500);
        }
    }

    /// <summary>Asks again every 200 ms until <paramref name="done"/> holds for the answer; the last answer is in the failure.</summary>
    public static async Task<T> Until<T>(Func<Task<T>> ask, Func<T, bool> done, TimeSpan within)
    {
        var until = DateTime.UtcNow + within;
        while (true)
        {
            var value = await ask();
            if (done(value)) return value;
            if (DateTime.UtcNow > until) throw new Xunit.Sdk.XunitException($"not within {within.TotalSeconds}s; last answer: {value}");
            await Task.Delay(200);
        }
    }

    /// <summary>Waits until ups-a's first poll is in the history (before the first flush the history route answers 404 "no history yet").</summary>
    protected async Task WaitForFirstHistoryAsync(string key)
    {
        using var client = Client(key);
        await Until(async () =>
        {
            using var response = await client.GetAsync("/api/v1/history/ups-a?metric=charge&since=10m");
            return response.StatusCode;
        }, status => status == System.Net.HttpStatusCode.OK, TimeSpan.FromSeconds(30));
    }

    public async Task DisposeAsync()
    {
        await Node.StopAsync();
        Webhook.Dispose();
        Scenario.Dispose();
    }
}

[CollectionDefinition(nameof(HttpApiCollection))]
public sealed class HttpApiCollection : ICollectionFixture<HttpApiNode>;

/// <summary>The demo config exactly as shipped (only its HTTP port and data dir moved), for the examples in docs/web.md.</summary>
public sealed class DemoApiNode : HttpApiNode
{
    protected override string ExtraConfig => "";

    /// <summary>
    /// Starts the node, then waits (as a reader of docs/web.md does between starting the demo and typing the curl lines)
    /// until the first poll of ups-a is in the history: the history example answers 404 "no history yet" before that, and
    /// on a loaded machine the first test could run before the first flush.
    /// </summary>
    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await WaitForFirstHistoryAsync("demo-viewer-key");
    }
}

[CollectionDefinition(nameof(DemoApiCollection))]
public sealed class DemoApiCollection : ICollectionFixture<DemoApiNode>;
