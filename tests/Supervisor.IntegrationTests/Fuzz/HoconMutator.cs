using System.Text;

namespace Supervisor.IntegrationTests.Fuzz;

/// <summary>
/// Makes broken configs from good ones, deterministically from a seeded <see cref="Random"/>: deletes, duplicates
/// and swaps tokens, puts values of the wrong type, huge numbers, unicode and control bytes where values were,
/// nests deeply, adds substitutions (cycles too) and includes, and cuts files short. Also writes configs from
/// scratch out of the keys Supervisor knows, so the fuzz reaches the readers and the validator, not only the parser.
/// </summary>
internal sealed partial class HoconMutator(Random random)
{
    private static readonly string[] Values =
    [
        "off", "on", "yes", "-1", "0", "1", "3493", "70000", "2147483648", "-9223372036854775809", "1e400", "NaN", "-0.0", "1.5",
        "2s", "0s", "-5s", "500ms", "infinite", "99999999999999d", "9999999999999999999999999999s", "2 parsecs", "1d", "3651d",
        "\"\"", "null", "[]", "{}", "[1, 2]", "{ a = 1 }", "[ { name = x } ]", "[[[]]]", "\"ünïcødé ✓ 電源\"", "\"\\u001b[31mred\"",
        "\"a\\nb\"", "\"bell\\u0007\"", "\"nul\\u0000x\"", "\"\\u202eevil\"", "\"\\r\\nforged line\"", "nut", "simulated", "kasa", "shelly",
        "modbus", "apcupsd", "nutt", "sharded", "singleton", "postgresql", "\"Host=;;=x\"", "\"Host=db;Password=p;w\"", "critical",
        "healthy", "auto", "abort", "continue", "[ups-a, ups-a]", "[ups-zz]", "${supervisor.data-dir}", "${supervisor}", "${akka}",
        "${nope}", "${?nope}", "${}", "\"\"\"triple\"\"\"", "\"unterminated", "'single'", "\\", "$", "`", "#", "//", "=", ":",
    ];

    private static readonly string[] Keys =
    [
        "driver", "host", "port", "ups", "username", "password", "password-file", "password-env", "poll-interval", "stale-after",
        "timeout", "stabilize", "triggers", "charge", "runtime", "depletion", "rate", "window", "grace", "on-battery", "fsd",
        "low-battery", "low-battery-guard", "offline-after-failures", "battery-capacity-wh", "capacity-watts", "warning-watts",
        "dead-watts", "watts-direction", "kind", "min-voltage", "profile", "outage-at", "members", "min-healthy", "degraded-counts-as",
        "unknown-counts-as", "startup-grace", "rearm-after", "shutdown", "phases", "steps", "name", "action", "irreversible",
        "safety-margin", "on-power-restored", "retry-interval", "command", "dry-run", "action-log", "actions", "enabled",
        "certificate", "ca-certificate", "mode", "partitions", "provider", "connection-string", "outlet", "channel", "model",
        "registers", "unit-id", "\"ups.a\"", "\"with space\"", "\"\\u001b\"", "ups-a", "rack",
    ];

    private static readonly string[] Insertions =
    [
        "include \"missing.conf\"\n", "include \"case.conf\"\n", "a = ${b}\nb = ${a}\n", "supervisor.x = ${supervisor.x}\n",
        "supervisor.devices.ups-a = ${supervisor.devices}\n", "akka.loglevel = LOUD\n", "akka.remote.dot-netty.tcp.port = -1\n",
        "akka.cluster.roles = [king]\n", "akka.cluster.seed-nodes = [\"foo://bar@baz:1\"]\n", "supervisor { devices { ups-a { driver = nut } }, x = 1 }\n",
        "\u0000", "\u001b[2J", "\u0007", "\r", "\uFEFF", "\uD800", "\u2028", "\"", "}", "{", "[", "]", ",", "=", "${", ".", "..",
    ];

    [GeneratedRegex("\"\"\"[\\s\\S]*?\"\"\"|\"(?:[^\"\\\\\\n]|\\\\.)*\"|\\$\\{[^}\\n]*\\}|#[^\\n]*|//[^\\n]*|[{}\\[\\],=:]|\\s+|[^\\s{}\\[\\],=:\"#]+|.")]
    private static partial Regex TokenPattern();

