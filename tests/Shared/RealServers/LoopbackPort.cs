using System.Net;
using System.Net.Sockets;

namespace Supervisor.Tests.RealServers;

/// <summary>Free loopback TCP ports for test servers, nodes and "nothing listens here" cases (one helper for every test project and the benchmarks).</summary>
public static class LoopbackPort
{
    /// <summary>A port the OS just handed out and released; another process could take it before the caller binds it.</summary>
    public static int Free()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
