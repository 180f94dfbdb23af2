namespace Supervisor.Configuration;

/// <summary>A <c>time-zone</c> key (quiet hours, alert schedules): an IANA id the host knows, or an error at the key.</summary>
internal static class ConfigTimeZone
{
    public static TimeZoneInfo? Find(HoconSection s, string key, string zoneId)
    {
        try { return TimeZoneInfo.FindSystemTimeZoneById(zoneId); }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            s.Diag.Error(s.KeyPath(key), $"\"{Domain.Text.ForeignText.Escape(zoneId)}\" is not a time zone this host knows; write an IANA id, e.g. {key} = \"Europe/Berlin\"");
            return null;
        }
    }
}
