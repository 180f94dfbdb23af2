namespace Supervisor.Domain.Nut;

/// <summary>The <c>LIST</c> requests: UPS, VAR, and the empty ones a read-only UPS has (CMD, RW, ENUM, RANGE, CLIENT).</summary>
internal static class NutLists
{
    public static NutAnswer List(string[] a, NutView view, NutSession session)
    {
        if (a.Length == 0) return NutProtocol.Err(session, "INVALID-ARGUMENT");
        var sub = a[0].ToUpperInvariant();
        if (sub == "UPS")
            return a.Length != 1 ? NutProtocol.Err(session, "INVALID-ARGUMENT")
                : Block(session, "UPS", view.Ups.Select(u => $"UPS {NutWords.Arg(u.Name)} {NutWords.Quoted(u.Description)}"));
        var wants = sub is "VAR" or "CMD" or "RW" or "CLIENT" ? 2 : sub is "ENUM" or "RANGE" ? 3 : -1;
        if (wants < 0 || a.Length != wants) return NutProtocol.Err(session, "INVALID-ARGUMENT");
        if (view.Find(a[1]) is not { } ups) return NutProtocol.Err(session, "UNKNOWN-UPS");
        var name = NutWords.Arg(ups.Name);
        if (wants == 3)
        {
            if (ups.Var(a[2]) is null) return NutProtocol.Err(session, "VAR-NOT-SUPPORTED");
            return Block(session, $"{sub} {name} {NutWords.Arg(a[2])}", []);
        }
        return sub == "VAR"
            ? Block(session, $"VAR {name}", ups.Vars.Select(v => $"VAR {name} {NutWords.Arg(v.Key)} {NutWords.Quoted(v.Value)}"))
            : Block(session, $"{sub} {name}", []); // nothing to command or write; clients are not listed (their addresses are not for everyone)
    }

    private static NutAnswer Block(NutSession session, string what, IEnumerable<string> body) =>
        new([$"BEGIN LIST {what}", .. body, $"END LIST {what}"], session);
}
