using System.Net;
using System.Net.Sockets;
using Akka.Actor;
using Akka.Actor.Setup;
using Akka.Configuration;
using Supervisor.Actors.Hosting;
using Supervisor.Node.Hosting;
using Supervisor.Domain;

namespace Supervisor.Node.Cli.Inspection;

/// <summary>The CLI could not get an answer; the message names the node and what to check.</summary>
public sealed class InspectorUnavailableException(string message) : Exception(message);

/// <summary>
/// Talks to <c>/user/inspector</c> on one node from a remote-only ActorSystem that never joins the cluster
/// (the role Petabridge.Cmd plays elsewhere). A dead or wrong address fails within a few seconds, clearly,
/// and so does a link that TLS refuses (see <see cref="LinkWatch"/>) instead of waiting out the ask timeout.
/// </summary>
public sealed class InspectorClient : IAsyncDisposable
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(6);
    private readonly ActorSystem _system;
    private readonly ActorSelection _inspector;
    private readonly LinkWatch _link;

    public string NodeAddress { get; }

    /// <summary>True when the link is akka.ssl.tcp (the CLI has a --tls-config with TLS on).</summary>
    public bool UsesTls => NodeAddress.StartsWith(TlsConfiguration.TlsScheme + "://", StringComparison.Ordinal);

    private readonly Inspection.NodeAddress _target;

    private InspectorClient(ActorSystem system, Inspection.NodeAddress target, LinkWatch link)
    {
        _system = system;
        _target = target;
        NodeAddress = target.ToString();
        _link = link;
        _inspector = system.ActorSelection($"{NodeAddress}/user/{InspectorActor.Name}");
    }

    /// <param name="node">host:port or a full akka.tcp:// (akka.ssl.tcp:// with TLS) supervisor@host:port address.</param>
    /// <param name="tls">This CLI's certificate and CA (from --tls-config); null or off = plaintext.</param>
    public static async Task<InspectorClient> ConnectAsync(string node, TlsSettings? tls = null)
    {
        tls ??= TlsSettings.Off;
        var target = Inspection.NodeAddress.Parse(node, tls.Enabled, out var malformed) ?? throw new InspectorUnavailableException($"--node {malformed}");
        var address = target.ToString();
        if (target.UsesTls != tls.Enabled)
            throw new InspectorUnavailableException(tls.Enabled
                ? $"{address} is a plaintext address but --tls-config turns TLS on; write --node host:port (the CLI then uses {TlsConfiguration.TlsScheme})"
                : $"{address} is a TLS address; pass --tls-config FILE (a config file whose supervisor.tls gives this CLI a certificate signed by the cluster's CA)");
        if (tls.Enabled) await TlsProbe.CheckAsync(target.Host, target.Port, address, tls);
        else await ProbeTcpAsync(target.Host, target.Port, address);
        var parsed = Address.Parse(address);
        var link = new LinkWatch(parsed, tls);
        var bootstrap = BootstrapSetup.Create().WithConfig(ClientConfig(target.Host, tls.Enabled));
        var setup = tls.Enabled ? bootstrap.And(TlsConfiguration.CreateSetup(tls, link.Refused)) : ActorSystemSetup.Create(bootstrap);
        var system = ActorSystem.Create("supervisor-cli", setup);
        link.Start(system);
        return new InspectorClient(system, target, link);
    }

    /// <param name="timeout">How long to wait (default <see cref="Timeout"/>); a test notification waits for its channels.</param>
    public async Task<T> AskAsync<T>(object request, TimeSpan? timeout = null)
    {
        var wait = timeout ?? Timeout;
        object reply;
        try
        {
            var ask = _inspector.Ask<object>(request, wait);
            if (await Task.WhenAny(ask, _link.Failed) != ask)
            {
                // The link failed: a node refusing it (TLS) and a stranger that is no node at all (upsd, HTTP) look alike to Akka.
                var stranger = await NonAkkaProbe.AnswerAsync(_target.Host, _target.Port);
                throw new InspectorUnavailableException(stranger is null ? await _link.Failed : NonAkkaProbe.Message(NodeAddress, stranger));
            }
            reply = await ask;
        }
        catch (Exception e) when (e is AskTimeoutException or TaskCanceledException)
        {
            throw new InspectorUnavailableException(
                $"no answer from {NodeAddress} within {wait.TotalSeconds:0}s: is it a Supervisor node (actor system \"{ClusterNames.SystemName}\")? " +
                "Check the port with `supervisor run --port N` or the node's akka.remote.dot-netty.tcp.port");
        }
        return reply switch
        {
            T answer => answer,
            InspectionFailed f => throw new InspectorUnavailableException($"{NodeAddress}: {f.Message}"),
            _ => throw new InspectorUnavailableException($"{NodeAddress} answered {reply.GetType().Name}, not {typeof(T).Name}: CLI and node versions differ?"),
        };
    }

    /// <summary>
    /// A refused or unroutable port fails here in milliseconds instead of after the ask timeout, and a server that
    /// greets or hangs up at once is no Akka node (<see cref="NonAkkaProbe"/>).
    /// </summary>
    private static async Task ProbeTcpAsync(string host, int port, string address)
    {
        using var tcp = new TcpClient();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(3));
        try
        {
            await tcp.ConnectAsync(host, port, cts.Token);
        }
        catch (Exception e)
        {
            var why = e is OperationCanceledException ? "no answer within 3s" : e.Message;
            throw new InspectorUnavailableException($"cannot reach {address} ({why}): is a Supervisor node running there? Pass --node host:port of a running node.");
        }
        if (await NonAkkaProbe.GreetingAsync(tcp) is { } stranger)
            throw new InspectorUnavailableException(NonAkkaProbe.Message(address, stranger));
    }

    /// <summary>Remote-only, port 0, quiet; replies from a node on another host come back to the local address it can route to.</summary>
    private static Config ClientConfig(string nodeHost, bool tls)
    {
        var local = LocalAddressFor(nodeHost);
        return ConfigurationFactory.ParseString($$"""
            akka {
              # OFF: a link failure is explained by the CLI itself (LinkWatch, NonAkkaProbe); Akka's own ERROR lines
              # carry DotNetty stack traces that say nothing to an operator.
              loglevel = OFF
              stdout-loglevel = OFF
              log-dead-letters = 0
              actor.provider = remote
              remote.dot-netty.tcp { hostname = "{{local}}", port = 0 }
              remote.log-remote-lifecycle-events = off
            }
            """).WithFallback(TlsConfiguration.TransportHocon(tls)).WithFallback(SupervisorHocon.Serialization);
    }

    private static string LocalAddressFor(string nodeHost)
    {
        if (nodeHost is "localhost" || IPAddress.TryParse(nodeHost, out var ip) && IPAddress.IsLoopback(ip)) return "127.0.0.1";
        try
        {
            using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
            probe.Connect(nodeHost, 9); // no packet is sent: this only asks the OS which interface routes there
            return ((IPEndPoint)probe.LocalEndPoint!).Address.ToString();
        }
        catch (SocketException)
        {
            return "127.0.0.1";
        }
    }

    public async ValueTask DisposeAsync() => await _system.Terminate().WaitAsync(TimeSpan.FromSeconds(5)).ContinueWith(_ => { });
}
