using Akka.Configuration;
using Akka.Configuration.Hocon;
using Supervisor.Domain.Configuration;

namespace Supervisor.Configuration;

/// <summary>
/// Turns HOCON into <see cref="SupervisorSettings"/>. Layering, lowest first: <see cref="ReferenceConfig"/>
/// (embedded reference.conf) &lt; cluster.hocon &lt; the user's file &lt; command-line flags; callers merge the
/// upper layers and pass the result in. Never throws for bad input: every problem found, in parsing and in
/// <see cref="SettingsValidator"/>, comes back as a <see cref="ConfigError"/> with its HOCON path.
/// Devices, groups and actions are returned in file order (Akka's HOCON keeps it); when several layers define
/// entries of the same map, the lower layer's ids come first.
/// </summary>
public static partial class SupervisorConfigLoader
{
    /// <summary>Name of the embedded resource holding reference.conf.</summary>
    public const string ReferenceResourceName = "Supervisor.reference.conf";

    private static readonly Lazy<Config> Reference = new(ReadReference);

    /// <summary>The defaults for every <c>supervisor.*</c> key (src/Supervisor.Configuration/reference.conf).</summary>
    public static Config ReferenceConfig => Reference.Value;

    /// <summary>Reads <c>supervisor</c> from an already-merged config; <see cref="ReferenceConfig"/> is added as the last fallback.</summary>
    public static ConfigLoadResult Load(Config merged) => Load(merged, baseDirectory: null);

    /// <summary>
    /// Reads and parses <paramref name="path"/>, layers it over <paramref name="fallback"/> (e.g. cluster.hocon) and
    /// <see cref="ReferenceConfig"/>, then <see cref="Load(Config)"/>s it. A missing file or a syntax error is one error
    /// whose path is the file name (with <c>:line:column</c> when the parser says where). A relative
    /// <c>password-file</c> is looked up next to this file.
    /// </summary>
    public static ConfigLoadResult LoadFile(string path, Config? fallback = null)
    {
        var parsed = ParseFile(path);
        if (parsed.Error is { } error) return new ConfigLoadResult(null, [error], []);
        var loaded = Load(fallback is null ? parsed.Config! : parsed.Config!.WithFallback(fallback), parsed.Directory);
        return loaded with { Warnings = [.. DuplicateEntries.Warnings(parsed), .. loaded.Warnings] };
    }

    /// <summary>A parsed user file, or the one error that kept it from parsing.</summary>
    public sealed record ParsedFile(Config? Config, ConfigError? Error, string? Directory)
    {
        /// <summary>Where each device and group id is written (included files too), for <see cref="DuplicateEntries"/>.</summary>
        public IReadOnlyList<EntryLocation> Entries { get; init; } = [];
    }

    /// <summary>
    /// Reads and parses one HOCON file without layering it: the node layers it between cluster.hocon and the
    /// command-line flags itself. A missing file or a syntax error is one <see cref="ConfigError"/> whose path is
    /// the file name (with <c>:line:column</c> when the parser says where).
    /// </summary>
    public static ParsedFile ParseFile(string path) => HoconFileParser.Parse(path);

    /// <summary>Like <see cref="Load(Config)"/>; a relative <c>password-file</c> (or TLS file) is looked up in <paramref name="baseDirectory"/> when given.</summary>
    public static ConfigLoadResult Load(Config merged, string? baseDirectory)
    {
        var diag = new ConfigDiagnostics();
        try
        {
            var full = ReferenceEquals(merged, ReferenceConfig) ? merged : merged.WithFallback(ReferenceConfig);
            var root = full.GetValue(ConfigPath.Root);
            if (root is null || !root.IsObject())
            {
                diag.Error(ConfigPath.Root, "must be an object: supervisor { devices { … }, groups { … } }");
                return diag.ToResult(null);
            }
            var settings = Read(new HoconSection(ConfigPath.Root, root.GetObject(), diag), baseDirectory);
            diag.AddValidationErrors(SettingsValidator.Validate(settings));
            diag.AddWarnings(SettingsValidator.ValidateWarnings(settings));
            return diag.ToResult(settings);
        }
        catch (Exception e)
        {
            // Only a bug in the loader gets here; still report it instead of crashing `supervisor validate`.
            diag.Error(ConfigPath.Root, $"could not read the config ({e.GetType().Name}: {e.Message}); this is a bug, please report it with your config");
            return diag.ToResult(null);
        }
    }

    private static SupervisorSettings Read(HoconSection root, string? baseDirectory)
    {
        var defaults = new DefaultLayers(ObjectOrNull(root.Find("defaults", out _)));
        var dataDir = DataDirConfigReader.Read(root);
        var devices = DeviceConfigReader.Read(MapOrNull(root, "devices"), defaults, root.Diag, baseDirectory);
        var groups = GroupConfigReader.Read(MapOrNull(root, "groups"), defaults, root.Diag);
        var agent = AgentConfigReader.Read(root.Find("agent", out _), dataDir, defaults, root.Diag, baseDirectory);
        var journal = JournalConfigReader.Read(root, baseDirectory);
        var tls = TlsConfigReader.Read(root.Find("tls", out _), baseDirectory, root.Diag, DateTimeOffset.UtcNow);
        var placement = PlacementConfigReader.Read(root);
        var stats = StatsConfigReader.Read(root);
        var notifications = NotificationConfigReader.Read(root, baseDirectory);
        var log = LogConfigReader.Read(root);
        var alerts = AlertConfigReader.Read(root, defaults, notifications.Channels.Select(c => c.Id).ToList());
        var http = HttpConfigReader.Read(root, baseDirectory);
        var nutServer = NutServerConfigReader.Read(root, baseDirectory);
        var mqtt = MqttConfigReader.Read(root, baseDirectory);
        root.WarnUnknownKeys(TopLevelKeys());
        return new SupervisorSettings(dataDir, devices, groups, agent)
            { Journal = journal, Tls = tls, Placement = placement, Stats = stats, Notifications = notifications, Log = log, Alerts = alerts, Http = http, NutServer = nutServer, Mqtt = mqtt };
    }

    /// <summary>Top-level keys: whatever reference.conf defines (so other modules' keys count as known) plus agent.</summary>
    private static string[] TopLevelKeys() =>
        ObjectOrNull(ReferenceConfig.GetValue(ConfigPath.Root))?.Items.Keys.Append("agent").ToArray() ?? ["agent"];

    private static HoconObject? MapOrNull(HoconSection root, string key)
    {
        var value = root.Find(key, out var path);
        if (value is null || value.IsObject()) return ObjectOrNull(value);
        root.Diag.Error(path, $"must be a map of id -> settings, not {HoconSection.Describe(value)}; write e.g. {key} {{ my-id {{ … }} }}");
        return null;
    }

    private static HoconObject? ObjectOrNull(HoconValue? value) => value is not null && value.IsObject() ? value.GetObject() : null;

    private static Config ReadReference()
    {
        using var stream = typeof(SupervisorConfigLoader).Assembly.GetManifestResourceStream(ReferenceResourceName)
            ?? throw new InvalidOperationException($"Embedded resource {ReferenceResourceName} is missing from Supervisor.Configuration (build problem).");
        using var reader = new StreamReader(stream);
        return ConfigurationFactory.ParseString(reader.ReadToEnd());
    }
}
