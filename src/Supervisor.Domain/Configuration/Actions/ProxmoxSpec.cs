using Supervisor.Domain.Agents.Actions;

namespace Supervisor.Domain.Configuration;

/// <summary>
/// <c>type = proxmox</c>: shut down the listed VMs and containers (every running one on the node when the list is
/// empty) through the Proxmox VE API with an API token, follow each returned task to its end, then confirm each is stopped.
/// </summary>
/// <param name="Url">The API's base, <c>https://pve:8006</c>.</param>
/// <param name="Node">The node the guests run on, as Proxmox names it.</param>
/// <param name="TokenId"><c>user@realm!name</c>; shown in messages (it is no secret).</param>
/// <param name="TokenSecret">The token's secret (a UUID); never shown.</param>
/// <param name="Vms">vmids; empty = every running VM and CT on the node.</param>
/// <param name="TlsCa">A CA file that signed the node's certificate (full path), or null.</param>
/// <param name="Fingerprint">The SHA-256 fingerprint of the node's certificate as Proxmox shows it (AB:CD:…), or null.</param>
public sealed record ProxmoxSpec(Uri Url, string Node, string TokenId, Secret TokenSecret, IReadOnlyList<int> Vms, string? TlsCa, string? Fingerprint) : ActionSpec
{
    public override string Type => "proxmox";

    public override string Describe() =>
        $"proxmox: shut down {(Vms.Count == 0 ? "every running VM and CT" : string.Join(", ", Vms))} on node {Node} at {Url.GetLeftPart(UriPartial.Authority)} as {TokenId}";

    public override IEnumerable<(string Key, string Problem)> Problems()
    {
        if (Url.Scheme != Uri.UriSchemeHttps)
            yield return ("url", $"\"{Url}\" is not an https:// URL; the Proxmox API is served as e.g. url = \"https://pve:8006\"");
        if (Node.Length == 0 || Node.Any(c => c is '/' or '?' or '#' || char.IsWhiteSpace(c)))
            yield return ("node", $"\"{Node}\" is not a node name; write it as the web UI's tree shows it, e.g. node = pve");
        if (!ValidTokenId(TokenId))
            yield return ("token-id", $"\"{TokenId}\" is not a token id; write user@realm!name, e.g. token-id = \"supervisor@pve!shutdown\" (Datacenter → Permissions → API Tokens)");
        if (TlsCa is not null && Fingerprint is not null)
            yield return ("fingerprint", "set only one of tls-ca (a CA that signed the node's certificate) or fingerprint (the certificate itself)");
        if (Fingerprint is not null && CertificateFingerprint.Normalize(Fingerprint) is null)
            yield return ("fingerprint", "not a SHA-256 fingerprint; copy it from the node's Certificates panel (32 hex pairs, e.g. \"AB:CD:…\"), or from: openssl x509 -noout -fingerprint -sha256 -in /etc/pve/local/pve-ssl.pem");
        for (var i = 0; i < Vms.Count; i++)
            if (Vms[i] < 100)
                yield return ($"vms[{i}]", $"{Vms[i]} is not a vmid (they start at 100); write the ids the web UI shows, e.g. vms = [100, 101]");
    }

    private static bool ValidTokenId(string id)
    {
        var at = id.IndexOf('@');
        var bang = id.IndexOf('!');
        return at > 0 && bang > at + 1 && bang < id.Length - 1 && !id.Any(char.IsWhiteSpace) && !id.Contains('=');
    }
}
