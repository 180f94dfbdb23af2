using System.Collections.Immutable;
using System.Text;
using Supervisor.Domain.Nut;
using static Supervisor.Domain.Tests.Nut.NutTestFleet;

namespace Supervisor.Domain.Tests.Nut;

/// <summary>
/// Hostile client lines against the pure protocol: random, mutated valid requests and oversized ones. The promise: no
/// exception, every reply line is one line (no line break inside), and an error is one <c>ERR</c> word.
/// </summary>
public class NutProtocolFuzzTests
{
    private static readonly string[] Valid =
    [
        "VER", "NETVER", "HELP", "LIST UPS", "LIST VAR rack-a", "GET VAR rack-a ups.status", "GET UPSDESC rack-a", "GET NUMLOGINS rack-a",
        "LIST CMD rack-a", "USERNAME boss", "PASSWORD boss-pw", "LOGIN rack-a", "PRIMARY rack-a", "MASTER rack-a", "FSD rack-a", "LOGOUT",
        "STARTTLS", "LIST ENUM rack-a ups.status", "GET TYPE rack-a ups.status", "USERNAME nas", "PASSWORD nas-pw",
    ];

    private const string Alphabet = "VERGTLISUPAMOFDHNXCKWB rack-a.ups\"\\\t\r\n -_0123456789\u0000\u00e9\u2603\ud800";

    [Fact]
    public void Answer_should_never_throw_and_always_reply_with_whole_lines_for_ten_thousand_hostile_lines()
    {
        var random = new Random(20261207);
        var view = View(State(), exposeDevices: true, ImmutableDictionary<string, int>.Empty.Add("rack-a", 1));
        var session = new NutSession("198.51.100.7:4444");
        for (var i = 0; i < 12_000; i++)
        {
            var line = Line(random, i);
            NutAnswer answer;
            try { answer = NutProtocol.Answer(line, view, session); }
            catch (Exception e) { throw new Xunit.Sdk.XunitException($"line #{i} {Show(line)} threw {e}"); }
            Assert.All(answer.Lines, l => Assert.DoesNotContain('\n', l));
            if (answer.Lines.FirstOrDefault() is { } first && first.StartsWith("ERR", StringComparison.Ordinal))
                Assert.Matches("^ERR [A-Z-]+$", first);
            session = answer.Close ? new NutSession(session.Address) : answer.Session;
        }
    }

    /// <summary>FsCheck's strings (control characters, surrogates, nulls turned empty) straight in.</summary>
    [Property(MaxTest = 2_000)]
    public void Answer_should_never_throw_for_any_string(string? line)
    {
        var answer = NutProtocol.Answer(line ?? "", View(State()), new NutSession("x"));
        Assert.NotNull(answer.Session);
    }

    private static string Line(Random r, int i) => (i % 6) switch
    {
        0 => Random(r, r.Next(0, 80)),
        1 => Mutate(r, Valid[r.Next(Valid.Length)]),
        2 => Valid[r.Next(Valid.Length)] + " " + Random(r, r.Next(0, 10)),
        3 => new string('A', r.Next(1000, 70_000)),                       // oversized: one huge word
        4 => "GET VAR rack-a \"" + new string('x', r.Next(500, 5000)),      // an unterminated huge quote
        _ => string.Join(' ', Enumerable.Range(0, r.Next(1, 200)).Select(_ => Valid[r.Next(Valid.Length)])),
    };

    private static string Random(Random r, int length)
    {
        var sb = new StringBuilder();
        for (var k = 0; k < length; k++) sb.Append(Alphabet[r.Next(Alphabet.Length)]);
        return sb.ToString();
    }

    private static string Mutate(Random r, string s)
    {
        var chars = s.ToCharArray().ToList();
        for (var k = r.Next(1, 4); k > 0 && chars.Count > 0; k--)
        {
            var at = r.Next(chars.Count);
            switch (r.Next(3))
            {
                case 0: chars.RemoveAt(at); break;
                case 1: chars.Insert(at, Alphabet[r.Next(Alphabet.Length)]); break;
                default: chars[at] = Alphabet[r.Next(Alphabet.Length)]; break;
            }
        }
        return new string(chars.ToArray());
    }

    private static string Show(string line) => line.Length > 100 ? $"\"{line[..100]}…\" ({line.Length} chars)" : $"\"{line}\"";
}
