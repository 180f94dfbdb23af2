using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Supervisor.Node.Http;

/// <summary>Adds the HTTP API to a node's host when <c>supervisor.http.enabled</c> is on; with it off nothing listens.</summary>
internal static class HttpApiHosting
{
    /// <summary>Call after <c>AddAkka</c>: hosted services start in order, and this one needs the running actor system.</summary>
    public static IServiceCollection AddSupervisorHttp(this IServiceCollection services, HttpSettings settings)
    {
        if (!settings.Enabled) return services;
        services.AddSingleton(settings);
        services.AddSingleton<HttpApiService>();
        services.AddSingleton<IHostedService>(sp => sp.GetRequiredService<HttpApiService>());
        return services;
    }
}
