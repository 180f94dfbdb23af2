namespace Supervisor.Drivers.Nut;

/// <summary>What we were doing when upsd answered <c>ERR</c>; fills in the operator message.</summary>
/// <param name="DeviceId">Key under <c>supervisor.devices</c>.</param>
/// <param name="Command">The command sent, without secrets (<c>PASSWORD</c>, never its argument).</param>
public sealed record NutErrorContext(string DeviceId, string Host, int Port, string Ups, string? Username, string Command)
{
    public string Endpoint => $"{Host}:{Port}";
}

/// <summary>
/// Turns upsd <c>ERR</c> codes (docs/net-protocol.txt) into messages that say what is wrong and how to fix it.
/// Codes that only a buggy client can cause say so, so nobody chases a config problem that is not there.
/// </summary>
public static class NutErrors
{
    private const int MaxExtraLength = 200;

    public static readonly IReadOnlyCollection<string> KnownCodes =
    [
        "ACCESS-DENIED", "UNKNOWN-UPS", "VAR-NOT-SUPPORTED", "CMD-NOT-SUPPORTED", "INVALID-ARGUMENT",
        "INSTCMD-FAILED", "SET-FAILED", "READONLY", "TOO-LONG", "FEATURE-NOT-SUPPORTED", "FEATURE-NOT-CONFIGURED",
        "ALREADY-SSL-MODE", "DRIVER-NOT-CONNECTED", "DATA-STALE", "ALREADY-LOGGED-IN", "INVALID-PASSWORD",
        "ALREADY-SET-PASSWORD", "INVALID-USERNAME", "ALREADY-SET-USERNAME", "USERNAME-REQUIRED", "PASSWORD-REQUIRED",
        "UNKNOWN-COMMAND", "INVALID-VALUE",
    ];

    /// <summary>Operator message for <c>ERR code [extra]</c>; unknown codes get a generic but still complete message.</summary>
    public static string Describe(string code, string? extra, NutErrorContext c)
    {
        var at = $"upsd at {c.Endpoint}";
        var ups = $"UPS \"{c.Ups}\"";
        var cfg = $"supervisor.devices.{c.DeviceId}";
        var user = c.Username is null ? "no user" : $"user \"{c.Username}\"";
        var clientBug = $"this is a Supervisor client bug (sent {c.Command}); please report it with the upsd version (`upsd -V`)";
        var text = code switch
        {
            "ACCESS-DENIED" => c.Username is null
                ? $"{at} denied {c.Command}: it needs a login; set username and password in {cfg} (a user from upsd.users)"
                : $"{at} denied {c.Command} for {user}: wrong password, unknown user, or the user has no `upsmon primary` / `upsmon secondary` line in upsd.users; check username/password in {cfg} against upsd.users",
            "UNKNOWN-UPS" => $"{at} has no UPS named \"{c.Ups}\"; check `ups` in {cfg} against `upsc -l {c.Endpoint}`",
            "VAR-NOT-SUPPORTED" => $"{ups} on {at} does not support the variable asked for by {c.Command}; list them with `upsc {c.Ups}@{c.Endpoint}`",
            "CMD-NOT-SUPPORTED" => $"{ups} on {at} does not support the instant command in {c.Command}; list them with `upscmd -l {c.Ups}@{c.Endpoint}`",
            "INVALID-ARGUMENT" => $"{at} rejected the arguments of {c.Command}; `ups` in {cfg} must be a plain NUT name (letters, digits, '-', '_', '.')",
            "INSTCMD-FAILED" => $"the NUT driver of {ups} on {at} failed to run the instant command; check the driver's log",
            "SET-FAILED" => $"the NUT driver of {ups} on {at} failed to set the variable; check the driver's log",
            "READONLY" => $"{ups} on {at}: the variable is read-only and cannot be set",
            "TOO-LONG" => $"{ups} on {at}: the value sent with {c.Command} is too long for that variable",
            "INVALID-VALUE" => $"{ups} on {at}: the value sent with {c.Command} is not allowed for that variable (`upsrw {c.Ups}@{c.Endpoint}` shows the allowed values)",
            "FEATURE-NOT-SUPPORTED" => $"{at} does not support the feature needed for {c.Command} (e.g. STARTTLS on a upsd built without SSL)",
            "FEATURE-NOT-CONFIGURED" => $"{at} supports but has not configured the feature needed for {c.Command} (e.g. STARTTLS needs CERTFILE in upsd.conf)",
            "ALREADY-SSL-MODE" => $"{at} says the connection is already in TLS mode; {clientBug}",
            "DRIVER-NOT-CONNECTED" => $"{at} knows {ups} but its NUT driver is not running or not connected to upsd; start it (`upsdrvctl start {c.Ups}`) and check the driver's log",
            "DATA-STALE" => $"{at} has only stale data for {ups}: its NUT driver lost contact with the UPS (cable, USB, network card or UPS off); check the driver's log",
            "USERNAME-REQUIRED" => $"{at} needs a user for {c.Command}; set username and password in {cfg}",
            "PASSWORD-REQUIRED" => $"{at} needs a password for {c.Command}; set password (or password-file / password-env) in {cfg}",
            "INVALID-USERNAME" => $"{at} rejected the username in {cfg} as invalid (no spaces or control characters)",
            "INVALID-PASSWORD" => $"{at} rejected the password in {cfg} as invalid (no control characters)",
            "ALREADY-LOGGED-IN" or "ALREADY-SET-PASSWORD" or "ALREADY-SET-USERNAME" => $"{at} replied {code}: {clientBug}",
            "UNKNOWN-COMMAND" => $"{at} does not understand {c.Command}: is this really a NUT upsd (`upsc -l {c.Endpoint}`), and version 2.x or later?",
            _ => $"{at} replied an error this client does not know for {c.Command}; see NUT's docs/net-protocol.txt",
        };
        return $"{text} (ERR {Sanitize(code)}{(string.IsNullOrEmpty(extra) ? "" : " " + Sanitize(extra))})";
    }

    /// <summary>ERR text comes from the network: keep it short and printable inside log lines.</summary>
    private static string Sanitize(string s)
    {
        var cut = s.Length > MaxExtraLength ? s[..MaxExtraLength] + "…" : s;
        return new string(cut.Select(ch => char.IsControl(ch) ? '?' : ch).ToArray());
    }
}
