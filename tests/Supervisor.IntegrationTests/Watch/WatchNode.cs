using Supervisor.Domain.Http;
using Supervisor.IntegrationTests.Http;

namespace Supervisor.IntegrationTests.Watch;

/// <summary>
/// The demo node for the `watch` terminal tests: its outage a few seconds after start, and the agent out of dry-run with
/// every action replaced by <c>sleep 10</c>, so the saga runs long enough to be seen step by step (with deadlines)
/// and nothing real is touched.
/// </summary>
public sealed class WatchNode : HttpApiNode
{
    protected override string ExtraConfig => $$"""
        supervisor.devices.ups-a { outage-at = 15s, triggers.on-battery = 3s }
        supervisor.devices.ups-b { outage-at = 15s, triggers.on-battery = 3s }
        supervisor.http.api-keys.test-viewer { hash = "{{ApiKeyHash.Of(ViewerKey)}}", role = viewer }
        supervisor.agent.dry-run = off
        supervisor.agent.actions {
          stop-vms.command = ["sleep", "10"]
          stop-containers.command = ["sleep", "10"]
          sync.command = ["sleep", "10"]
          poweroff.command = ["sleep", "10"]
        }
        """;

    /// <summary>host:port of the node's HTTP API, as --node takes it.</summary>
    public string HttpNode => $"{BaseAddress.Host}:{BaseAddress.Port}";

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await WaitForFirstHistoryAsync(ViewerKey);
    }
}
