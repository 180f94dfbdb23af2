using Supervisor.Node.Hosting;

namespace Supervisor.Node.Http;

/// <summary>Refuses to start a node whose HTTP port is taken, before Akka starts: a clear error, not Kestrel's stack trace.</summary>
internal static class HttpListenProbe
{
    /// <exception cref="NodeStartupException">supervisor.http.listen is in use.</exception>
    public static void EnsureFree(HttpSettings http)
    {
        if (!http.Enabled || !ClusterPortProbe.InUse(http.Host, http.Port)) return;
        throw new NodeStartupException($"{HttpSettings.Path}.listen",
            $"port {http.Port} on {http.Host} is already in use, so the HTTP API cannot listen there. Stop the other process (`ss -ltnp 'sport = :{http.Port}'` " +
            $"shows it), or choose another port: listen = \"{http.Host}:8081\" (or --http-listen {http.Host}:8081)");
    }
}
