namespace Supervisor.Domain.Configuration;

/// <summary>What a NUT client that logs in may do: watch (secondary), or also take the primary role and set FSD.</summary>
public enum NutUserRole { Secondary, Primary }

/// <summary>One <c>supervisor.nut-server.users.&lt;name&gt;</c> entry: the name and password a NUT client logs in with.</summary>
public sealed record NutUserSettings(string Name, Secret Password, NutUserRole Role);

/// <summary>
/// The <c>supervisor.nut-server</c> section: a NUT network server (upsd's protocol) with each group as a virtual UPS, so
/// upsmon secondaries, NAS boxes and Home Assistant follow the supervisor. Off by default; every default is in reference.conf.
/// </summary>
/// <param name="Host">Address to bind (from <c>listen = "host:port"</c>).</param>
/// <param name="Port">TCP port; 0 lets the OS pick (tests).</param>
/// <param name="ExposeDevices">Also serve each device as a UPS of its own, beside the groups.</param>
/// <param name="MaxConnections">Clients served at once; one more is told <c>ERR</c> and closed.</param>
/// <param name="IdleTimeout">A client that sends nothing for this long is closed (upsmon polls every few seconds).</param>
/// <param name="MaxLineLength">Longest request line in bytes; a longer one gets <c>ERR</c> and the connection is closed.</param>
/// <param name="RefreshInterval">How often the cluster-wide status is read again (live samples change it in between).</param>
public sealed record NutServerSettings(
    bool Enabled, string Host, int Port, IReadOnlyList<NutUserSettings> Users, bool ExposeDevices,
    int MaxConnections, TimeSpan IdleTimeout, int MaxLineLength, TimeSpan RefreshInterval)
{
    public const string Path = ConfigPath.Root + ".nut-server";

    /// <summary>Not configured (settings built in code, tests); the loader always reads reference.conf's values instead.</summary>
    public static NutServerSettings Off { get; } = new(false, "127.0.0.1", 3493, [], false, 64, TimeSpan.FromMinutes(5), 1024, TimeSpan.FromSeconds(5));

    /// <summary>One line for <c>validate</c>'s summary; users by name and role, never a password.</summary>
    public string SummaryLine() => !Enabled
        ? "NUT server: off"
        : $"NUT server: {Host}:{Port}; groups{(ExposeDevices ? " and devices" : "")} as virtual UPSes; users " +
          (Users.Count == 0 ? "(none: nobody can log in, upsc still reads)" : string.Join(", ", Users.Select(u => $"{u.Name} ({u.Role.ToString().ToLowerInvariant()})")));
}
