using System.Globalization;
using Supervisor.Domain.Alerts;
using Supervisor.Domain.Configuration;
using Supervisor.Domain.Notifications.Outbox;

namespace Supervisor.Configuration;

/// <summary>
/// The notifier's own keys: <c>coalesce</c>, <c>retry { first, max, give-up-after }</c>, <c>power-events { no-comm-after,
/// voltage { … } }</c>, and suppression (<c>mute</c>, <c>quiet-hours</c>) globally and per channel. Defaults in reference.conf.
/// </summary>
internal static partial class NotificationConfigReader
{
    private static readonly string[] DeliveryKeys = ["channels", "coalesce", "retry", "power-events", "mute", "quiet-hours"];

    /// <summary>Keys a channel may have for its own suppression.</summary>
    private static readonly string[] SuppressionKeys = ["mute", "quiet-hours"];

    private static NotificationSettings WithDelivery(NotificationSettings settings, HoconSection n, IReadOnlyDictionary<string, Suppression> channelSuppression)
    {
        var retry = n.DefaultedChild("retry");
        retry.WarnUnknownKeys(["first", "max", "give-up-after"]);
        var (first, max, giveUp) = (Positive(retry, "first"), Positive(retry, "max"), Positive(retry, "give-up-after"));
        if (max < first) n.Diag.Error(retry.KeyPath("max"), $"must be at least retry.first ({first.TotalSeconds:0}s); write e.g. max = 5m");
        var power = n.DefaultedChild("power-events");
        power.WarnUnknownKeys(["no-comm-after", "voltage"]);
        var voltage = power.DefaultedChild("voltage");
        voltage.WarnUnknownKeys(["low-percent", "high-percent", "clear-margin-percent", "nominal"]);
        var coalesce = n.Duration("coalesce");
        if (coalesce < TimeSpan.Zero || coalesce > TimeSpan.FromMinutes(2))
            n.Diag.Error(n.KeyPath("coalesce"), "must be between 0s (off) and 2m: ONBATT waits this long for its ONLINE; write e.g. coalesce = 10s");
        return settings with
        {
            Coalesce = coalesce,
            Retry = new OutboxRetryPolicy(first, max < first ? first : max, giveUp),
            PowerEvents = new PowerEventSettings(Positive(power, "no-comm-after"), new VoltageSettings(
                Percent(voltage, "low-percent"), Percent(voltage, "high-percent"), Percent(voltage, "clear-margin-percent"),
                voltage.OptionalNumberOrOff("nominal"))),
            Policy = new NotificationPolicySettings(Suppression(n), channelSuppression),
        };
    }

    /// <summary>A channel's own <c>mute</c> / <c>quiet-hours</c>; null when it has neither.</summary>
    private static Suppression? ChannelSuppression(HoconSection own) =>
        own.HasOwn("mute") || own.HasOwn("quiet-hours") ? Suppression(own) : null;

    private static Suppression Suppression(HoconSection s) =>
        new(s.StringList("mute", "[COMMBAD, \"node.*\"]") ?? [], QuietHours(s));

    private static QuietHours? QuietHours(HoconSection s)
    {
        if (!s.Has("quiet-hours")) return null;
        if (s.Child("quiet-hours") is not { } q)
        {
            s.Diag.Error(s.KeyPath("quiet-hours"), "must be a block; write e.g. quiet-hours { from = \"22:00\", to = \"07:00\", time-zone = \"Europe/Berlin\" }");
            return null;
        }
        q.WarnUnknownKeys(["from", "to", "time-zone"]);
        var from = Time(q, "from");
        var to = Time(q, "to");
        var zoneId = q.OptionalString("time-zone") ?? "UTC";
        var zone = ConfigTimeZone.Find(q, "time-zone", zoneId);
        return from is { } f && to is { } t && zone is not null ? new QuietHours(f, t, zone) : null;
    }

    private static TimeOnly? Time(HoconSection q, string key)
    {
        var text = q.OptionalString(key);
        if (text is not null && TimeOnly.TryParseExact(text, ["H:mm", "HH:mm"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var t)) return t;
        q.Diag.Error(q.KeyPath(key), text is null ? $"missing; write e.g. {key} = \"22:00\"" : $"\"{Domain.Text.ForeignText.Escape(text)}\" is not a time of day; write e.g. {key} = \"22:00\"");
        return null;
    }

    /// <summary>A defaulted duration that must be above zero (reported at its key; 1 s stands in so reading goes on).</summary>
    private static TimeSpan Positive(HoconSection s, string key, string example = "30s")
    {
        var d = s.Duration(key);
        if (d > TimeSpan.Zero) return d;
        s.Diag.Error(s.KeyPath(key), $"must be longer than 0s; write e.g. {key} = {example}");
        return TimeSpan.FromSeconds(1);
    }

    private static double Percent(HoconSection s, string key)
    {
        var v = s.Number(key);
        if (v is > 0 and < 100) return v;
        s.Diag.Error(s.KeyPath(key), $"must be a percentage between 0 and 100; write e.g. {key} = 10");
        return 10;
    }
}
