using System.Security.Cryptography.X509Certificates;
using System.Threading.Channels;
using Akka.Actor;
using Akka.Event;
using MQTTnet;
using MQTTnet.Protocol;
using Supervisor.Domain.Configuration;
using Supervisor.Domain.Mqtt;
using Supervisor.Domain.Notifications;

namespace Supervisor.Mqtt;

/// <summary>The broker took this node's connection (its availability is "online" again): send everything.</summary>
public sealed record BrokerConnected
{
    public static BrokerConnected Instance { get; } = new();
}

/// <summary>The connection to the broker is gone: stop queueing until <see cref="BrokerConnected"/>.</summary>
public sealed record BrokerLost
{
    public static BrokerLost Instance { get; } = new();
}

/// <summary>Home Assistant said "online" on its status topic (it restarted): send discovery and state again.</summary>
public sealed record HomeAssistantCameOnline
{
    public static HomeAssistantCameOnline Instance { get; } = new();
}

/// <summary>
/// One node's connection to the MQTT broker: connects with a last will (availability "offline", retained), announces
/// "online", reconnects with backoff when the broker goes away, and publishes what the owner queues. What waits is the
/// latest message per topic (<see cref="LatestPerTopic"/>): a slow broker can never hold up the owner, memory stays
/// bounded by the fleet's size, and nothing that matters is dropped. The owner sends everything again on each (re)connect.
/// </summary>
internal sealed class MqttBrokerLink : IAsyncDisposable
{
    private static readonly TimeSpan MaxReconnectDelay = TimeSpan.FromMinutes(1), OfflineTimeout = TimeSpan.FromSeconds(2);

    private readonly MqttSettings _settings;
    private readonly MqttTopics _topics;
    private readonly IActorRef _owner;
    private readonly ILoggingAdapter _log;
    private readonly IMqttClient _client = new MqttClientFactory().CreateMqttClient();
    private readonly LatestPerTopic _pending = new();
    // Wakes the pump when something was put while it waited (capacity 1: one wake-up covers any number of messages).
    private readonly Channel<bool> _wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public MqttBrokerLink(MqttSettings settings, MqttTopics topics, IActorRef owner, ILoggingAdapter log)
    {
        (_settings, _topics, _owner, _log) = (settings, topics, owner, log);
        _client.ApplicationMessageReceivedAsync += e =>
        {
            if (e.ApplicationMessage.Topic == _topics.HomeAssistantStatus && e.ApplicationMessage.ConvertPayloadToString() == MqttTopics.HomeAssistantOnline)
                _owner.Tell(HomeAssistantCameOnline.Instance);
            return Task.CompletedTask;
        };
        _loop = Task.Run(() => RunAsync(_stop.Token));
    }

    /// <summary>Queues <paramref name="message"/> in the place of any unsent one for its topic; never blocks.</summary>
    public void Offer(MqttOutgoing message)
    {
        lock (_pending) _pending.Put(message);
        _wake.Writer.TryWrite(true);
    }

    private string Broker => $"{_settings.Host}:{_settings.Port}";

