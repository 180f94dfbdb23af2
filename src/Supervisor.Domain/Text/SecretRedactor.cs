using System.Text.Encodings.Web;
using Supervisor.Domain.Configuration;

namespace Supervisor.Domain.Text;

/// <summary>
/// Hides every configured secret — NUT and Shelly passwords, the TLS certificate password, the password in the
/// PostgreSQL connection string — in text that came from outside, before it is logged or shown. A server may
/// echo what it was sent (<c>ERR ACCESS-DENIED hunter2</c>); whatever it sends back, the secret comes out as
/// <c>***</c>. Built once from the loaded settings; also matches a secret as it looks inside quotes or JSON.
/// </summary>
public sealed class SecretRedactor
{
    public const string Mask = "***";

    /// <summary>Shorter secrets are not searched for: masking every "ab" would garble the log (validate warns about them).</summary>
    public const int MinLength = 4;

    public static readonly SecretRedactor None = new([]);

    private readonly string[] _forms;

    private SecretRedactor(IEnumerable<Secret> secrets)
    {
        // Every form a secret may take in a message: as is, quoted with backslash escapes, JSON-encoded. Longest first,
        // so that a secret containing another is masked whole. The one place the redactor reveals them: to find them.
        _forms = secrets.Select(s => s.Reveal()).Where(s => s.Length >= MinLength)
            .SelectMany(s => new[] { s, s.Replace("\\", "\\\\").Replace("\"", "\\\""), JavaScriptEncoder.Default.Encode(s) })
            .Distinct(StringComparer.Ordinal)
            .OrderByDescending(s => s.Length)
            .ToArray();
    }

    public bool IsEmpty => _forms.Length == 0;

    public static SecretRedactor For(SupervisorSettings settings) => new(SecretsOf(settings));

    /// <summary>The secrets of one device (what a device actor built without the whole fleet can hide).</summary>
    public static SecretRedactor For(DeviceSettings device) => new(SecretsOf(device));

    public static IEnumerable<Secret> SecretsOf(SupervisorSettings s)
    {
        foreach (var secret in s.Devices.SelectMany(SecretsOf)) yield return secret;
        if (s.Tls.CertificatePassword is { Length: > 0 } tls) yield return tls;
        if (s.Journal.ConnectionString is { } connection)
            foreach (var secret in ConnectionStringPasswords(connection)) yield return secret;
        foreach (var user in s.NutServer.Users) yield return user.Password;
        if (s.Mqtt.Password is { Length: > 0 } mqtt) yield return mqtt;
        if (s.Http.SessionSecret is { Length: > 0 } session) yield return session;
    }

    private static IEnumerable<Secret> SecretsOf(DeviceSettings d) => d.Options switch
    {
        NutOptions { Password: { Length: > 0 } p } => [p],
        ShellyOptions { Password: { Length: > 0 } p } => [p],
        _ => [],
    };

    /// <summary>Password=… (or Pwd=…) in a Key=Value;… string, with or without quotes; the whole string too, when it has one.</summary>
    private static IEnumerable<Secret> ConnectionStringPasswords(Secret connection)
    {
        var found = false;
        foreach (var part in connection.Reveal().Split(';'))
        {
            var eq = part.IndexOf('=');
            if (eq < 0) continue;
            var key = part[..eq].Trim();
            if (!key.Equals("password", StringComparison.OrdinalIgnoreCase) && !key.Equals("pwd", StringComparison.OrdinalIgnoreCase)) continue;
            var value = part[(eq + 1)..].Trim().Trim('\'', '"');
            if (value.Length == 0) continue;
            found = true;
            yield return value;
        }
        if (found) yield return connection;
    }

    public string Redact(string text)
    {
        if (_forms.Length == 0 || text.Length == 0) return text;
        foreach (var form in _forms)
            if (text.Contains(form, StringComparison.Ordinal)) text = text.Replace(form, Mask, StringComparison.Ordinal);
        return text;
    }

    public string? RedactOrNull(string? text) => text is null ? null : Redact(text);

    /// <summary>Redacted, then escaped for one line (<see cref="ForeignText"/>): the form every foreign text is printed in.</summary>
    public string Clean(string text) => ForeignText.Escape(Redact(text));
}
