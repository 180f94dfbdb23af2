namespace Supervisor.IntegrationTests.Notifications;

/// <summary>
/// Issue 12's "done when": the README demo pointed at a webhook receiver with one config line tells the outage story
/// (ONBATT, quorum lost, saga started, each step, completed), each notification once, in order, signed; `notify test`
/// goes through the real path; `notify status` shows an empty outbox afterwards.
/// </summary>
public sealed class DemoNotificationTests(ITestOutputHelper output) : ProcessClusterTest(output)
{
    private readonly WebhookReceiver _receiver = new();

    protected override void StopNodes()
    {
        base.StopNodes();
        _receiver.Dispose();
    }

    private NodeProcess? _node;

    private async Task<string> StartDemoWithWebhookAsync()
    {
        var config = Path.Combine(Scenario.Dir, "demo-with-webhook.conf");
        // The one line a user adds to the demo config.
        File.WriteAllText(config, File.ReadAllText(RepoPaths.DemoConfig) +
            $"\nsupervisor.notifications.channels.hook {{ type = webhook, url = \"{_receiver.Url}\", secret = \"{_receiver.Secret}\" }}\n");
        _node = await StartReadmeDemoAsync(config);
        return $"127.0.0.1:{_node.Port}";
    }

    private async Task WaitForAsync(Func<bool> condition, string what, TimeSpan within)
    {
        var deadline = DateTime.UtcNow + within;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
                throw new Xunit.Sdk.XunitException($"{what} not within {within.TotalSeconds}s; received: {string.Join(" | ", _receiver.Posts.Select(p => p.Kind))}");
            await Task.Delay(200);
        }
    }

    [Fact]
    public async Task The_demo_outage_should_reach_a_webhook_once_each_in_order_and_signed()
    {
        var node = await StartDemoWithWebhookAsync();
        await WaitForAsync(() => _receiver.Posts.Any(p => p.Kind == "saga.completed"), "saga.completed", TimeSpan.FromSeconds(150));
        await Task.Delay(2000); // anything sent twice would arrive now
        var posts = _receiver.Posts.ToList();
        foreach (var p in posts) Output.WriteLine($"{p.Kind,-22} {p.Severity,-8} {p.Title} | {p.Message}");

        Assert.All(posts, p => Assert.True(p.SignatureValid, $"{p.Kind}: the webhook-signature does not verify"));
        Assert.Equal(posts.Count, posts.Select(p => p.WebhookId).Distinct().Count());
        var kinds = posts.Select(p => p.Kind).ToList();
        Assert.Contains("ONBATT", kinds);
        Assert.Single(kinds, k => k == "group.quorum-lost");
        Assert.Single(kinds, k => k == "saga.started");
        Assert.Equal(4, kinds.Count(k => k == "saga.step-succeeded"));
        Assert.Single(kinds, k => k == "saga.completed");
        var onbatt = kinds.IndexOf("ONBATT");
        Assert.True(onbatt < kinds.IndexOf("group.quorum-lost") && kinds.IndexOf("group.quorum-lost") < kinds.IndexOf("saga.started")
                    && kinds.IndexOf("saga.started") < kinds.IndexOf("saga.completed"), "the story is told in order: " + string.Join(", ", kinds));
        Assert.Contains("on battery", posts[onbatt].Message);
        Assert.Matches(@"charge \d+", posts[onbatt].Message);

        var test = await CliProcess.RunAsync("notify", "test", "--node", node);
        Output.WriteLine(test.Stdout + test.Stderr);
        Assert.Equal(0, test.ExitCode);
        Assert.Matches(@"hook\s+OK\s+delivered \(attempt 1\)", test.Stdout);
        await WaitForAsync(() => _receiver.Posts.Any(p => p.Kind == "notify.test"), "notify.test", TimeSpan.FromSeconds(5));

        var unknown = await CliProcess.RunAsync("notify", "test", "--channel", "phone", "--node", node);
        Assert.Equal(1, unknown.ExitCode);
        Assert.Contains("no channel \"phone\"; configured: hook", unknown.Stderr);

        var status = await CliProcess.RunAsync("notify", "status", "--node", node);
        Assert.Equal(0, status.ExitCode);
        Assert.Contains("outbox empty", status.Stdout);

        // The signing secret (and its key material) is never printed by the node or the CLI.
        var printed = string.Join("\n", _node!.Lines.Concat([test.Stdout, test.Stderr, status.Stdout]));
        Assert.DoesNotContain(_receiver.Secret, printed);
        Assert.DoesNotContain(_receiver.Secret["whsec_".Length..], printed);
    }
}
