using Akka.Configuration.Hocon;

namespace Supervisor.Configuration;

/// <summary>The <c>supervisor.defaults.*</c> objects (reference.conf, overridable by the user) as layers for <see cref="HoconSection"/>.</summary>
internal sealed class DefaultLayers(HoconObject? defaults)
{
    public const string Path = "supervisor.defaults";

    public (HoconObject? Obj, string Path) Device => Layer("device");
    public (HoconObject? Obj, string Path) Group => Layer("group");
    public (HoconObject? Obj, string Path) Step => Layer("step");
    public (HoconObject? Obj, string Path) Agent => Layer("agent");
    public (HoconObject? Obj, string Path) Action => Layer("action");
    public (HoconObject? Obj, string Path) AlertRule => Layer("alert-rule");

    /// <summary><c>supervisor.defaults.actions.&lt;type&gt;</c>, e.g. <c>supervisor.defaults.actions.libvirt</c>.</summary>
    public (HoconObject? Obj, string Path) ActionType(string type) =>
        defaults is not null && defaults.Items.TryGetValue("actions", out var a) && a.IsObject() && a.GetObject().Items.TryGetValue(type, out var v) && v.IsObject()
            ? (v.GetObject(), $"{Path}.actions.{type}")
            : (null, $"{Path}.actions.{type}");

    /// <summary><c>supervisor.defaults.&lt;driver&gt;</c>, e.g. <c>supervisor.defaults.nut</c>.</summary>
    public (HoconObject? Obj, string Path) Driver(string driver) => Layer(driver);

    private (HoconObject? Obj, string Path) Layer(string name) =>
        defaults is not null && defaults.Items.TryGetValue(name, out var v) && v.IsObject()
            ? (v.GetObject(), $"{Path}.{name}")
            : (null, $"{Path}.{name}");
}
