using System.Globalization;

namespace Supervisor.Domain.Metrics;

/// <summary>The two text expositions a scraper may ask for: Prometheus text 0.0.4, or OpenMetrics 1.0 (what Prometheus asks for first).</summary>
public enum MetricsTextFormat
{
    Prometheus,
    OpenMetrics,
}

/// <summary>
/// The pieces of the Prometheus text exposition (and OpenMetrics, where it differs), written straight into a
/// <see cref="TextWriter"/> without building strings: a scrape of 10 000 devices writes ~270 000 lines. Spelt as
/// prometheus-net spells them, so a series looks the same whichever of the two wrote it. Pure: the caller owns the writer.
/// </summary>
public static class PrometheusText
{
    public const string PrometheusContentType = "text/plain; version=0.0.4; charset=utf-8";
    public const string OpenMetricsContentType = "application/openmetrics-text; version=1.0.0; charset=utf-8";

    /// <summary>OpenMetrics when the scraper's Accept header offers it (Prometheus does, first), else the 0.0.4 text.</summary>
    public static MetricsTextFormat Negotiate(string? accept) =>
        accept is not null && accept.Contains("application/openmetrics-text", StringComparison.OrdinalIgnoreCase) ? MetricsTextFormat.OpenMetrics : MetricsTextFormat.Prometheus;

    public static string ContentType(MetricsTextFormat format) => format == MetricsTextFormat.OpenMetrics ? OpenMetricsContentType : PrometheusContentType;

    /// <summary>
    /// One family's <c># HELP</c> and <c># TYPE</c> lines. OpenMetrics names a counter's family without its
    /// <c>_total</c> suffix (its samples keep it).
    /// </summary>
    public static void WriteHeader(TextWriter output, MetricSpec spec, string type, MetricsTextFormat format)
    {
        var name = format == MetricsTextFormat.OpenMetrics && type == "counter" && spec.Name.EndsWith("_total", StringComparison.Ordinal)
            ? spec.Name[..^"_total".Length]
            : spec.Name;
        output.Write("# HELP ");
        output.Write(name);
        output.Write(' ');
        WriteEscaped(output, spec.Help, escapeQuote: false);
        output.Write("\n# TYPE ");
        output.Write(name);
        output.Write(' ');
        output.Write(type);
        output.Write('\n');
    }

    /// <summary>A label value: backslash, double quote and line feed escaped as the format requires.</summary>
    public static void WriteLabelValue(TextWriter output, string value) => WriteEscaped(output, value, escapeQuote: true);

    /// <summary>
    /// A sample value and the line's end: the shortest text that reads back as the same double (<c>NaN</c>, <c>+Inf</c>,
    /// <c>-Inf</c> as the format spells them); OpenMetrics writes a whole number with <c>.0</c>, as prometheus-net does.
    /// </summary>
    public static void WriteValueLine(TextWriter output, double value, MetricsTextFormat format)
    {
        output.Write(' ');
        if (double.IsNaN(value)) output.Write("NaN");
        else if (double.IsPositiveInfinity(value)) output.Write("+Inf");
        else if (double.IsNegativeInfinity(value)) output.Write("-Inf");
        else
        {
            Span<char> text = stackalloc char[32];
            value.TryFormat(text, out var length, default, CultureInfo.InvariantCulture);
            output.Write(text[..length]);
            if (format == MetricsTextFormat.OpenMetrics && text[..length].IndexOfAny('.', 'E') < 0) output.Write(".0");
        }
        output.Write('\n');
    }

    /// <summary>Writes the runs between escapes as spans: no string is built for a value that needs no escaping (nearly all).</summary>
    private static void WriteEscaped(TextWriter output, string value, bool escapeQuote)
    {
        var rest = value.AsSpan();
        while (true)
        {
            var at = escapeQuote ? rest.IndexOfAny('\\', '"', '\n') : rest.IndexOfAny('\\', '\n');
            if (at < 0)
            {
                output.Write(rest);
                return;
            }
            output.Write(rest[..at]);
            output.Write(rest[at] switch
            {
                '\\' => @"\\",
                '"' => "\\\"",
                _ => @"\n",
            });
            rest = rest[(at + 1)..];
        }
    }
}
