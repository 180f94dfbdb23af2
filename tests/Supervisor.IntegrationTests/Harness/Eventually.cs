namespace Supervisor.IntegrationTests.Harness;

/// <summary>Waits on observable state of in-process nodes, never on a fixed sleep; a timeout shows every node's last lines.</summary>
public static class Eventually
{
    public static async Task UntilAsync(Func<Task<bool>> condition, string what, TimeSpan wait, IEnumerable<InProcessNode> nodes)
    {
        var until = DateTime.UtcNow + wait;
        Exception? last = null;
        while (DateTime.UtcNow < until)
        {
            try
            {
                if (await condition()) return;
            }
            catch (Exception e) when (e is AskTimeoutException or TimeoutException or InvalidOperationException)
            {
                last = e;
            }
            await Task.Delay(100);
        }
        throw new Xunit.Sdk.XunitException($"not within {wait.TotalSeconds}s: {what}{(last is null ? "" : $" (last error: {last.Message})")}\n" +
                                           string.Join("\n", nodes.ToList().Select(n => $"--- {n.Name}:\n{n.Tail(25)}")));
    }

    /// <summary>Asks the node's inspector, as `supervisor status|sagas` does.</summary>
    public static async Task<T> AskInspectorAsync<T>(InProcessNode node, object request) =>
        await node.System.ActorSelection("/user/" + InspectorActor.Name).Ask<T>(request, TimeSpan.FromSeconds(10));
}
