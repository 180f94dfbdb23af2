using Supervisor.Domain.Configuration;

namespace Supervisor.Configuration;

/// <summary>
/// Reads <c>supervisor.data-dir</c>. An empty value stays empty (the validator reports it) instead of silently
/// becoming the default: a node whose operator wrote <c>data-dir = ""</c> must not start on a directory they did
/// not choose. Quotes, <c>;</c> and <c>\</c> are ordinary path characters here; every place that puts the path
/// into a connection string or HOCON escapes it (SupervisorHocon).
/// </summary>
internal static class DataDirConfigReader
{
    public const string Key = "data-dir";

    public static string Read(HoconSection root)
    {
        var value = root.Find(Key, out var path) ?? throw new MissingDefaultException(root.KeyPath(Key), [root.Path]);
        if (!value.IsString())
        {
            root.Diag.Error(path, $"must be a directory path, not {HoconSection.Describe(value)}; write e.g. data-dir = \"/var/lib/supervisor\"");
            return root.ReferenceTwin().String(Key); // reference.conf's, so the rest is checked against a usable path
        }
        // A control character (NUL, a line break) is reported by SettingsValidator, with every other path field.
        return value.GetString()?.Trim() ?? "";
    }
}
