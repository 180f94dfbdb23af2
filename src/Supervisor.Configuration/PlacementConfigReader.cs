using Supervisor.Domain.Configuration;

namespace Supervisor.Configuration;

/// <summary>Reads <c>supervisor.placement { mode = singleton | sharded, partitions = 30 }</c>.</summary>
internal static class PlacementConfigReader
{
    private static readonly string[] Keys = ["mode", "partitions"];

    private static readonly IReadOnlyDictionary<string, PlacementMode> Modes = ConfigMaps.LowerCaseNames<PlacementMode>();

    public static PlacementSettings Read(HoconSection root)
    {
        var s = root.DefaultedChild("placement");
        var mode = s.Enum("mode", Modes);
        var partitions = s.Int("partitions");
        s.WarnUnknownKeys(Keys);
        return new PlacementSettings(mode, partitions);
    }
}
