using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using Akka.Configuration;

namespace Supervisor.Node.Hosting;

/// <summary>
/// Before <c>run</c> starts Akka, one bind of its own on the node's address and port: Akka's remoting, failing to
/// bind, logs a DotNetty stack trace and names neither key. A host name that is not this machine's, a port another
/// process holds, or a port the user may not open is refused here with the key and the fix. Not part of
/// <c>validate</c>, which checks a file possibly written for another machine and opens no port.
/// </summary>
public static class BindAddressCheck
{
    private const string HostnameKey = "akka.remote.dot-netty.tcp.hostname";
    private const string PortKey = "akka.remote.dot-netty.tcp.port";

    public static ConfigError? Check(Config akka)
    {
        var host = akka.GetString(HostnameKey)?.Trim() ?? "";
        var port = akka.GetInt(PortKey);
        IPAddress address;
        try
        {
            address = IPAddress.TryParse(host, out var ip)
                ? ip
                : Dns.GetHostAddresses(host).OrderBy(a => a.AddressFamily == AddressFamily.InterNetwork ? 0 : 1).First();
        }
        catch (Exception e) when (e is SocketException or ArgumentException or InvalidOperationException)
        {
            return new ConfigError(HostnameKey, $"\"{host}\" cannot be resolved to an address of this machine ({e.Message}); use one of {LocalAddresses()}, or --hostname");
        }

        using var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        // As Akka's transport does on Linux and macOS: a port left in TIME_WAIT by the last run can be bound again.
        if (!OperatingSystem.IsWindows()) socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        try
        {
            socket.Bind(new IPEndPoint(address, port));
            return null;
        }
        catch (SocketException e)
        {
            return e.SocketErrorCode switch
            {
                SocketError.AddressNotAvailable => new ConfigError(HostnameKey,
                    $"\"{host}\"{(host == address.ToString() ? "" : $" ({address})")} is not an address of this machine, so the node cannot listen on it; use one of " +
                    $"{LocalAddresses()} (or --hostname), or listen on all with hostname = \"0.0.0.0\" and set public-hostname to the address other nodes reach"),
                SocketError.AddressAlreadyInUse => new ConfigError(PortKey,
                    $"{port} is already in use on {address} (another node or program listens there); stop it, or pick another port, e.g. --port {port + 1}"),
                SocketError.AccessDenied => new ConfigError(PortKey,
                    $"this user may not listen on port {port} ({e.Message}); ports below 1024 need root or CAP_NET_BIND_SERVICE — use e.g. --port 4053"),
                _ => new ConfigError(HostnameKey, $"cannot listen on {address}:{port} ({e.SocketErrorCode}: {e.Message}); check hostname and port"),
            };
        }
    }

    private static string LocalAddresses()
    {
        try
        {
            var addresses = NetworkInterface.GetAllNetworkInterfaces()
                .Where(n => n.OperationalStatus == OperationalStatus.Up)
                .SelectMany(n => n.GetIPProperties().UnicastAddresses)
                .Select(a => a.Address)
                .Where(a => a.AddressFamily == AddressFamily.InterNetwork || (a.AddressFamily == AddressFamily.InterNetworkV6 && !a.IsIPv6LinkLocal))
                .Select(a => a.ToString())
                .Distinct()
                .Take(8)
                .ToList();
            return addresses.Count == 0 ? "this machine's addresses (`ip addr`)" : string.Join(", ", addresses);
        }
        catch (NetworkInformationException)
        {
            return "this machine's addresses (`ip addr`)";
        }
    }
}
