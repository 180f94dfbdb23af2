using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Time.Testing;

namespace Supervisor.Notifications.Tests;

/// <summary>The webhook channel against a real HTTP receiver that verifies the Standard Webhooks signature itself.</summary>
public sealed class WebhookChannelTests
{
    private static readonly byte[] KeyBytes = Encoding.ASCII.GetBytes("0123456789abcdef0123456789abcdef");
    private static readonly string WhsecSecret = "whsec_" + Convert.ToBase64String(KeyBytes);

    private static WebhookChannelSettings Settings(Uri url, string? secret, Dictionary<string, Secret>? headers = null, MessageTemplates? templates = null) =>
        new("hook", TimeSpan.FromSeconds(5), templates ?? MessageTemplates.None, url.ToString(), secret, headers ?? []);

    /// <summary>What a receiver does per the spec: HMAC-SHA256 of "{id}.{timestamp}.{raw body}" with the decoded key.</summary>
    private static string ExpectedSignature(byte[] key, ReceivedRequest r)
    {
        var signed = Encoding.UTF8.GetBytes($"{r.Header("webhook-id")}.{r.Header("webhook-timestamp")}.").Concat(r.Body).ToArray();
        using var hmac = new HMACSHA256(key);
        return "v1," + Convert.ToBase64String(hmac.ComputeHash(signed));
    }

    [Fact]
    public async Task Posts_the_notification_as_json_with_standard_webhooks_headers_and_a_signature_the_receiver_verifies()
    {
        await using var server = await LoopbackHttpServer.StartAsync();
        var clock = new FakeTimeProvider(Samples.At.AddSeconds(5));
        using var channel = new WebhookChannel(Settings(server.Url("/hooks/power"), WhsecSecret,
            new() { ["Authorization"] = "Bearer hook-auth-123" }), clock);

        var outcome = await channel.SendAsync(Samples.OnBattery(), CancellationToken.None);

        Assert.IsType<DeliveryOutcome.Delivered>(outcome);
        var r = server.Single();
        Assert.Equal("POST", r.Method);
        Assert.Equal("/hooks/power", r.Path);
        Assert.StartsWith("application/json", r.Header("Content-Type"));
        Assert.Equal("Bearer hook-auth-123", r.Header("Authorization"));
        Assert.Equal("n-0001", r.Header("webhook-id"));
        Assert.Equal(clock.GetUtcNow().ToUnixTimeSeconds().ToString(), r.Header("webhook-timestamp"));
        Assert.Equal(ExpectedSignature(KeyBytes, r), r.Header("webhook-signature"));
        var json = r.Json;
        Assert.Equal("n-0001", json.GetProperty("id").GetString());
        Assert.Equal("ONBATT", json.GetProperty("kind").GetString());
        Assert.Equal("critical", json.GetProperty("severity").GetString());
        Assert.Equal("device", json.GetProperty("subject").GetProperty("kind").GetString());
        Assert.Equal("ups-a", json.GetProperty("subject").GetProperty("id").GetString());
        Assert.Equal("ups-a on battery", json.GetProperty("title").GetString());
        Assert.Contains("charge 97 %", json.GetProperty("message").GetString());
        Assert.Equal(Samples.At, json.GetProperty("at").GetDateTimeOffset());
        Assert.Equal("97", json.GetProperty("fields").GetProperty("charge").GetString());
    }

    [Fact]
    public async Task A_raw_secret_signs_with_its_utf8_bytes()
    {
        await using var server = await LoopbackHttpServer.StartAsync();
        using var channel = new WebhookChannel(Settings(server.Url("/h"), "plain shared secret"));

        await channel.SendAsync(Samples.OnBattery(), CancellationToken.None);

        var r = server.Single();
        Assert.Equal(ExpectedSignature(Encoding.UTF8.GetBytes("plain shared secret"), r), r.Header("webhook-signature"));
    }

    [Fact]
    public async Task Without_a_secret_there_is_no_signature_but_still_the_id_and_timestamp()
    {
        await using var server = await LoopbackHttpServer.StartAsync();
        using var channel = new WebhookChannel(Settings(server.Url("/h"), null));

        await channel.SendAsync(Samples.OnBattery(), CancellationToken.None);

        var r = server.Single();
        Assert.Null(r.Header("webhook-signature"));
        Assert.Equal("n-0001", r.Header("webhook-id"));
        Assert.NotNull(r.Header("webhook-timestamp"));
    }

    [Fact]
    public async Task Templates_shape_the_title_and_message_in_the_body()
    {
        await using var server = await LoopbackHttpServer.StartAsync();
        using var channel = new WebhookChannel(Settings(server.Url("/h"), null,
            templates: new("[{severity}] {title}", "{subject}: charge {field.charge} %")));

        await channel.SendAsync(Samples.OnBattery(), CancellationToken.None);

        var json = server.Single().Json;
        Assert.Equal("[critical] ups-a on battery", json.GetProperty("title").GetString());
        Assert.Equal("ups-a: charge 97 %", json.GetProperty("message").GetString());
    }
}
