using System.Text;

namespace Supervisor.Domain.Notifications;

/// <summary>
/// A channel's <c>title</c> / <c>message</c> template: text with <c>{kind}</c>, <c>{severity}</c>, <c>{subject}</c>,
/// <c>{title}</c>, <c>{message}</c> and <c>{field.&lt;name&gt;}</c> placeholders; <c>{{</c> and <c>}}</c> are literal
/// braces. <see cref="Problems"/> is what <c>validate</c> reports, so a template that renders at run time can hold no
/// unknown placeholder. A field the notification lacks renders as nothing (not every event has a charge).
/// </summary>
public static class MessageTemplate
{
    /// <summary>The placeholders besides <c>{field.&lt;name&gt;}</c>.</summary>
    public static readonly IReadOnlyList<string> Placeholders = ["kind", "severity", "subject", "title", "message"];

    private const string FieldPrefix = "field.";

    /// <summary>What is wrong with <paramref name="template"/> (an unknown placeholder, an unclosed brace); empty when fine.</summary>
    public static IReadOnlyList<string> Problems(string template)
    {
        var problems = new List<string>();
        Walk(template, _ => { }, name =>
        {
            if (!IsKnown(name))
                problems.Add($"unknown placeholder {{{name}}}; use {string.Join(", ", Placeholders.Select(p => $"{{{p}}}"))} or {{field.<name>}} (write {{{{ for a literal brace)");
            return "";
        }, problems.Add);
        return problems;
    }

    /// <summary>The template with every placeholder replaced from <paramref name="n"/>.</summary>
    public static string Render(string template, Notification n)
    {
        var sb = new StringBuilder(template.Length + 64);
        Walk(template, c => sb.Append(c), name => Value(name, n), _ => { });
        return sb.ToString();
    }

    private static bool IsKnown(string name) =>
        Placeholders.Contains(name) || (name.StartsWith(FieldPrefix, StringComparison.Ordinal) && name.Length > FieldPrefix.Length);

    private static string Value(string name, Notification n) => name switch
    {
        "kind" => n.Kind,
        "severity" => n.Severity.ToString().ToLowerInvariant(),
        "subject" => n.Subject.Id,
        "title" => n.Title,
        "message" => n.Message,
        _ when name.StartsWith(FieldPrefix, StringComparison.Ordinal) => n.Fields.TryGetValue(name[FieldPrefix.Length..], out var v) ? v : "",
        _ => "",
    };

    /// <summary>One pass over the template: literal characters, placeholders and syntax problems, in order.</summary>
    private static void Walk(string template, Action<string> literal, Func<string, string> placeholder, Action<string> problem)
    {
        for (var i = 0; i < template.Length; i++)
        {
            var c = template[i];
            if (c == '{' && i + 1 < template.Length && template[i + 1] == '{') { literal("{"); i++; continue; }
            if (c == '}' && i + 1 < template.Length && template[i + 1] == '}') { literal("}"); i++; continue; }
            if (c == '}') { problem($"a lone }} at position {i + 1}; write }}}} for a literal brace"); literal("}"); continue; }
            if (c != '{') { literal(c.ToString()); continue; }
            var end = template.IndexOf('}', i + 1);
            if (end < 0) { problem($"the {{ at position {i + 1} is never closed; write {{{{ for a literal brace"); literal(template[i..]); return; }
            literal(placeholder(template[(i + 1)..end].Trim()));
            i = end;
        }
    }
}
