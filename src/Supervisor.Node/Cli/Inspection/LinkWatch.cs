using Akka.Actor;
using Akka.Remote;
using Supervisor.Node.Hosting;

namespace Supervisor.Node.Cli.Inspection;

/// <summary>
/// Watches the CLI's one link to the node. When the link fails — most often because TLS refused it on one side —
/// Akka just drops the request and the ask would run into its timeout with a vague "no answer". This turns the
/// failure into an immediate message that says which side refused what, from Akka's remoting lifecycle events
/// and from the CLI's own certificate validator.
/// </summary>
internal sealed class LinkWatch(Address node, TlsSettings tls)
{
    private readonly TaskCompletionSource<string> _failed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile string? _refusedHere;

    /// <summary>Completes with the error message when the link to the node fails; never completes otherwise.</summary>
    public Task<string> Failed => _failed.Task;

    /// <summary>The CLI's own validator refused the node's certificate (called during the handshake).</summary>
    public void Refused(string why) => _refusedHere = why;

    public void Start(ActorSystem system)
    {
        var listener = system.ActorOf(Props.Create(() => new Listener(this)), "link-watch");
        system.EventStream.Subscribe(listener, typeof(AssociationErrorEvent));
        system.EventStream.Subscribe(listener, typeof(DisassociatedEvent));
    }

    private void LinkLost(Address remote)
    {
        if (remote.Host != node.Host || remote.Port != node.Port) return;
        _failed.TrySetResult(Describe());
    }

    private string Describe()
    {
        var address = $"{TlsConfiguration.Scheme(tls.Enabled)}://{node.System}@{node.Host}:{node.Port}";
        if (_refusedHere is { } why)
            return $"this CLI does not trust {address}: {why.Replace("TLS: refused ", "")}. Is --tls-config's ca-certificate ({tls.CaCertificate}) the cluster's CA?";
        if (!tls.Enabled)
            return $"{address} dropped the connection: the node probably requires mutual TLS (supervisor.tls.enabled = on). " +
                   "Pass --tls-config FILE: a config file whose supervisor.tls gives this CLI a certificate signed by the cluster's CA";
        return $"{address} refused the TLS link: it does not accept this CLI's certificate ({tls.CertificateSubject}), or it is not a TLS node. " +
               "The CLI needs a certificate signed by the cluster's CA; the node's log names the refused certificate (\"TLS: refused …\")";
    }

    private sealed class Listener : ReceiveActor
    {
        public Listener(LinkWatch watch)
        {
            Receive<AssociationErrorEvent>(e => watch.LinkLost(e.RemoteAddress));
            Receive<DisassociatedEvent>(e => watch.LinkLost(e.RemoteAddress));
        }
    }
}
