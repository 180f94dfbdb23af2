using System.Net;
using Supervisor.IntegrationTests.Http;

namespace Supervisor.IntegrationTests.Web;

/// <summary>
/// The dashboard's files are served by the node without a key (they hold no fleet data) from the node's own assembly,
/// while every API route still needs one.
/// </summary>
[Collection(nameof(HttpApiCollection))]
public sealed class DashboardAssetTests(HttpApiNode api)
{
    [Theory]
    [InlineData("/", "text/html")]
    [InlineData("/dashboard/app.js", "text/javascript")]
    [InlineData("/dashboard/api.js", "text/javascript")]
    [InlineData("/dashboard/dashboard.css", "text/css")]
    public async Task Dashboard_files_should_be_served_without_a_key_and_not_cached_stale(string path, string mediaType)
    {
        using var response = await api.Client().GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(mediaType, response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("no-cache", response.Headers.CacheControl?.ToString());
        Assert.NotEmpty(await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Dashboard_page_should_load_only_its_own_scripts_from_the_node()
    {
        var html = await api.Client().GetStringAsync("/");
        var sources = Regex.Matches(html, @"(?:src|href)=""([^""]+)""").Select(m => m.Groups[1].Value).ToList();
        Assert.NotEmpty(sources);
        Assert.All(sources, s => Assert.StartsWith("/dashboard/", s)); // no CDN: everything from the node
    }

    [Fact]
    public async Task An_unknown_dashboard_file_should_be_a_404_problem_and_the_api_should_still_need_a_key()
    {
        using var missing = await api.Client().GetAsync("/dashboard/nope.js");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("application/problem+json", missing.Content.Headers.ContentType?.MediaType);
        var detail = JsonDocument.Parse(await missing.Content.ReadAsStringAsync()).RootElement.GetProperty("detail").GetString();
        Assert.Equal("no \"nope.js\" in the dashboard; the page is at /", detail);
        using var status = await api.Client().GetAsync("/api/v1/status");
        Assert.Equal(HttpStatusCode.Unauthorized, status.StatusCode);
    }
}
