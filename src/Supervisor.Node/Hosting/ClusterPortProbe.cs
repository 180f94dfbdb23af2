using System.Net;
using System.Net.Sockets;

namespace Supervisor.Node.Hosting;

/// <summary>
/// One node per address: refuses to start when something already listens on the cluster port. Akka's DotNetty
/// transport binds with <c>tcp-reuse-addr</c>, which .NET on Linux turns into SO_REUSEADDR <b>and SO_REUSEPORT</b>: a
/// second node with the same config then binds the same port without error, the kernel spreads connections between
/// the two, and they form one confused cluster (issue 9: the live shutdown ran twice). The probe binds without
/// SO_REUSEPORT, so it fails against any listener, but with plain SO_REUSEADDR, so the TIME_WAIT connections a node
/// restarted a moment ago leaves behind do not count as "taken". Checked just before Akka binds; a process that grabs
/// the port in between is not caught here (the data dir lock and the host registry still catch a second supervisor).
/// </summary>
public static class ClusterPortProbe
{
    public const string PortPath = "akka.remote.dot-netty.tcp.port";
    private const int SolSocket = 1, SoReuseAddr = 2; // Linux values; the probe is skipped elsewhere

    /// <exception cref="NodeStartupException">The port is in use.</exception>
    public static void EnsureFree(string hostname, int port, Func<string>? whoHasIt = null)
    {
        if (!InUse(hostname, port)) return;
        var who = whoHasIt?.Invoke();
        throw new NodeStartupException(PortPath,
            $"port {port} on {hostname} is already in use{(string.IsNullOrEmpty(who) ? "" : $" by {who}")}: one node per address. Another supervisor " +
            $"bound to it would share it silently (SO_REUSEPORT) and both would run each shutdown. Stop the other process (`ss -ltnp 'sport = :{port}'` " +
            "shows it), or give this node another --port");
    }

    /// <summary>
    /// Whether something listens on <paramref name="hostname"/>:<paramref name="port"/>. False for port 0, off Linux, and
    /// for an address that cannot be bound here for another reason (the real bind then says so in its own words).
    /// </summary>
    public static bool InUse(string hostname, int port)
    {
        if (port == 0 || !OperatingSystem.IsLinux()) return false; // port 0: the OS picks a free one
        if (Resolve(hostname) is not { } address) return false;    // not resolvable: the real bind reports it
        using var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        socket.SetRawSocketOption(SolSocket, SoReuseAddr, BitConverter.GetBytes(1));
        try
        {
            socket.Bind(new IPEndPoint(address, port));
            return false;
        }
        catch (SocketException e)
        {
            // Not a local address and the like: the real bind says so in its own words.
            return e.SocketErrorCode == SocketError.AddressAlreadyInUse;
        }
    }

    /// <summary>The address DotNetty binds for <paramref name="hostname"/>: the literal, else its first IPv4 address (dns-use-ipv6 is off).</summary>
    private static IPAddress? Resolve(string hostname)
    {
        if (IPAddress.TryParse(hostname, out var literal)) return literal;
        try
        {
            var all = Dns.GetHostAddresses(hostname);
            return all.FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork) ?? all.FirstOrDefault();
        }
        catch (SocketException)
        {
            return null;
        }
    }
}
