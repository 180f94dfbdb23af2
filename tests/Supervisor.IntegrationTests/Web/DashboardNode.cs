using Supervisor.Domain.Http;
using Supervisor.IntegrationTests.Http;

namespace Supervisor.IntegrationTests.Web;

/// <summary>
/// A node for the browser tests: both UPSes lose mains 30 s after start (time for a browser to open the page while the
/// fleet is still HEALTHY), ups-a turns CRITICAL 4 s later, ups-b 6 s later, so quorum is lost and the saga runs.
/// </summary>
public sealed class DashboardNode : HttpApiNode
{
    protected override string ExtraConfig => $$"""
        supervisor.devices.ups-a { outage-at = 30s, triggers.on-battery = 4s }
        supervisor.devices.ups-b { outage-at = 30s, triggers.on-battery = 6s }
        supervisor.http.api-keys.test-viewer { hash = "{{ApiKeyHash.Of(ViewerKey)}}", role = viewer }
        """;

    /// <summary>Starts the node and waits for ups-a's first poll in the history, so the page has a graph to backfill.</summary>
    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await WaitForFirstHistoryAsync(ViewerKey);
    }
}

[CollectionDefinition(nameof(DashboardCollection))]
public sealed class DashboardCollection : ICollectionFixture<DashboardNode>;
