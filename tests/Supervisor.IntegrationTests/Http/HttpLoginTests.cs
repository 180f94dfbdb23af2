using System.Net;
using System.Net.Http.Json;

namespace Supervisor.IntegrationTests.Http;

/// <summary>The demo with two dashboard users (bcrypt hashes of cost 4, so the tests are quick): viewer alice and operator bob.</summary>
public sealed class HttpLoginNode : HttpApiNode
{
    public const string AlicePassword = "alice-secret-1";
    public const string BobPassword = "bob-secret-2";

    protected override string ExtraConfig => $$"""
        supervisor.devices.ups-a { profile = steady }
        supervisor.devices.ups-b { profile = steady }
        supervisor.http.users.alice { password-hash = "{{BCrypt.Net.BCrypt.HashPassword(AlicePassword, 4)}}", role = viewer }
        supervisor.http.users.bob { password-hash = "{{BCrypt.Net.BCrypt.HashPassword(BobPassword, 4)}}", role = operator }
        """;

    /// <summary>A client that keeps cookies, as a browser does.</summary>
    public HttpClient Browser() => new(new HttpClientHandler { CookieContainer = new CookieContainer() }) { BaseAddress = BaseAddress };
}

[CollectionDefinition(nameof(HttpLoginCollection))]
public sealed class HttpLoginCollection : ICollectionFixture<HttpLoginNode>;

/// <summary>A node of its own for the rate limit: its window is per client address, and every test calls from 127.0.0.1.</summary>
[CollectionDefinition(nameof(HttpLoginRateCollection))]
public sealed class HttpLoginRateCollection : ICollectionFixture<HttpLoginNode>;

/// <summary>Password login: the cookie stands for the user's role; a wrong password is 401 and logged without it. At most 4 logins in all (the limit is 5 a minute).</summary>
[Collection(nameof(HttpLoginCollection))]
public sealed class HttpLoginTests(HttpLoginNode api)
{
    [Fact]
    public async Task Login_with_a_wrong_password_should_be_401_and_logged_without_the_password()
    {
        using var browser = api.Browser();
        using var response = await browser.PostAsJsonAsync("/api/v1/login", new { user = "alice", password = "guess-1234" });
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.False(response.Headers.Contains("Set-Cookie"));
        Assert.Contains(api.Node.Lines, l => l.Message.Contains("HTTP API: failed login for user \"alice\" from 127.0.0.1"));
        Assert.DoesNotContain(api.Node.Lines, l => l.Message.Contains("guess-1234"));
        using var status = await browser.GetAsync("/api/v1/status");
        Assert.Equal(HttpStatusCode.Unauthorized, status.StatusCode);
    }

    [Fact]
    public async Task Viewer_cookie_should_read_status_be_403_on_a_mutation_and_end_with_logout()
    {
        using var browser = api.Browser();
        using var login = await browser.PostAsJsonAsync("/api/v1/login", new { user = "alice", password = HttpLoginNode.AlicePassword });
        Assert.True(login.StatusCode == HttpStatusCode.OK, await login.Content.ReadAsStringAsync());
        var cookie = Assert.Single(login.Headers.GetValues("Set-Cookie"));
        Assert.StartsWith("supervisor-session=", cookie);
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);

        using (var status = await HttpApiNode.SendAsync(browser, () => new HttpRequestMessage(HttpMethod.Get, "/api/v1/status")))
            Assert.Equal(HttpStatusCode.OK, status.StatusCode);
        using (var mutation = await browser.PostAsync("/api/v1/sagas/any/abort", null))
        {
            Assert.Equal(HttpStatusCode.Forbidden, mutation.StatusCode);
            Assert.Contains("user \"alice\" has role viewer", (await HttpApiRouteTests.Problem(mutation)).GetProperty("detail").GetString());
        }
        using (var logout = await browser.PostAsync("/api/v1/logout", null))
            Assert.Equal(HttpStatusCode.NoContent, logout.StatusCode);
        using var after = await browser.GetAsync("/api/v1/status");
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
    }

    [Fact]
    public async Task Form_login_should_make_an_operator_session_whose_changes_are_audited_as_the_user()
    {
        using var browser = api.Browser();
        using var login = await browser.PostAsync("/api/v1/login",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["user"] = "bob", ["password"] = HttpLoginNode.BobPassword }));
        Assert.True(login.StatusCode == HttpStatusCode.OK, await login.Content.ReadAsStringAsync());
        var me = JsonDocument.Parse(await (await browser.GetAsync("/api/v1/whoami")).Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(("bob", "operator", "user"), (me.GetProperty("name").GetString(), me.GetProperty("role").GetString(), me.GetProperty("via").GetString()));
        using (var abort = await HttpApiNode.SendAsync(browser, () => new HttpRequestMessage(HttpMethod.Post, "/api/v1/sagas/no-such-saga/abort")))
            Assert.Equal(HttpStatusCode.NotFound, abort.StatusCode);
        Assert.Contains(api.Node.Lines, l => l.Message.Contains("HTTP API: abort of saga no-such-saga requested by user bob (operator) from 127.0.0.1"));
    }
}

[Collection(nameof(HttpLoginRateCollection))]
public sealed class HttpLoginRateLimitTests(HttpLoginNode api)
{
    [Fact]
    public async Task Sixth_login_attempt_within_a_minute_should_be_429_with_retry_after_even_with_the_right_password()
    {
        using var browser = api.Browser();
        for (var i = 0; i < 5; i++)
        {
            using var wrong = await browser.PostAsJsonAsync("/api/v1/login", new { user = "alice", password = $"guess-{i}" });
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        }
        using var limited = await browser.PostAsJsonAsync("/api/v1/login", new { user = "alice", password = HttpLoginNode.AlicePassword });
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.True(limited.Headers.RetryAfter?.Delta is { TotalSeconds: > 0 and <= 60 }, $"Retry-After: {limited.Headers.RetryAfter}");
        Assert.Contains("more than 5 login attempts", (await HttpApiRouteTests.Problem(limited)).GetProperty("detail").GetString());
        Assert.False(limited.Headers.Contains("Set-Cookie"));
    }
}
