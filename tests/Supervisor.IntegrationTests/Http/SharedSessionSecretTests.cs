using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Supervisor.Node.Http;

namespace Supervisor.IntegrationTests.Http;

/// <summary>
/// supervisor.http.session-secret: a login cookie made by node A (a real password login over HTTP) is accepted by node B,
/// which has the same secret (a fail-over behind a proxy keeps the user logged in), and refused (401) by node C, whose
/// secret differs, just as by a node without one.
/// </summary>
public sealed class SharedSessionSecretTests : ScenarioTest
{
    private const string Password = "alice-secret-1";
    private static readonly string Shared = "shared-session-secret-" + Guid.NewGuid().ToString("N");
    private static readonly string Other = "other-session-secret-" + Guid.NewGuid().ToString("N");

    [Fact]
    public async Task Cookie_from_one_node_should_be_accepted_by_a_node_with_the_same_session_secret_and_refused_by_another()
    {
        var nodes = await Task.WhenAll(StartAsync("a", Shared), StartAsync("b", Shared), StartAsync("c", Other));
        try
        {
            var cookies = new CookieContainer();
            using (var onA = Client(nodes[0], cookies))
            using (var login = await onA.PostAsJsonAsync("/api/v1/login", new { user = "alice", password = Password }))
                Assert.True(login.StatusCode == HttpStatusCode.OK, await login.Content.ReadAsStringAsync());
            var cookie = cookies.GetCookies(Url(nodes[0]))[PasswordLoginCookie] ?? throw new Xunit.Sdk.XunitException("node a set no session cookie");

            Assert.Equal(HttpStatusCode.OK, await WhoAmIWith(nodes[1], cookie.Value));
            Assert.Equal(HttpStatusCode.Unauthorized, await WhoAmIWith(nodes[2], cookie.Value));
            Assert.Equal(HttpStatusCode.Unauthorized, await WhoAmIWith(nodes[1], cookie.Value[..^4] + "AAAA")); // tampered
            Assert.All(nodes, n => Assert.DoesNotContain(n.Lines, l => l.Message.Contains(Shared) || l.Message.Contains(Other)));
        }
        finally
        {
            await Task.WhenAll(nodes.Select(n => n.StopAsync()));
        }
    }

    private const string PasswordLoginCookie = "supervisor-session";

    private async Task<InProcessNode> StartAsync(string name, string secret)
    {
        var config = Scenario.WriteConfig($"{name}.conf", BuiltInConfig.DemoText + $$"""

            supervisor.devices.ups-a { profile = steady }
            supervisor.devices.ups-b { profile = steady }
            supervisor.http.users.alice { password-hash = "{{BCrypt.Net.BCrypt.HashPassword(Password, 4)}}", role = viewer }
            supervisor.http.session-secret = "{{secret}}"

            """);
        return await InProcessNode.StartAsync(name, new NodeOptions(config, Port: LoopbackPort.Free(), DataDir: Path.Combine(Scenario.Dir, $"data-{name}"))
            { HttpListen = "127.0.0.1:0" }, output: null);
    }

    private static Uri Url(InProcessNode node) => new(node.Host.Services.GetRequiredService<HttpApiService>().Url!);

    private static HttpClient Client(InProcessNode node, CookieContainer cookies) =>
        new(new HttpClientHandler { CookieContainer = cookies }) { BaseAddress = Url(node), Timeout = TimeSpan.FromSeconds(60) };

    private static async Task<HttpStatusCode> WhoAmIWith(InProcessNode node, string cookie)
    {
        using var client = new HttpClient(new HttpClientHandler { UseCookies = false }) { BaseAddress = Url(node), Timeout = TimeSpan.FromSeconds(60) };
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/whoami");
        request.Headers.Add("Cookie", $"{PasswordLoginCookie}={cookie}");
        using var response = await client.SendAsync(request);
        return response.StatusCode;
    }
}
