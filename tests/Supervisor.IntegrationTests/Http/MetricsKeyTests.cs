using System.Net;

namespace Supervisor.IntegrationTests.Http;

/// <summary>A node with <c>supervisor.http.metrics.require-key = on</c>: <c>/metrics</c> then needs an API key like the API.</summary>
public sealed class MetricsKeyNode : HttpApiNode
{
    protected override string ExtraConfig => base.ExtraConfig + "\nsupervisor.http.metrics.require-key = on\n";
}

public sealed class MetricsKeyTests(MetricsKeyNode node) : IClassFixture<MetricsKeyNode>
{
    [Fact]
    public async Task Metrics_should_answer_401_without_a_key_when_require_key_is_on()
    {
        using var response = await node.Client().GetAsync("/metrics");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Metrics_should_answer_with_a_viewer_key_when_require_key_is_on()
    {
        using var response = await node.Client(node.ViewerKey).GetAsync("/metrics");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("supervisor_cluster_members", await response.Content.ReadAsStringAsync());
    }
}
