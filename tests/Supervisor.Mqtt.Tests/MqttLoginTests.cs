using System.Collections.Concurrent;
using Akka.Actor;
using Akka.Event;
using Xunit.Abstractions;
using static Supervisor.Mqtt.Tests.MqttSamples;

namespace Supervisor.Mqtt.Tests;

/// <summary>A broker that requires a login (mosquitto with a password file).</summary>
public sealed class MqttLoginTests(ITestOutputHelper output) : Akka.TestKit.Xunit2.TestKit("akka.loglevel = DEBUG", output), IAsyncLifetime
{
    private const string Password = "broker-secret-7781";
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(15);
    private readonly MosquittoServer _broker = new() { Users = { ["supervisor"] = Password } };

    public Task InitializeAsync() => _broker.InitializeAsync();

    async Task IAsyncLifetime.DisposeAsync() => await _broker.DisposeAsync();

    private ConcurrentQueue<LogEvent> CollectLog()
    {
        var log = new ConcurrentQueue<LogEvent>();
        Sys.EventStream.Subscribe(Sys.ActorOf(Props.Create(() => new Collector(log))), typeof(LogEvent));
        return log;
    }

    [Fact]
    public async Task The_right_login_should_publish()
    {
        await using var recorder = await TopicRecorder.StartAsync(_broker, login: ("supervisor", Password));
        var settings = Settings(_broker) with { Username = "supervisor", Password = new Secret(Password) };
        var publisher = Sys.ActorOf(Publisher(settings));
        publisher.Tell(OnLine("ups-a"));
        await recorder.WaitForAsync(m => m.Topic == "supervisor/node-1/availability" && m.Payload == "online", Wait, "availability online");
    }

    [Fact]
    public async Task A_wrong_password_should_be_one_warning_naming_the_user_and_the_keys_to_fix_and_never_the_password()
    {
        var log = CollectLog();
        var settings = Settings(_broker) with { Username = "supervisor", Password = new Secret("not-the-password") };
        Sys.ActorOf(Publisher(settings));

        await AwaitConditionAsync(() => Task.FromResult(log.Any(e => e.Message.ToString()!.Contains("still unreachable"))), Wait); // it kept trying
        var warnings = log.Where(e => e.LogLevel() == LogLevel.WarningLevel && e.Message.ToString()!.StartsWith("MQTT")).Select(e => e.ToString()).ToList();
        var warning = Assert.Single(warnings);
        Assert.Contains($"127.0.0.1:{_broker.Port}", warning);
        Assert.Contains("refused the login", warning);
        Assert.Contains("for user supervisor", warning);
        Assert.Contains("supervisor.mqtt.username and password", warning);
        Assert.DoesNotContain(log, e => e.ToString().Contains("not-the-password"));
    }

    [Fact]
    public async Task No_broker_listening_should_be_one_warning_naming_the_broker_key()
    {
        var log = CollectLog();
        var settings = Settings(_broker) with { Port = LoopbackPort.Free() };
        Sys.ActorOf(Publisher(settings));

        await AwaitConditionAsync(() => Task.FromResult(log.Any(e => e.LogLevel() == LogLevel.WarningLevel && e.Message.ToString()!.StartsWith("MQTT"))), Wait);
        var warning = log.First(e => e.LogLevel() == LogLevel.WarningLevel && e.Message.ToString()!.StartsWith("MQTT")).ToString();
        Assert.Contains("is unreachable", warning);
        Assert.Contains("check supervisor.mqtt.broker", warning);
    }

    private sealed class Collector : ReceiveActor
    {
        public Collector(ConcurrentQueue<LogEvent> log) => Receive<LogEvent>(log.Enqueue);
    }
}
