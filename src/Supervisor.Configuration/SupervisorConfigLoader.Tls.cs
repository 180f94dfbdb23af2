using Akka.Configuration;
using Supervisor.Domain.Configuration;

namespace Supervisor.Configuration;

/// <summary>The <c>supervisor.tls</c> section alone, with its own errors and warnings.</summary>
/// <param name="Settings">Null when there is at least one error.</param>
public sealed record TlsLoadResult(TlsSettings? Settings, IReadOnlyList<ConfigError> Errors, IReadOnlyList<ConfigError> Warnings);

public static partial class SupervisorConfigLoader
{
    /// <summary>
    /// Reads only <c>supervisor.tls</c> from <paramref name="path"/>, for the CLI (<c>--tls-config FILE</c>): the CLI
    /// needs a certificate, not the devices and groups, so a node's full config file works as well as a file holding
    /// only the tls section, and mistakes elsewhere in that file do not stop the CLI. Relative paths start at the file's directory.
    /// </summary>
    public static TlsLoadResult LoadTlsFile(string path)
    {
        var parsed = ParseFile(path);
        if (parsed.Error is { } error) return new(null, [error], []);
        var diag = new ConfigDiagnostics();
        var tls = parsed.Config!.GetValue(ConfigPath.Tls);
        if (tls is null)
            return new(null, [new ConfigError(path, $"has no {ConfigPath.Tls} section; add tls {{ enabled = on, certificate = …, ca-certificate = … }} under supervisor")], []);
        var settings = TlsConfigReader.Read(tls, parsed.Directory, diag, DateTimeOffset.UtcNow);
        var result = diag.ToResult(null);
        return new(result.Errors.Count == 0 ? settings : null, result.Errors, result.Warnings);
    }
}
