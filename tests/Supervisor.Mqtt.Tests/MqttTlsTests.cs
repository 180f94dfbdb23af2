using System.Collections.Concurrent;
using Akka.Actor;
using Akka.Event;
using Xunit.Abstractions;
using static Supervisor.Mqtt.Tests.MqttSamples;

namespace Supervisor.Mqtt.Tests;

/// <summary>A broker with a TLS listener whose certificate a private CA signed (<c>tls = on</c>, <c>tls-ca</c>).</summary>
public sealed class MqttTlsTests(ITestOutputHelper output) : Akka.TestKit.Xunit2.TestKit("akka.loglevel = INFO", output), IAsyncLifetime
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(15);
    private static readonly System.Security.Cryptography.X509Certificates.X509Certificate2 Ca = UpsdCertificates.CreateCa("Broker CA");
    private readonly MosquittoServer _broker = new() { TlsCertificate = UpsdCertificates.IssueServer(Ca, "broker") };

    public Task InitializeAsync() => _broker.InitializeAsync();

    async Task IAsyncLifetime.DisposeAsync() => await _broker.DisposeAsync();

    private MqttSettings OverTls(System.Security.Cryptography.X509Certificates.X509Certificate2 trusted) => Settings(_broker) with
    {
        Port = _broker.TlsPort, Tls = true, CaFile = UpsdCertificates.WritePem(trusted, Path.Combine(_broker.Directory, $"ca-{Guid.NewGuid():N}.pem")),
    };

    [Fact]
    public async Task A_broker_certificate_signed_by_the_configured_ca_should_carry_the_state()
    {
        await using var recorder = await TopicRecorder.StartAsync(_broker); // on the plain listener: the same broker
        var publisher = Sys.ActorOf(Publisher(OverTls(Ca)));
        publisher.Tell(OnLine("ups-a", 64));
        await recorder.WaitForAsync(m => m.Topic == "supervisor/node-1/device/ups-a/state" && m.Payload.Contains("\"charge\":64"), Wait, "the state over TLS");
    }

    [Fact]
    public async Task A_broker_certificate_from_another_ca_should_be_refused_with_a_warning_naming_tls_ca()
    {
        var log = new ConcurrentQueue<string>();
        Sys.EventStream.Subscribe(Sys.ActorOf(Props.Create(() => new Collector(log))), typeof(Warning));
        await using var recorder = await TopicRecorder.StartAsync(_broker);
        Sys.ActorOf(Publisher(OverTls(UpsdCertificates.CreateCa("Some other CA"))));

        await AwaitConditionAsync(() => Task.FromResult(log.Any(l => l.StartsWith("MQTT"))), Wait);
        Assert.Contains("failed the TLS handshake", log.First(l => l.StartsWith("MQTT")));
        Assert.Contains("supervisor.mqtt.tls-ca", log.First(l => l.StartsWith("MQTT")));
        Assert.DoesNotContain(recorder.Messages, m => m.Topic.StartsWith("supervisor/"));
    }

    private sealed class Collector : ReceiveActor
    {
        public Collector(ConcurrentQueue<string> log) => Receive<Warning>(w => log.Enqueue(w.Message.ToString()!));
    }
}
