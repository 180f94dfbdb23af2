using System.Globalization;
using Supervisor.Domain.Nut;

namespace Supervisor.Domain.Agents.Actions;

/// <summary>
/// Pure rules of <c>type = nut-fsd</c>: reading <c>NUMLOGINS</c>, counting the secondaries in it (every login but
/// our own), and the one-line summaries the step reports.
/// </summary>
public static class NutFsdProgress
{
    /// <summary>The count from <c>NUMLOGINS &lt;ups&gt; &lt;n&gt;</c>, or null with <paramref name="problem"/> quoting the line.</summary>
    public static int? ParseNumLogins(string line, string ups, out string? problem)
    {
        problem = null;
        var words = new List<NutWord>();
        var error = NutWords.Split(line, words);
        if (error is null && words.Count == 3 && words[0] is { Quoted: false, Text: "NUMLOGINS" } && words[1].Text == ups &&
            int.TryParse(words[2].Text, NumberStyles.None, CultureInfo.InvariantCulture, out var count))
            return count;
        problem = $"expected \"NUMLOGINS {ups} <count>\", got {Show(line)}";
        return null;
    }

    /// <summary>Secondaries among <paramref name="numLogins"/>: every login but ours (when we are logged in).</summary>
    public static int Secondaries(int numLogins, bool weAreLoggedIn) => Math.Max(0, numLogins - (weAreLoggedIn ? 1 : 0));

    /// <summary>"FSD set; 1 of 1 secondaries logged out after 6s", or what is still logged in at the timeout.</summary>
    public static string Summary(int before, int left, TimeSpan elapsed, TimeSpan timeout)
    {
        if (before == 0) return "FSD set; no secondaries were logged in, so none had to leave";
        var gone = Math.Max(0, before - left);
        return left == 0
            ? $"FSD set; {gone} of {before} secondaries logged out after {Seconds(elapsed)}"
            : $"FSD set; {gone} of {before} secondaries logged out, {left} still logged in after the {Seconds(timeout)} timeout";
    }

    /// <summary>Dry-run: what FSD would reach, without logging in.</summary>
    public static string ProbeSummary(string ups, string endpoint, string user, int secondaries) =>
        $"dry-run: upsd at {endpoint} accepts user \"{user}\" and serves UPS \"{ups}\"; FSD would tell {secondaries} " +
        $"secondar{(secondaries == 1 ? "y" : "ies")} logged in now to shut down";

    private static string Seconds(TimeSpan t) => $"{Math.Round(t.TotalSeconds):0}s";

    private static string Show(string line) =>
        "\"" + new string((line.Length > 80 ? line[..80] : line).Select(c => char.IsControl(c) ? '?' : c).ToArray()) + "\"";
}
