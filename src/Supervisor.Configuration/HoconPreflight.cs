namespace Supervisor.Configuration;

/// <summary>
/// Reads HOCON text the way Akka's parser (<c>Akka.Configuration.Hocon.Parser</c>) does, step for step, before that
/// parser sees it, to catch the input it cannot survive: Akka's parser recurses once per nesting level (a few
/// thousand levels overflow the stack, which .NET cannot catch), loops forever on a list holding something that is
/// not a value (<c>[ } ]</c>, <c>[ a = 1 ]</c>), and resolves <c>${}</c> or <c>${?x}</c> to the whole document
/// (a cycle). Input Akka rejects with an exception is left to Akka, which then reports it with its own position.
/// On the way it notes where each device and group id is written, for <see cref="DuplicateEntries"/>.
/// </summary>
internal sealed class HoconPreflight
{
    /// <summary>Deeper than any sensible config (Supervisor's own go to about 8) and far below what overflows the stack.</summary>
    public const int MaxDepth = 64;

    // As Akka's tokenizer: characters that end an unquoted key (the dot splits paths) or an unquoted value.
    private const string NotInUnquotedKey = "$\"{}[]:=,#`^?!@*&\\.";
    private const string NotInUnquotedText = "$\"{}[]:=,#`^?!@*&\\";

    private readonly string _text;
    private readonly List<EntryDefinition> _entries = [];
    private readonly List<IncludeSite> _includes = [];
    private int _index;
    private int _tokenStart;

    /// <summary>The first problem found; null when Akka's parser can be given the text.</summary>
    public sealed record Problem(int Offset, string Message);

    /// <summary>An id written directly under <c>supervisor.devices</c> or <c>supervisor.groups</c>.</summary>
    public sealed record EntryDefinition(string Map, string Id, int Offset);

    /// <summary>An <c>include "file"</c> at <paramref name="Offset"/>, inside the object at <paramref name="Path"/>.</summary>
    public sealed record IncludeSite(IReadOnlyList<string> Path, int Offset);

    /// <param name="Includes">In the order Akka's parser meets them, which is the order it asks for the files.</param>
    public sealed record Result(Problem? Problem, IReadOnlyList<EntryDefinition> Entries, IReadOnlyList<IncludeSite> Includes);

    private HoconPreflight(string text) => _text = text;

    /// <param name="prefix">Where the text sits in the document: an included file's keys live below the include's object.</param>
    public static Result Check(string text, IReadOnlyList<string>? prefix = null)
    {
        var scan = new HoconPreflight(text);
        Problem? problem = null;
        try
        {
            scan.PullWhitespaceAndComments();
            scan.ParseObject(root: true, prefix ?? [], depth: 0);
        }
        catch (StopScan stop)
        {
            problem = stop.Problem;
        }
        return new Result(problem, scan._entries, scan._includes);
    }

    /// <summary>Ends the scan: with a problem, or with none where Akka's parser throws (it then says what and where).</summary>
    private sealed class StopScan(Problem? problem) : Exception
    {
        public Problem? Problem { get; } = problem;
    }

    private static StopScan LeaveItToAkka() => new(null);

    private StopScan Fail(string message) => new(new Problem(_index, message));

    private void Deeper(int depth)
    {
        if (depth > MaxDepth)
            throw Fail($"nested more than {MaxDepth} levels deep (objects, lists and dotted keys together); Akka's HOCON parser cannot read deeper input safely — flatten it");
    }

    private void ParseObject(bool root, IReadOnlyList<string> path, int depth)
    {
        Deeper(depth);
        while (!Eof)
        {
            var token = PullNext();
            switch (token.Kind)
            {
                case Kind.Include:
                    _includes.Add(new IncludeSite(path, _tokenStart));
                    break;
                case Kind.Key:
                    var keyPath = path.Append(token.Text).ToArray();
                    if (path is ["supervisor", "devices" or "groups"])
                        _entries.Add(new EntryDefinition(path[1], token.Text, _tokenStart));
                    ParseKeyContent(keyPath, depth);
                    if (!root) return;
                    break;
                case Kind.ObjectEnd:
                    return;
            }
        }
    }

    private void ParseKeyContent(IReadOnlyList<string> path, int depth)
    {
        while (!Eof)
        {
            switch (PullNext().Kind)
            {
                case Kind.Dot: ParseObject(root: false, path, depth + 1); return;
                case Kind.Assign: ParseValue(path, depth); return;
                case Kind.ObjectStart: ParseObject(root: true, path, depth + 1); return;
            }
        }
    }

    private void ParseValue(IReadOnlyList<string> path, int depth)
    {
        if (Eof) throw LeaveItToAkka(); // "End of file reached while trying to read a value"
        PullWhitespaceAndComments();
        while (IsValue())
        {
            if (At("{")) { _index++; ParseObject(root: true, path, depth + 1); }
            else if (At("\"\"\"")) PullTripleQuoted();
            else if (At("\"")) PullQuoted();
            else if (IsUnquotedText()) PullUnquotedText();
            else if (At("[")) { _index++; ParseArray(path, depth + 1); }
            else PullSubstitution();
            if (AtBeforeEnd(" ", "\t")) while (AtBeforeEnd(" ", "\t")) _index++;
        }
        if (At(",")) _index++;
    }

    private void ParseArray(IReadOnlyList<string> path, int depth)
    {
        Deeper(depth);
        while (!Eof && !At("]"))
        {
            var before = _index;
            ParseValue(path, depth);
            PullWhitespaceAndComments();
            if (_index == before)
                throw Fail($"`{Show(_text[_index])}` cannot stand inside a list [ … ]; a list holds values separated by commas (Akka's HOCON parser would never finish reading this)");
        }
        if (!Eof) _index++;
    }

