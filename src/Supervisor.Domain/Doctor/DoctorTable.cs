using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Supervisor.Domain.Text;

namespace Supervisor.Domain.Doctor;

/// <summary>
/// Renders a <see cref="DoctorReport"/> as the one table <c>supervisor doctor</c> prints, or as its JSON. Plain text
/// (no colour, no box drawing) so it reads the same in a terminal, a pipe, a ticket and a log. A row's fix goes on
/// the line below its detail, indented under it, so long fixes never widen the table.
/// </summary>
public static class DoctorTable
{
    private const string Gap = "  ";

    public static string Render(DoctorReport report)
    {
        var rows = report.Checks.Select(c => (Result: Label(c.Status), Check: Clean(c.Check), Detail: Clean(c.Detail), Fix: c.Fix is null ? null : Clean(c.Fix))).ToList();
        var resultWidth = Math.Max("RESULT".Length, rows.Count == 0 ? 0 : rows.Max(r => r.Result.Length));
        var checkWidth = Math.Max("CHECK".Length, rows.Count == 0 ? 0 : rows.Max(r => r.Check.Length));
        var indent = new string(' ', resultWidth + checkWidth + 2 * Gap.Length);
        var text = new StringBuilder();
        text.Append("RESULT".PadRight(resultWidth)).Append(Gap).Append("CHECK".PadRight(checkWidth)).Append(Gap).Append("DETAIL").Append('\n');
        foreach (var r in rows)
        {
            text.Append(r.Result.PadRight(resultWidth)).Append(Gap).Append(r.Check.PadRight(checkWidth)).Append(Gap).Append(r.Detail).Append('\n');
            if (r.Fix is not null) text.Append(indent).Append("fix: ").Append(r.Fix).Append('\n');
        }
        text.Append(report.Summary).Append('\n');
        return text.ToString();
    }

    /// <summary>The same rows as JSON: <c>{ "ok": false, "summary": "…", "checks": [ { "check", "status": "ok|warn|fail", "detail", "fix" } ] }</c>.</summary>
    public static string Json(DoctorReport report) => JsonSerializer.Serialize(
        new JsonReport(!report.Failed, report.Summary, report.Checks.Select(c => new JsonCheck(c.Check, Label(c.Status).ToLowerInvariant(), c.Detail, c.Fix)).ToList()),
        Options);

    public static string Label(CheckStatus status) => status switch
    {
        CheckStatus.Ok => "OK",
        CheckStatus.Warn => "WARN",
        _ => "FAIL",
    };

    // Details quote what devices and servers said: one line each, no control characters that could rewrite the terminal.
    private static string Clean(string s) => ForeignText.Escape(s.ReplaceLineEndings(" "));

    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase, WriteIndented = true, DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping, // a terminal, not a web page: keep ` and + readable
    };

    private sealed record JsonReport(bool Ok, string Summary, IReadOnlyList<JsonCheck> Checks);

    private sealed record JsonCheck(string Check, string Status, string Detail, string? Fix);
}
