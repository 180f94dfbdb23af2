using Supervisor.Domain.Configuration;

namespace Supervisor.Configuration;

/// <summary>Reads <c>supervisor.log { akka-level = warning }</c>.</summary>
internal static class LogConfigReader
{
    private static readonly string[] Keys = ["akka-level"];

    private static readonly IReadOnlyDictionary<string, AkkaLogLevel> Levels = ConfigMaps.LowerCaseNames<AkkaLogLevel>();

    public static LogSettings Read(HoconSection root)
    {
        var s = root.DefaultedChild("log");
        var level = s.Enum("akka-level", Levels);
        s.WarnUnknownKeys(Keys);
        return new LogSettings(level);
    }
}
