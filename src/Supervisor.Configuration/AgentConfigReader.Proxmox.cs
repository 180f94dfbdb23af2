using System.Globalization;
using Supervisor.Domain.Configuration;

namespace Supervisor.Configuration;

internal static partial class AgentConfigReader
{
    /// <summary><c>type = proxmox</c>: the API, the node, the token (its secret through <see cref="SecretResolver"/>), the guests and how to trust the node's certificate.</summary>
    private static ActionSpec? ReadProxmox(HoconSection s, string? baseDirectory)
    {
        var url = NotificationConfigReader.RequiredUrl(s, "url", "https://pve:8006");
        var node = NotificationConfigReader.Required(s, "node", "pve");
        var tokenId = NotificationConfigReader.Required(s, "token-id", "\"supervisor@pve!shutdown\"");
        var secret = NotificationConfigReader.RequiredSecret(s, "token-secret", "API token secret", "env:PROXMOX_TOKEN_SECRET", baseDirectory);
        var vms = ReadVmIds(s);
        var ca = NotificationConfigReader.TlsCa(s, baseDirectory, "the Proxmox node");
        var fingerprint = s.OptionalString("fingerprint");
        return url is null || node is null || tokenId is null || secret is null || vms is null || (s.Has("tls-ca") && ca is null)
            ? null
            : new ProxmoxSpec(url, node, tokenId, secret, vms, ca, fingerprint);
    }

    private static List<int>? ReadVmIds(HoconSection s)
    {
        var items = s.StringList("vms", "[100, 101]");
        if (items is null) return [];
        var ids = new List<int>();
        s.Find("vms", out var path);
        for (var i = 0; i < items.Count; i++)
        {
            if (int.TryParse(items[i], NumberStyles.None, CultureInfo.InvariantCulture, out var id)) ids.Add(id);
            else s.Diag.Error($"{path}[{i}]", $"\"{Domain.Text.ForeignText.Escape(items[i])}\" is not a vmid; write the numbers the web UI shows, e.g. vms = [100, 101]");
        }
        return ids.Count == items.Count ? ids : null;
    }
}
