using Supervisor.Domain.Configuration;
using Supervisor.Domain.Events;
using Supervisor.Domain.Notifications;

namespace Supervisor.Notifications.Channels;

/// <summary>A notification's headline and body as one channel shows them (its templates applied).</summary>
public sealed record RenderedText(string Title, string Message)
{
    /// <summary>The notification's own title and message, or the channel's templates over them.</summary>
    public static RenderedText Of(Notification n, MessageTemplates templates) =>
        new(templates.Title is { } t ? MessageTemplate.Render(t, n) : n.Title,
            templates.Message is { } m ? MessageTemplate.Render(m, n) : n.Message);

    /// <summary>Title and message in one text, for channels with a single text field (Telegram, Slack).</summary>
    public string Joined(string titleFormat = "{0}") =>
        Title.Length == 0 ? Message : Message.Length == 0 ? string.Format(titleFormat, Title) : string.Format(titleFormat, Title) + "\n" + Message;
}

/// <summary>Severity in each receiver's own scale.</summary>
internal static class SeverityScales
{
    /// <summary>ntfy priority 1–5: default, high, urgent (urgent vibrates and pops over everything).</summary>
    public static int Ntfy(EventSeverity s) => s switch { EventSeverity.Critical => 5, EventSeverity.Warning => 4, _ => 3 };

    /// <summary>Gotify priority 0–10; the Android app notifies from 4 and alerts loudly from 8.</summary>
    public static int Gotify(EventSeverity s) => s switch { EventSeverity.Critical => 8, EventSeverity.Warning => 6, _ => 4 };

    /// <summary>Apprise notification type.</summary>
    public static string Apprise(EventSeverity s) => s switch { EventSeverity.Critical => "failure", EventSeverity.Warning => "warning", _ => "info" };

    /// <summary>Discord embed colour (red, amber, blue).</summary>
    public static int DiscordColour(EventSeverity s) => s switch { EventSeverity.Critical => 0xD32F2F, EventSeverity.Warning => 0xF9A825, _ => 0x1976D2 };

    /// <summary>As config and templates spell it.</summary>
    public static string Name(EventSeverity s) => s.ToString().ToLowerInvariant();
}
