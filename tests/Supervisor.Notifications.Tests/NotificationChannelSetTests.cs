using Akka.Actor;

namespace Supervisor.Notifications.Tests;

public sealed class NotificationChannelSetTests
{
    [Fact]
    public async Task The_channels_should_be_disposed_when_the_actor_system_terminates()
    {
        await using var receiver = await LoopbackHttpServer.StartAsync();
        var hook = new WebhookChannelSettings("hook", TimeSpan.FromSeconds(5), MessageTemplates.None, receiver.Url("/hook").ToString(), null,
            new Dictionary<string, Secret>());
        var mail = new EmailChannelSettings("mail", TimeSpan.FromSeconds(5), MessageTemplates.None, "127.0.0.1", 25, SmtpSecurity.None, null,
            "a@b.c", ["d@e.f"], null, null);
        using var set = NotificationChannelSet.Create([hook, mail]);
        Assert.Equal(["hook", "mail"], set.Channels.Keys.Order());
        var system = ActorSystem.Create("channels");
        set.DisposeWhenTerminated(system);
        Assert.IsType<DeliveryOutcome.Delivered>(await set.Channels["hook"].SendAsync(Samples.OnBattery("n-1"), CancellationToken.None));

        await system.Terminate();

        // Its HttpClient is closed: no sockets or connection pool outlive the node.
        await Assert.ThrowsAsync<ObjectDisposedException>(() => set.Channels["hook"].SendAsync(Samples.OnBattery("n-2"), CancellationToken.None));
        Assert.Single(receiver.Received);
    }
}