    private void PullSubstitution()
    {
        _index += 2; // ${
        var start = _index;
        while (IsUnquotedText()) _index++;
        var name = _text[start.._index];
        if (name.Length == 0)
            throw Fail("a substitution needs a plain path, e.g. ${supervisor.data-dir}; Akka's HOCON parser does not support ${?optional}, ${\"quoted\"} or ${} " +
                       "(it would resolve them to the whole document)");
        if (!Eof) _index++; // the closing brace, or whatever stands there: Akka takes one character
    }

    private enum Kind { Dot, ObjectStart, ObjectEnd, Assign, Include, Key, ArrayStart, ArrayEnd, EoF }

    private readonly record struct Token(Kind Kind, string Text = "");

    private Token PullNext()
    {
        PullWhitespaceAndComments();
        _tokenStart = _index;
        if (At(".")) return Single(Kind.Dot);
        if (At("{")) return Single(Kind.ObjectStart);
        if (At("}")) return Single(Kind.ObjectEnd);
        if (AtBeforeEnd("=", ":")) return Single(Kind.Assign);
        if (TryPullInclude()) return new Token(Kind.Include);
        if (At("\"")) return new Token(Kind.Key, PullQuoted());
        if (IsUnquotedKeyStart())
        {
            var start = _index;
            while (!Eof && !IsStartOfComment() && !NotInUnquotedKey.Contains(_text[_index])) _index++;
            return new Token(Kind.Key, _text[start.._index].Trim());
        }
        if (At("[")) return Single(Kind.ArrayStart);
        if (At("]")) return Single(Kind.ArrayEnd);
        if (Eof) return new Token(Kind.EoF);
        throw LeaveItToAkka(); // "Unknown token at position …"
    }

    private Token Single(Kind kind)
    {
        _index++;
        return new Token(kind);
    }

    /// <summary>Akka peeks for <c>include "name"</c> and, when it is one, pulls the same text again: end up where it does.</summary>
    private bool TryPullInclude()
    {
        var start = _index;
        if (At("include"))
        {
            _index += "include".Length;
            if (IsWhitespace() || IsStartOfComment())
            {
                PullWhitespaceAndComments();
                if (At("\""))
                {
                    PullQuoted();
                    return true;
                }
            }
        }
        _index = start;
        return false;
    }

    private string PullQuoted()
    {
        _index++;
        var value = new System.Text.StringBuilder();
        while (!Eof && !At("\""))
        {
            if (At("\\")) value.Append(PullEscape());
            else value.Append(_text[_index++]);
        }
        if (!Eof) _index++;
        return value.ToString();
    }

    private string PullEscape()
    {
        _index++;
        if (Eof) throw LeaveItToAkka();
        var escaped = _text[_index++];
        switch (escaped)
        {
            case '"' or '\\' or '/': return escaped.ToString();
            case 'b': return "\b";
            case 'f': return "\f";
            case 'n': return "\n";
            case 'r': return "\r";
            case 't': return "\t";
            case 'u':
                if (_index + 4 > _text.Length || !int.TryParse(_text.AsSpan(_index, 4), System.Globalization.NumberStyles.HexNumber, null, out var code))
                    throw LeaveItToAkka();
                _index += 4;
                return ((char)code).ToString();
            default: throw LeaveItToAkka(); // "Unknown escape code"
        }
    }

    private void PullTripleQuoted()
    {
        _index += 3;
        while (!Eof && !At("\"\"\"")) _index++;
        _index = Math.Min(_text.Length, _index + 3);
    }

    private void PullUnquotedText()
    {
        while (IsUnquotedText()) _index++;
        if (AtBeforeEnd("=", ":")) throw LeaveItToAkka(); // "Could not parse an unquoted text value containing assignment character"
    }

    private void PullWhitespaceAndComments()
    {
        do
        {
            while (IsWhitespace()) _index++;
            while (IsStartOfComment())
            {
                while (!Eof && _text[_index] != '\n') _index++;
                if (!Eof) _index++;
            }
        } while (IsWhitespace());
    }

    private bool Eof => _index >= _text.Length;

    /// <summary>Akka's single-pattern match: the pattern may end the text.</summary>
    private bool At(string pattern) =>
        _index + pattern.Length <= _text.Length && string.CompareOrdinal(_text, _index, pattern, 0, pattern.Length) == 0;

    /// <summary>Akka's several-pattern match, which needs one more character after the pattern (so a final '=' or '#' is neither).</summary>
    private bool AtBeforeEnd(params string[] patterns) =>
        patterns.Any(p => _index + p.Length < _text.Length && string.CompareOrdinal(_text, _index, p, 0, p.Length) == 0);

    private bool IsWhitespace() => !Eof && char.IsWhiteSpace(_text[_index]);

    private bool IsStartOfComment() => AtBeforeEnd("#", "//");

    private bool IsUnquotedKeyStart() => !Eof && !IsWhitespace() && !IsStartOfComment() && !NotInUnquotedKey.Contains(_text[_index]);

    private bool IsUnquotedText() => !Eof && !IsWhitespace() && !IsStartOfComment() && !NotInUnquotedText.Contains(_text[_index]);

    private bool IsValue() => At("[") || At("{") || At("\"\"\"") || At("${") || At("\"") || IsUnquotedText();

    private static string Show(char c) => char.IsControl(c) ? $"\\u{(int)c:x4}" : c.ToString();
}
