namespace Supervisor.Drivers.Nut;

/// <summary>
/// Consumes a <c>LIST VAR &lt;ups&gt;</c> reply one line at a time, so the driver can stop at the first bad
/// line instead of buffering a whole (possibly endless) reply. Pure and single-use.
/// </summary>
public sealed class NutListVarCollector
{
    /// <summary>More variables than any real UPS has (a big one has a few hundred); beyond it upsd is broken or not upsd.</summary>
    public const int DefaultMaxVars = 10_000;

    private readonly string _ups;
    private readonly int _maxVars;
    private readonly Dictionary<string, string> _vars = new(StringComparer.Ordinal);
    private bool _begun;
    private string? _failed;

    public NutListVarCollector(string ups, int maxVars = DefaultMaxVars)
    {
        _ups = ups;
        _maxVars = maxVars;
    }

    /// <summary>True once <c>END LIST VAR &lt;ups&gt;</c> was accepted.</summary>
    public bool IsComplete { get; private set; }

    /// <summary>Variables seen so far (complete once <see cref="IsComplete"/>). A repeated name keeps the last value.</summary>
    public IReadOnlyDictionary<string, string> Vars => _vars;

    /// <summary>
    /// Feeds the next reply line. Failure = protocol violation (malformed, wrong UPS, out of order, too many).
    /// Success carries the parsed reply; an <see cref="NutReply.Error"/> there is upsd refusing the request
    /// (the caller explains it with <see cref="NutErrors"/>) and ends the reply.
    /// </summary>
    public ParseResult<NutReply> Feed(string? line)
    {
        if (_failed is not null) return ParseResult<NutReply>.Fail($"LIST VAR {_ups} reply already failed: {_failed}");
        if (IsComplete) return Fail($"unexpected line after END LIST VAR {_ups}: {NutReplyParser.Show(line ?? "")}");

        var parsed = NutReplyParser.ParseLine(line);
        if (!parsed.IsSuccess) return Fail(parsed.Error);

        switch (parsed.Value)
        {
            case NutReply.Error when !_begun:
                IsComplete = true;
                return parsed;
            case NutReply.BeginListVar b when !_begun && b.Ups == _ups:
                _begun = true;
                return parsed;
            case NutReply.Var v when _begun && v.Ups == _ups:
                if (!_vars.ContainsKey(v.Name) && _vars.Count >= _maxVars)
                    return Fail($"LIST VAR {_ups} has more than {_maxVars} variables; refusing to buffer more");
                _vars[v.Name] = v.Value;
                return parsed;
            case NutReply.EndListVar e when _begun && e.Ups == _ups:
                IsComplete = true;
                return parsed;
            default:
                return Fail($"unexpected reply to LIST VAR {_ups} {(_begun ? "inside the list" : "before BEGIN LIST VAR")}: " +
                            NutReplyParser.Show(line ?? ""));
        }
    }

    private ParseResult<NutReply> Fail(string error)
    {
        _failed = error;
        return ParseResult<NutReply>.Fail(error);
    }
}
