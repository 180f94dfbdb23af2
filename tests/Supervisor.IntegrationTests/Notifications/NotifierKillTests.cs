namespace Supervisor.IntegrationTests.Notifications;

/// <summary>
/// Issue 12's "kill -9 between journaling and sending": three supervisor nodes on one PostgreSQL journal; the webhook
/// receiver takes the first delivery of a notification and never answers, so it is journaled and sent but never marked
/// sent; the node running the notifier singleton is killed (-9); a survivor's notifier resumes the outbox and delivers it
/// under the same webhook-id, and a receiver that keys on it counts it once. About 60-90 s.
/// </summary>
public sealed class NotifierKillTests(PostgresServer pg, ITestOutputHelper output) : ProcessClusterTest(output), IClassFixture<PostgresServer>
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);
    private readonly WebhookReceiver _receiver = new();

    protected override void StopNodes()
    {
        base.StopNodes();
        _receiver.Dispose();
    }

    private async Task<WebhookReceiver.Received> TestPostAsync(int index, TimeSpan within)
    {
        var until = DateTime.UtcNow + within;
        while (DateTime.UtcNow < until)
        {
            if (_receiver.Posts.Where(p => p.Kind == "notify.test").ElementAtOrDefault(index) is { } post) return post;
            await Task.Delay(100);
        }
        throw new Xunit.Sdk.XunitException($"no notify.test #{index + 1} within {within.TotalSeconds}s; received: {string.Join(" | ", _receiver.Posts.Select(p => $"{p.Kind} {p.WebhookId}"))}");
    }

    [Fact]
    public async Task A_notification_journaled_but_not_answered_when_its_node_is_killed_should_be_delivered_by_a_survivor_once_by_key()
    {
        var journal = Hocon.PostgresJournal(await pg.CreateDatabaseAsync());
        var config = Scenario.WriteConfig("notify.conf", $$"""
            supervisor {
              data-dir = "data"
              {{Hocon.SimulatedRack}}
              {{journal}}
              notifications.channels.hook { type = webhook, url = "{{_receiver.Url}}", secret = "{{_receiver.Secret}}" }
            }
            """);
        var ports = Enumerable.Range(0, 3).Select(_ => LoopbackPort.Free()).ToArray();
        var seed = $"127.0.0.1:{ports[0]}";
        var s1 = Start("s1", config, ports[0], "--roles", "supervisor", "--data-dir", "data-s1", "--seed", seed);
        await s1.WaitForLineAsync("Notifier: 1 channel\\(s\\) \\[hook\\]", Wait); // s1 is the oldest: it runs the notifier
        var s2 = Start("s2", config, ports[1], "--roles", "supervisor", "--data-dir", "data-s2", "--seed", seed);
        var s3 = Start("s3", config, ports[2], "--roles", "supervisor", "--data-dir", "data-s3", "--seed", seed);
        await ClusterCli.WaitForUpAsync(ports[0], 3, Wait);

        var first = await CliProcess.RunAsync("notify", "test", "--node", seed);
        Assert.True(first.ExitCode == 0, first.Stdout + first.Stderr);
        var delivered = await TestPostAsync(0, TimeSpan.FromSeconds(10));

        _receiver.HoldNext();
        var clock = Stopwatch.StartNew();
        var pending = CliProcess.RunAsync("notify", "test", "--node", seed); // never answered: its node dies first
        var held = await TestPostAsync(1, TimeSpan.FromSeconds(10));
        Assert.False(held.Answered);
        s1.Kill();

        var survivor = await Task.WhenAny(
            s2.WaitForLineAsync("Notifier: 1 channel\\(s\\) \\[hook\\]; outbox holds 1 delivery", Wait),
            s3.WaitForLineAsync("Notifier: 1 channel\\(s\\) \\[hook\\]; outbox holds 1 delivery", Wait));
        Output.WriteLine($"RESUMED: {await survivor} ({clock.Elapsed.TotalSeconds:0.0} s after the held delivery)");
        var again = await TestPostAsync(2, Wait);
        Output.WriteLine($"REDELIVERED {clock.Elapsed.TotalSeconds:0.0} s after the held delivery");
        var node = s2.Count("outbox holds 1 delivery") > 0 ? s2 : s3;
        var last = await CliProcess.RunAsync("notify", "test", "--node", $"127.0.0.1:{node.Port}");
        Assert.True(last.ExitCode == 0, last.Stdout + last.Stderr);
        var after = await TestPostAsync(3, TimeSpan.FromSeconds(10));
        await Task.Delay(2000); // a copy sent twice would arrive now
        await pending.WaitAsync(TimeSpan.FromSeconds(60)).ContinueWith(_ => { }); // the CLI whose node died: only let it end

        var posts = _receiver.Posts.ToList();
        foreach (var p in posts) Output.WriteLine($"{p.WebhookId} {p.Kind} answered={p.Answered} signed={p.SignatureValid}");
        Assert.All(posts, p => Assert.True(p.SignatureValid, $"{p.WebhookId}: the signature does not verify"));
        Assert.Equal(held.WebhookId, again.WebhookId); // the same idempotency key
        Assert.True(again.Answered);
        // Counted by key, as a receiver that dedups does: the held one once, and nothing else twice.
        var byKey = posts.GroupBy(p => p.WebhookId).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(2, byKey[held.WebhookId]); // sent before the kill (never answered) and once after it
        Assert.All(byKey.Where(kv => kv.Key != held.WebhookId), kv => Assert.Equal(1, kv.Value));
        Assert.Equal(3, posts.Where(p => p.Kind == "notify.test").Select(p => p.WebhookId).Distinct().Count()); // none lost
        Assert.Equal([delivered.WebhookId, held.WebhookId, after.WebhookId],
            posts.Where(p => p.Kind == "notify.test" && p.Answered).Select(p => p.WebhookId));
    }
}
