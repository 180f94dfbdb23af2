using System.Text.Json;

namespace Supervisor.Domain.Agents.Actions;

/// <summary>A guest on a Proxmox node: <paramref name="Kind"/> is <c>qemu</c> (VM) or <c>lxc</c> (container), as in the API's paths.</summary>
public sealed record ProxmoxGuest(string Kind, int Vmid, string Name, string Status)
{
    /// <summary>How a target line names it: <c>qemu/100 (web)</c>.</summary>
    public string Label => Name.Length == 0 ? $"{Kind}/{Vmid}" : $"{Kind}/{Vmid} ({Name})";
}

/// <summary>A task as <c>GET /nodes/{node}/tasks/{upid}/status</c> reports it: running, or stopped with its exit status.</summary>
public sealed record ProxmoxTask(bool Stopped, string? ExitStatus)
{
    /// <summary>Proxmox writes <c>OK</c> for a task that did what it should (anything else is an error text, or "WARNINGS: n").</summary>
    public bool Ok => Stopped && ExitStatus == "OK";
}

/// <summary>
/// Reads the Proxmox VE API's JSON replies (https://pve.proxmox.com/pve-docs/api-viewer/): every reply is an object
/// whose <c>data</c> holds the answer — a list of guests for <c>/nodes/{node}/qemu</c> and <c>/lxc</c>, a UPID string
/// for <c>…/status/shutdown</c>, <c>{status, exitstatus}</c> for a task, <c>{status}</c> for <c>…/status/current</c>,
/// <c>{version, release}</c> for <c>/version</c>.
/// </summary>
public static class ProxmoxReplies
{
    public static Parsed<IReadOnlyList<ProxmoxGuest>> Guests(string json, string kind) => Data(json, $"the {kind} list", data =>
    {
        if (data.ValueKind != JsonValueKind.Array) return Parsed<IReadOnlyList<ProxmoxGuest>>.Bad($"the {kind} list's data is not an array");
        var list = new List<ProxmoxGuest>();
        foreach (var g in data.EnumerateArray())
        {
            // vmid is a number for qemu and, on some releases, a string for lxc: take both.
            if (g.ValueKind != JsonValueKind.Object || !g.TryGetProperty("vmid", out var v) || VmId(v) is not { } vmid)
                return Parsed<IReadOnlyList<ProxmoxGuest>>.Bad($"an entry of the {kind} list has no vmid");
            list.Add(new ProxmoxGuest(kind, vmid, Str(g, "name") ?? "", Str(g, "status") ?? ""));
        }
        return Parsed<IReadOnlyList<ProxmoxGuest>>.Ok(list);
    });

    /// <summary>The UPID a power action returns: <c>{"data": "UPID:pve:…:qmshutdown:100:user@realm!tok:"}</c>.</summary>
    public static Parsed<string> Upid(string json) => Data(json, "the shutdown reply", data =>
        data.ValueKind == JsonValueKind.String && data.GetString()!.StartsWith("UPID:", StringComparison.Ordinal)
            ? Parsed<string>.Ok(data.GetString()!)
            : Parsed<string>.Bad("the shutdown reply holds no task id (UPID)"));

    public static Parsed<ProxmoxTask> Task(string json) => Data(json, "the task status", data =>
        data.ValueKind == JsonValueKind.Object && Str(data, "status") is { } status
            ? Parsed<ProxmoxTask>.Ok(new ProxmoxTask(status == "stopped", Str(data, "exitstatus")))
            : Parsed<ProxmoxTask>.Bad("the task status has no status"));

    /// <summary><c>…/status/current</c>: the guest's status word, <c>running</c> or <c>stopped</c>.</summary>
    public static Parsed<string> CurrentStatus(string json) => Data(json, "the guest's status", data =>
        data.ValueKind == JsonValueKind.Object && Str(data, "status") is { } status
            ? Parsed<string>.Ok(status)
            : Parsed<string>.Bad("the guest's status has no status"));

    /// <summary><c>/version</c>: the release, e.g. <c>8.2.4</c>.</summary>
    public static Parsed<string> Version(string json) => Data(json, "the version reply", data =>
        data.ValueKind == JsonValueKind.Object && Str(data, "version") is { } version
            ? Parsed<string>.Ok(version)
            : Parsed<string>.Bad("the version reply has no version"));

    /// <summary>
    /// <c>GET /access/permissions?path=…</c>: the caller's effective privileges, <c>{"data": {"/vms/100": {"VM.PowerMgmt": 1, …}}}</c>;
    /// whether any listed path grants <paramref name="privilege"/>.
    /// </summary>
    public static Parsed<bool> HasPrivilege(string json, string privilege) => Data(json, "the permissions reply", data =>
        data.ValueKind != JsonValueKind.Object
            ? Parsed<bool>.Bad("the permissions reply's data is not an object")
            : Parsed<bool>.Ok(data.EnumerateObject().Any(path => path.Value.ValueKind == JsonValueKind.Object
                && path.Value.TryGetProperty(privilege, out var p) && (p.ValueKind == JsonValueKind.True || (p.ValueKind == JsonValueKind.Number && p.GetDouble() != 0)))));

    /// <summary>An error reply's words: <c>{"errors": {"vmid": "…"}}</c> as <c>vmid: …</c>, else the body's start.</summary>
    public static string ErrorText(string body)
    {
        var parsed = DockerReplies.Read(body, "the error", root =>
            root.ValueKind == JsonValueKind.Object && root.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Object
                ? Parsed<string>.Ok(string.Join("; ", errors.EnumerateObject().Select(e => $"{Text.ForeignText.Escape(e.Name)}: {Text.ForeignText.Escape(e.Value.ToString())}")))
                : Parsed<string>.Bad(""));
        return string.IsNullOrEmpty(parsed.Value) ? DockerReplies.Snippet(body) : parsed.Value;
    }

    private static Parsed<T> Data<T>(string json, string what, Func<JsonElement, Parsed<T>> read) => DockerReplies.Read(json, what, root =>
        root.ValueKind == JsonValueKind.Object && root.TryGetProperty("data", out var data)
            ? read(data)
            : Parsed<T>.Bad($"{what} has no \"data\": {DockerReplies.Snippet(root.GetRawText())}"));

    private static string? Str(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? Text.ForeignText.Escape(v.GetString()!) : null;

    private static int? VmId(JsonElement v) => v.ValueKind switch
    {
        JsonValueKind.Number when v.TryGetInt32(out var n) => n,
        JsonValueKind.String when int.TryParse(v.GetString(), out var n) => n,
        _ => null,
    };
}