    private async Task RunAsync(CancellationToken stop)
    {
        var failures = 0;
        while (!stop.IsCancellationRequested)
        {
            try
            {
                using var lost = CancellationTokenSource.CreateLinkedTokenSource(stop);
                Task OnDisconnected(MqttClientDisconnectedEventArgs _) { lost.Cancel(); return Task.CompletedTask; }
                _client.DisconnectedAsync += OnDisconnected;
                try
                {
                    await ConnectAsync(stop);
                    _log.Info("MQTT: connected to broker {0} as node {1}{2}", Broker, _topics.Node, failures > 0 ? $" (after {failures} failed attempt(s))" : "");
                    failures = 0;
                    _owner.Tell(BrokerConnected.Instance);
                    await PumpAsync(lost.Token);
                }
                finally
                {
                    _client.DisconnectedAsync -= OnDisconnected;
                }
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                failures++;
                // Once per outage at WARNING, then quietly: a broker down for a day must not fill the log.
                if (failures == 1) _log.Warning("MQTT: broker {0} {1}; retrying within {2:0.#}s and then with backoff up to 60s", Broker, MqttFailures.Explain(e, _settings), _settings.ReconnectDelay.TotalSeconds);
                else _log.Debug("MQTT: broker {0} still unreachable ({1})", Broker, e.Message);
            }
            if (stop.IsCancellationRequested) return;
            _owner.Tell(BrokerLost.Instance);
            try
            {
                // Drawn once, here: the first wait is between half and all of reconnect-delay ("within" it, as the warning says).
                await Task.Delay(RetryBackoff.Next(Math.Max(failures, 1), _settings.ReconnectDelay, MaxReconnectDelay, Random.Shared.NextDouble()), stop);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private async Task ConnectAsync(CancellationToken ct)
    {
        var options = new MqttClientOptionsBuilder()
            .WithTcpServer(_settings.Host, _settings.Port)
            .WithClientId($"supervisor-{_topics.Node}")
            .WithCleanSession()
            .WithKeepAlivePeriod(TimeSpan.FromSeconds(15))
            .WithTimeout(TimeSpan.FromSeconds(10))
            .WithWillTopic(_topics.Availability)
            .WithWillPayload(MqttTopics.Offline)
            .WithWillRetain()
            .WithWillQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce);
        if (_settings.Username is { } user) options.WithCredentials(user, _settings.Password?.Reveal() ?? "");
        if (_settings.Tls) options.WithTlsOptions(tls => Tls(tls));
        // MQTTnet throws for most refusals; where it returns the code instead, it is the same failure.
        var result = await _client.ConnectAsync(options.Build(), ct);
        if (result.ResultCode != MqttClientConnectResultCode.Success) throw new BrokerRefusedException(result.ResultCode);
        await PublishAsync(new MqttOutgoing(_topics.Availability, MqttTopics.Online, Retain: true), ct);
        if (_topics.HomeAssistantStatus is { } status) await _client.SubscribeAsync(status, MqttQualityOfServiceLevel.AtLeastOnce, ct);
    }

    private void Tls(MqttClientTlsOptionsBuilder tls)
    {
        tls.UseTls();
        if (_settings.CaFile is { } ca)
            tls.WithTrustChain([X509CertificateLoader.LoadCertificateFromFile(ca)]);
    }

    private async Task PumpAsync(CancellationToken lost)
    {
        while (true)
        {
            MqttOutgoing? next;
            lock (_pending) next = _pending.TryTake(out var m) ? m : null;
            if (next is not null) await PublishAsync(next, lost);
            else await _wake.Reader.ReadAsync(lost);
        }
    }

    private Task PublishAsync(MqttOutgoing m, CancellationToken ct) => _client.PublishAsync(new MqttApplicationMessageBuilder()
        .WithTopic(m.Topic).WithPayload(m.Payload).WithRetainFlag(m.Retain)
        .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build(), ct);

    /// <summary>Stops: says "offline" (a clean disconnect sends no last will) and disconnects, within a bound.</summary>
    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        try
        {
            await _loop.WaitAsync(OfflineTimeout);
            if (_client.IsConnected)
            {
                using var bounded = new CancellationTokenSource(OfflineTimeout);
                await PublishAsync(new MqttOutgoing(_topics.Availability, MqttTopics.Offline, Retain: true), bounded.Token);
                await _client.DisconnectAsync(new MqttClientDisconnectOptionsBuilder().Build(), bounded.Token);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or TimeoutException or MQTTnet.Exceptions.MqttCommunicationException)
        {
            _log.Warning("MQTT: could not say offline to broker {0} on stop ({1}); its last will says it when the connection times out", Broker, e.Message);
        }
        _client.Dispose();
        _stop.Dispose();
    }
}
