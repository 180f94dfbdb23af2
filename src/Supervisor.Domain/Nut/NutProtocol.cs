using System.Security.Cryptography;
using System.Text;
using Supervisor.Domain.Configuration;

namespace Supervisor.Domain.Nut;

/// <summary>
/// upsd's network protocol (NUT 2.8, docs/net-protocol.txt), answered from a snapshot: one request line in, reply lines and
/// the next session out. Pure and total: any line, however hostile, gets an answer and never an exception. Commands,
/// sub-commands, UPS and variable names match case-insensitively, as in upsd; error codes are upsd's own words.
/// </summary>
public static class NutProtocol
{
    /// <summary>What <c>VER</c> says. NUT clients do not parse it; people reading it learn who answers.</summary>
    public const string Version = "Network UPS Tools upsd 2.8.0 (Supervisor NUT facade) - http://www.networkupstools.org/";

    /// <summary>The protocol version upsd 2.8 speaks.</summary>
    public const string NetVersion = "1.3";

    public static NutAnswer Answer(string line, NutView view, NutSession session)
    {
        var words = new List<NutWord>();
        if (NutWords.Split(line.TrimEnd('\r'), words) is not null) return Err(session, "INVALID-ARGUMENT");
        if (words.Count == 0) return new NutAnswer([], session); // upsd ignores an empty line
        var args = words.Skip(1).Select(w => w.Text).ToArray();
        return words[0].Text.ToUpperInvariant() switch
        {
            "VER" => Lines(session, Version),
            "NETVER" => Lines(session, NetVersion),
            "HELP" => Lines(session, "Commands: HELP VER GET LIST SET INSTCMD LOGIN LOGOUT USERNAME PASSWORD STARTTLS"),
            "GET" => Get(args, view, session),
            "LIST" => NutLists.List(args, view, session),
            "USERNAME" => args.Length != 1 ? Err(session, "INVALID-ARGUMENT")
                : session.Username is not null ? Err(session, "ALREADY-SET-USERNAME")
                : Ok(session with { Username = args[0] }),
            "PASSWORD" => args.Length != 1 ? Err(session, "INVALID-ARGUMENT")
                : session.Password is not null ? Err(session, "ALREADY-SET-PASSWORD")
                : Ok(session with { Password = args[0] }),
            "LOGIN" => Login(args, view, session),
            "LOGOUT" => new NutAnswer(["OK Goodbye"], session with { LoggedInto = null, PrimaryOf = null }, Close: true),
            "PRIMARY" or "MASTER" => Primary(words[0].Text.ToUpperInvariant(), args, view, session),
            "FSD" => Fsd(args, view, session),
            "STARTTLS" => Err(session, "FEATURE-NOT-CONFIGURED"),
            "SET" => NeedsUser(session) ?? Err(session, "READONLY"),
            "INSTCMD" => NeedsUser(session) ?? Err(session, "CMD-NOT-SUPPORTED"),
            _ => Err(session, "UNKNOWN-COMMAND"),
        };
    }

    private static NutAnswer Get(string[] a, NutView view, NutSession session)
    {
        if (a.Length < 2) return Err(session, "INVALID-ARGUMENT");
        var sub = a[0].ToUpperInvariant();
        var wants = sub is "VAR" or "DESC" or "TYPE" ? 3 : sub is "UPSDESC" or "NUMLOGINS" ? 2 : -1;
        if (wants < 0 || a.Length != wants) return Err(session, "INVALID-ARGUMENT");
        if (view.Find(a[1]) is not { } ups) return Err(session, "UNKNOWN-UPS");
        var name = NutWords.Arg(ups.Name);
        if (sub == "UPSDESC") return Lines(session, $"UPSDESC {name} {NutWords.Quoted(ups.Description)}");
        if (sub == "NUMLOGINS") return Lines(session, $"NUMLOGINS {name} {view.Logins.GetValueOrDefault(ups.Name)}");
        var found = ups.Vars.FirstOrDefault(v => string.Equals(v.Key, a[2], StringComparison.OrdinalIgnoreCase));
        if (found.Key is null) return Err(session, "VAR-NOT-SUPPORTED");
        var v = NutWords.Arg(found.Key);
        return sub switch
        {
            "VAR" => Lines(session, $"VAR {name} {v} {NutWords.Quoted(found.Value)}"),
            "DESC" => Lines(session, $"DESC {name} {v} {NutWords.Quoted("Description unavailable")}"),
            _ => Lines(session, $"TYPE {name} {v} STRING:{Math.Max(found.Value.Length, 1)}"), // read-only, like a driver's RO string
        };
    }

    private static NutAnswer Login(string[] a, NutView view, NutSession session)
    {
        if (a.Length != 1) return Err(session, "INVALID-ARGUMENT");
        if (NeedsUser(session) is { } refused) return refused;
        if (session.LoggedInto is not null) return Err(session, "ALREADY-LOGGED-IN");
        if (view.Find(a[0]) is not { } ups) return Err(session, "UNKNOWN-UPS");
        if (User(view, session) is null) return Err(session, "ACCESS-DENIED");
        return Ok(session with { LoggedInto = ups.Name });
    }

    /// <summary><c>PRIMARY</c> (2.8) and its old name <c>MASTER</c>; upsmon 2.8 sends the first and falls back to the second.</summary>
    private static NutAnswer Primary(string keyword, string[] a, NutView view, NutSession session)
    {
        if (a.Length != 1) return Err(session, "INVALID-ARGUMENT");
        if (NeedsUser(session) is { } refused) return refused;
        if (view.Find(a[0]) is not { } ups) return Err(session, "UNKNOWN-UPS");
        if (User(view, session) is not { Role: NutUserRole.Primary }) return Err(session, "ACCESS-DENIED");
        return new NutAnswer([$"OK {keyword}-GRANTED"], session with { PrimaryOf = ups.Name });
    }

    private static NutAnswer Fsd(string[] a, NutView view, NutSession session)
    {
        if (a.Length != 1) return Err(session, "INVALID-ARGUMENT");
        if (NeedsUser(session) is { } refused) return refused;
        if (view.Find(a[0]) is not { } ups) return Err(session, "UNKNOWN-UPS");
        if (User(view, session) is not { Role: NutUserRole.Primary }) return Err(session, "ACCESS-DENIED");
        return new NutAnswer(["OK FSD-SET"], session, FsdOn: ups.Name);
    }

    /// <summary>upsd refuses a command that needs a user before it looks at anything else.</summary>
    private static NutAnswer? NeedsUser(NutSession session) =>
        session.Username is null ? Err(session, "USERNAME-REQUIRED") : session.Password is null ? Err(session, "PASSWORD-REQUIRED") : null;

    /// <summary>The configured user whose name and password the session sent; the password is compared in constant time.</summary>
    private static NutUserSettings? User(NutView view, NutSession session) =>
        view.Users.FirstOrDefault(u => u.Name == session.Username && SamePassword(u.Password.Reveal(), session.Password ?? ""));

    private static bool SamePassword(string expected, string given) =>
        CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(expected)), SHA256.HashData(Encoding.UTF8.GetBytes(given)));

    internal static NutAnswer Lines(NutSession session, params string[] lines) => new(lines, session);

    internal static NutAnswer Err(NutSession session, string code) => new([$"ERR {code}"], session);

    private static NutAnswer Ok(NutSession session) => new(["OK"], session);
}
