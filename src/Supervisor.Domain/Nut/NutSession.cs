using Supervisor.Domain.Configuration;

namespace Supervisor.Domain.Nut;

/// <summary>One client connection's protocol state, as upsd keeps it: the names it sent, the UPS it logged into, its primary claim.</summary>
/// <param name="Address">The client's address, for the log.</param>
public sealed record NutSession(string Address, string? Username = null, string? Password = null, string? LoggedInto = null, string? PrimaryOf = null);

/// <summary>What the server answers to one request: UPSes of the moment, who is logged in where, who may log in.</summary>
/// <param name="Logins">Clients logged into each UPS (by name), for <c>GET NUMLOGINS</c>.</param>
public sealed record NutView(IReadOnlyList<VirtualUps> Ups, IReadOnlyDictionary<string, int> Logins, IReadOnlyList<NutUserSettings> Users)
{
    public VirtualUps? Find(string name) => Ups.FirstOrDefault(u => string.Equals(u.Name, name, StringComparison.OrdinalIgnoreCase));
}

/// <summary>The reply lines to send, the session after the request, and what the server must do besides.</summary>
/// <param name="Close">Close the connection once the lines are sent (after <c>LOGOUT</c>).</param>
/// <param name="FsdOn">A primary set FSD on this UPS: the server records it in the snapshot.</param>
public sealed record NutAnswer(IReadOnlyList<string> Lines, NutSession Session, bool Close = false, string? FsdOn = null);