    public string Mutate(string text)
    {
        var tokens = TokenPattern().Matches(text).Select(m => m.Value).ToList();
        var rounds = 1 + random.Next(4);
        for (var r = 0; r < rounds && tokens.Count > 0; r++)
        {
            var i = random.Next(tokens.Count);
            switch (random.Next(9))
            {
                case 0: tokens.RemoveAt(i); break;
                case 1: tokens.Insert(i, tokens[i]); break;
                case 2:
                    var j = random.Next(tokens.Count);
                    (tokens[i], tokens[j]) = (tokens[j], tokens[i]);
                    break;
                case 3 or 4: tokens[ValueIndex(tokens, i)] = Pick(Values); break;
                case 5: tokens.Insert(i, Deep()); break;
                case 6: tokens.Insert(i, Pick(Insertions)); break;
                case 7: tokens.Insert(i, ((char)random.Next(0, 0x3000)).ToString()); break;
                default: tokens.RemoveRange(i, tokens.Count - i); break;
            }
        }
        return string.Concat(tokens);
    }

    /// <summary>A config written from the known keys with random shapes and values: mostly well-formed, often wrong.</summary>
    public string Generate()
    {
        var sb = new StringBuilder("supervisor {\n  devices {\n");
        var devices = 1 + random.Next(4);
        for (var d = 0; d < devices; d++)
        {
            sb.Append($"    ups-{(char)('a' + random.Next(3))} {{ driver = {Pick(["nut", "simulated", "kasa", "shelly", "modbus", "apcupsd", "x"])}");
            for (var k = random.Next(6); k > 0; k--) sb.Append($", {Pick(Keys)} = {Value()}");
            sb.Append(" }\n");
        }
        sb.Append("  }\n  groups.rack {\n    members = [ups-a, ups-b]\n");
        for (var k = random.Next(5); k > 0; k--) sb.Append($"    {Pick(Keys)} = {Value()}\n");
        sb.Append("    shutdown.phases = [ { name = local-host, steps = [ { host = hv-1, action = sync");
        for (var k = random.Next(3); k > 0; k--) sb.Append($", {Pick(Keys)} = {Value()}");
        sb.Append(" } ] } ]\n  }\n  agent { host = hv-1, actions { sync { command = [\"sync\"] } } }\n");
        for (var k = random.Next(3); k > 0; k--) sb.Append($"  {Pick(["journal", "placement", "tls", "defaults.device", "defaults.group"])}.{Pick(Keys)} = {Value()}\n");
        sb.Append("}\n");
        return sb.ToString();
    }

    /// <summary>A value: usually a scalar from the pool, sometimes a nested object of more keys.</summary>
    private string Value(int depth = 0) =>
        depth < 3 && random.Next(5) == 0 ? $"{{ {Pick(Keys)} = {Value(depth + 1)}, {Pick(Keys)} = {Value(depth + 1)} }}" : Pick(Values);

    private string Deep()
    {
        var n = random.Next(2) == 0 ? random.Next(2, 80) : random.Next(200, 20_000);
        return random.Next(3) switch
        {
            0 => "a = " + new string('[', n) + new string(']', random.Next(n + 1)),
            1 => string.Concat(Enumerable.Repeat("x { ", n)) + new string('}', random.Next(n + 1)),
            _ => string.Join(".", Enumerable.Repeat("k", n)) + " = 1\n",
        };
    }

    /// <summary>The token at or after <paramref name="i"/> that follows a '=' (a value), or <paramref name="i"/> itself.</summary>
    private static int ValueIndex(List<string> tokens, int i)
    {
        for (var k = i; k < tokens.Count - 1; k++)
            if (tokens[k] is "=" or ":")
                return tokens[k + 1].Trim().Length == 0 && k + 2 < tokens.Count ? k + 2 : k + 1;
        return i;
    }

    private string Pick(string[] items) => items[random.Next(items.Length)];
}
