using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Supervisor.Tests.RealServers;

namespace Supervisor.Actions.Tests.Proxmox;

/// <summary>A guest of the fake node: how many task polls its shutdown takes, and how the task ends.</summary>
public sealed class FakeGuest(string kind, int vmid, string name, string status = "running")
{
    public string Kind { get; } = kind;
    public int Vmid { get; } = vmid;
    public string Name { get; } = name;
    public string Status { get; set; } = status;
    public int PollsUntilDone { get; init; } = 2;
    /// <summary>What the shutdown task's exitstatus says; anything but OK leaves the guest running, as a failed shutdown does.</summary>
    public string ExitStatus { get; init; } = "OK";
    /// <summary>The task ends OK but the guest keeps running (what the action must not take on trust).</summary>
    public bool RunsOnAfterOk { get; init; }
}

/// <summary>
/// A Kestrel HTTPS server with a certificate made in the test (signed by its own CA, like a Proxmox node's
/// pve-ssl.pem by pve-root-ca.pem) that answers the Proxmox VE API calls a proxmox action makes, in the documented
/// shapes (api-viewer: /version, /nodes/{node}/qemu|lxc, …/status/shutdown → UPID, /tasks/{upid}/status, …/status/current;
/// every reply wraps its answer in "data"; errors put their reason in the HTTP status line).
/// </summary>
public sealed class FakeProxmox : IAsyncDisposable
{
    public const string Node = "pve";
    public const string TokenId = "supervisor@pve!shutdown";
    public const string TokenSecret = "0b7a2c1e-5d4f-4e3a-9c8b-7a6f5e4d3c2b";

    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<int, FakeGuest> _guests;
    private readonly ConcurrentDictionary<string, (FakeGuest Guest, int Polls)> _tasks = new();

    private FakeProxmox(WebApplication app, X509Certificate2 ca, X509Certificate2 server, IEnumerable<FakeGuest> guests)
    {
        _app = app;
        Ca = ca;
        Server = server;
        _guests = new(guests.ToDictionary(g => g.Vmid));
    }

    public X509Certificate2 Ca { get; }
    public X509Certificate2 Server { get; }
    public Uri Url { get; private set; } = null!;

    /// <summary>The server certificate's SHA-256 fingerprint as Proxmox shows it.</summary>
    public string Fingerprint => string.Join(':', SHA256.HashData(Server.RawData).Select(b => b.ToString("X2")));

    /// <summary>off: the token lacks VM.PowerMgmt, so a shutdown gets 403.</summary>
    public bool MayPowerOff { get; set; } = true;

    public ConcurrentQueue<string> Requests { get; } = new();

    public ConcurrentQueue<string> AuthorizationHeaders { get; } = new();

    public FakeGuest this[int vmid] => _guests[vmid];

    public static async Task<FakeProxmox> StartAsync(params FakeGuest[] guests)
    {
        var ca = UpsdCertificates.CreateCa("Proxmox Virtual Environment");
        var server = UpsdCertificates.IssueServer(ca, "pve.test", "127.0.0.1", "localhost");
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0, l => l.UseHttps(server)));
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var pve = new FakeProxmox(app, ca, server, guests);
        app.Run(pve.Handle);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        pve.Url = new Uri(address);
        return pve;
    }

    private async Task Handle(HttpContext http)
    {
        var path = http.Request.Path.Value ?? "";
        Requests.Enqueue($"{http.Request.Method} {path}");
        var auth = http.Request.Headers.Authorization.ToString();
        AuthorizationHeaders.Enqueue(auth);
        if (auth != $"PVEAPIToken={TokenId}={TokenSecret}")
        {
            Fail(http, 401, "authentication failure");
            return;
        }
        var parts = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        switch (http.Request.Method, parts)
        {
            case ("GET", ["api2", "json", "version"]):
                await Data(http, new { version = "8.2.4", release = "8.2", repoid = "faa83925" });
                return;
            case ("GET", ["api2", "json", "access", "permissions"]):
                var at = http.Request.Query["path"].ToString();
                // Only the privileges held are listed, each as 1.
                var held = new Dictionary<string, int> { ["VM.Audit"] = 1, ["VM.Console"] = 1 };
                if (MayPowerOff) held["VM.PowerMgmt"] = 1;
                await Data(http, new Dictionary<string, object> { [at] = held });
                return;
            case ("GET", ["api2", "json", "nodes", Node, "qemu" or "lxc"]):
                // The list answers vmid as a number for qemu and as a string for lxc here, so both forms are read.
                await Data(http, _guests.Values.Where(g => g.Kind == parts[4]).OrderBy(g => g.Vmid)
                    .Select(g => new Dictionary<string, object> { ["vmid"] = g.Kind == "qemu" ? g.Vmid : g.Vmid.ToString(), ["name"] = g.Name, ["status"] = g.Status, ["uptime"] = 3600 }));
                return;
            case ("POST", ["api2", "json", "nodes", Node, var kind, var id, "status", "shutdown"]) when Guest(kind, id) is { } g:
                if (!MayPowerOff) { Fail(http, 403, $"Permission check failed (/vms/{g.Vmid}, VM.PowerMgmt)"); return; }
                var newTask = $"UPID:{Node}:000{g.Vmid:X5}:0123ABCD:6750A1B2:{(kind == "qemu" ? "qmshutdown" : "vzshutdown")}:{g.Vmid}:{TokenId}:";
                _tasks[newTask] = (g, 0);
                await Data(http, newTask);
                return;
            case ("GET", ["api2", "json", "nodes", Node, "tasks", var upid, "status"]) when _tasks.TryGetValue(upid, out var t):
                _tasks[upid] = (t.Guest, t.Polls + 1);
                if (t.Polls + 1 < t.Guest.PollsUntilDone) { await Data(http, new { status = "running", upid, node = Node }); return; }
                if (t.Guest.ExitStatus == "OK" && !t.Guest.RunsOnAfterOk) t.Guest.Status = "stopped";
                await Data(http, new { status = "stopped", exitstatus = t.Guest.ExitStatus, upid, node = Node });
                return;
            case ("GET", ["api2", "json", "nodes", Node, var kind, var id, "status", "current"]) when Guest(kind, id) is { } g:
                await Data(http, new { status = g.Status, vmid = g.Vmid, name = g.Name });
                return;
            default:
                Fail(http, 501, $"Method '{http.Request.Method} {path}' not implemented");
                return;
        }
    }

    private FakeGuest? Guest(string kind, string id) =>
        int.TryParse(id, out var vmid) && _guests.TryGetValue(vmid, out var g) && g.Kind == kind ? g : null;

    /// <summary>Proxmox's error style: the reason in the status line, <c>{"data": null}</c> as the body.</summary>
    private static void Fail(HttpContext http, int status, string reason)
    {
        http.Response.StatusCode = status;
        http.Features.Get<IHttpResponseFeature>()!.ReasonPhrase = reason;
        _ = http.Response.WriteAsync("{\"data\":null}");
    }

    private static Task Data(HttpContext http, object data)
    {
        http.Response.ContentType = "application/json;charset=UTF-8";
        return http.Response.WriteAsync(JsonSerializer.Serialize(new { data }));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        Ca.Dispose();
        Server.Dispose();
    }
}
