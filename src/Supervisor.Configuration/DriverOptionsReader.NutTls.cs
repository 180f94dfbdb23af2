using Supervisor.Domain.Configuration;
using Supervisor.Drivers.Nut;

namespace Supervisor.Configuration;

internal static partial class DriverOptionsReader
{
    private static readonly IReadOnlyDictionary<string, NutTlsMode> NutTlsModes = ConfigMaps.LowerCaseNames<NutTlsMode>();

    /// <summary>
    /// <c>tls</c>, <c>tls-ca</c>, <c>tls-verify</c>, <c>tls-server-name</c> of a NUT device. The CA file is opened here, so a
    /// wrong path is a config error with its HOCON path (and <c>validate</c> finds it) rather than a failed poll later.
    /// </summary>
    private static NutTlsSettings ReadNutTls(HoconSection s, string? baseDirectory)
    {
        var mode = s.Enum("tls", NutTlsModes);
        var verify = s.Bool("tls-verify");
        var serverName = s.OptionalString("tls-server-name");
        var caValue = s.OptionalString("tls-ca");
        if (mode == NutTlsMode.Off)
        {
            foreach (var key in new[] { "tls-ca", "tls-server-name" }.Where(s.Has))
                s.Diag.Warn(s.KeyPath(key), "has no effect while tls = off; set tls = starttls to use it");
            return NutTlsSettings.Off;
        }
        if (!verify)
            s.Diag.Warn(s.KeyPath("tls-verify"), "off: upsd's certificate is not checked, so anyone between this node and upsd can pose as upsd, " +
                                                 "read the password and send false readings; set tls-ca to the CA that signed upsd's certificate and remove tls-verify = off");
        string? caFile = null;
        if (caValue is not null)
        {
            s.Find("tls-ca", out var path);
            caFile = Path.GetFullPath(caValue, baseDirectory ?? Directory.GetCurrentDirectory());
            if (!File.Exists(caFile))
                s.Diag.Error(path, $"file \"{caFile}\" not found; give the CA certificate (PEM or DER) that signed upsd's certificate (relative paths start at the config file's directory)");
            else if (NutTls.LoadCa(caFile).Error is { } error)
                s.Diag.Error(path, $"{error}; give the CA certificate that signed upsd's certificate");
        }
        return new NutTlsSettings(mode, caFile, verify, serverName);
    }
}
