using Supervisor.Domain.Agents;
using Supervisor.Domain.Configuration;
using System.Net;
using System.Security.Authentication;
using Supervisor.Actions.Http;
using Supervisor.Domain.Agents.Actions;

namespace Supervisor.Actions.Proxmox;

/// <summary>
/// The Proxmox VE API calls a proxmox action makes (https://pve.proxmox.com/pve-docs/api-viewer/), authenticated with
/// an API token: <c>Authorization: PVEAPIToken=&lt;user@realm!name&gt;=&lt;secret&gt;</c> (pveum(1), "API Tokens";
/// token requests need no CSRF header). Every fault comes out as a <see cref="RemoteApiProblem"/> that names the token
/// id and never its secret.
/// </summary>
internal sealed class ProxmoxApi : IDisposable
{
    private readonly ProxmoxSpec _spec;
    private readonly ProxmoxTrust _trust;
    private readonly HttpClient _http;

    public ProxmoxApi(ProxmoxSpec spec)
    {
        _spec = spec;
        _trust = new ProxmoxTrust(spec);
        var handler = new SocketsHttpHandler();
        handler.SslOptions.RemoteCertificateValidationCallback = (_, cert, chain, errors) => _trust.Validate(cert, chain, errors);
        _http = new HttpClient(handler) { BaseAddress = new Uri(spec.Url, "/api2/json/"), Timeout = Timeout.InfiniteTimeSpan };
        _http.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", $"PVEAPIToken={spec.TokenId}={spec.TokenSecret.Reveal()}");
    }

    private string NodePath => $"nodes/{Uri.EscapeDataString(_spec.Node)}";

    public async Task<string> VersionAsync(CancellationToken ct) => Read(await GetAsync("version", ct), "GET /version", ProxmoxReplies.Version);

    /// <summary>The node's VMs (<c>GET /nodes/{node}/qemu</c>) and containers (<c>…/lxc</c>).</summary>
    public async Task<IReadOnlyList<ProxmoxGuest>> GuestsAsync(CancellationToken ct)
    {
        var vms = Read(await GetAsync($"{NodePath}/qemu", ct), $"GET /{NodePath}/qemu", b => ProxmoxReplies.Guests(b, "qemu"));
        var cts = Read(await GetAsync($"{NodePath}/lxc", ct), $"GET /{NodePath}/lxc", b => ProxmoxReplies.Guests(b, "lxc"));
        return [.. vms, .. cts];
    }

    /// <summary><c>POST /nodes/{node}/{qemu|lxc}/{vmid}/status/shutdown</c>: a clean shutdown (ACPI / the CT's init); returns the task's UPID.</summary>
    public async Task<string> ShutdownAsync(ProxmoxGuest guest, CancellationToken ct)
    {
        var path = $"{NodePath}/{guest.Kind}/{guest.Vmid}/status/shutdown";
        var body = await SendAsync(new HttpRequestMessage(HttpMethod.Post, path) { Content = new FormUrlEncodedContent([]) }, ct);
        return Read(body, $"POST /{path}", ProxmoxReplies.Upid);
    }

    /// <summary><c>GET /nodes/{node}/tasks/{upid}/status</c>.</summary>
    public async Task<ProxmoxTask> TaskAsync(string upid, CancellationToken ct) =>
        Read(await GetAsync($"{NodePath}/tasks/{Uri.EscapeDataString(upid)}/status", ct), $"GET /{NodePath}/tasks/…/status", ProxmoxReplies.Task);

    /// <summary><c>GET /nodes/{node}/{qemu|lxc}/{vmid}/status/current</c>'s status word.</summary>
    public async Task<string> StatusAsync(ProxmoxGuest guest, CancellationToken ct)
    {
        var path = $"{NodePath}/{guest.Kind}/{guest.Vmid}/status/current";
        return Read(await GetAsync(path, ct), $"GET /{path}", ProxmoxReplies.CurrentStatus);
    }

    /// <summary>Whether the token holds <paramref name="privilege"/> on the guest (<c>GET /access/permissions?path=/vms/{vmid}</c>; a token may read its own).</summary>
    public async Task<Parsed<bool>> MayAsync(int vmid, string privilege, CancellationToken ct) =>
        ProxmoxReplies.HasPrivilege(await GetAsync($"access/permissions?path={Uri.EscapeDataString($"/vms/{vmid}")}", ct), privilege);

    private Task<string> GetAsync(string path, CancellationToken ct) => SendAsync(new HttpRequestMessage(HttpMethod.Get, path), ct);

    private async Task<string> SendAsync(HttpRequestMessage request, CancellationToken ct)
    {
        var what = $"{request.Method} /{request.RequestUri}";
        try
        {
            using var response = await _http.SendAsync(request, ct);
            var body = await response.Content.ReadAsStringAsync(ct);
            // Proxmox puts its reason in the status line ("401 authentication failure", "403 Permission check failed (/vms/100, VM.PowerMgmt)").
            var reason = Domain.Text.ForeignText.Escape(response.ReasonPhrase ?? "");
            return response.StatusCode switch
            {
                HttpStatusCode.OK => body,
                HttpStatusCode.Unauthorized => throw new RemoteApiProblem(
                    $"the Proxmox API refused token {_spec.TokenId} (401 {reason}): check token-id and token-secret " +
                    "(Datacenter → Permissions → API Tokens), and that the token has not expired"),
                HttpStatusCode.Forbidden => throw new RemoteApiProblem(
                    $"token {_spec.TokenId} lacks a privilege for {what} (403 {reason}): grant VM.PowerMgmt and VM.Audit on /vms, " +
                    $"e.g. pveum acl modify /vms --tokens '{_spec.TokenId}' --roles PVEVMUser (a token with privilege separation needs its own ACL)"),
                _ => throw new RemoteApiProblem($"the Proxmox API answered {(int)response.StatusCode} {reason} to {what}: {ProxmoxReplies.ErrorText(body)}"),
            };
        }
        catch (HttpRequestException e) when (e.InnerException is AuthenticationException || _trust.Refusal is not null)
        {
            throw new RemoteApiProblem(_trust.Explain());
        }
        catch (HttpRequestException e)
        {
            throw new RemoteApiProblem($"cannot reach the Proxmox API at {_spec.Url.GetLeftPart(UriPartial.Authority)}: {e.Message}");
        }
    }

    private static T Read<T>(string body, string what, Func<string, Parsed<T>> parse)
    {
        var parsed = parse(body);
        return parsed.Problem is null ? parsed.Value! : throw new RemoteApiProblem($"the Proxmox API's reply to {what} is unusable: {parsed.Problem}");
    }

    public void Dispose() => _http.Dispose();
}
