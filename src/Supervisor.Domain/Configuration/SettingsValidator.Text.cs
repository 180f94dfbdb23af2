using Supervisor.Domain.Text;

namespace Supervisor.Domain.Configuration;

/// <summary>
/// Text that ends up on the wire or in a log line: a host, a NUT name or an id with a line break or another
/// control character would make a broken request (a newline ends a NUT command, so <c>ups = "ups1\nLOGOUT"</c> is a
/// second command) or a forged log line. Such values are errors, shown escaped; a password is never shown.
/// </summary>
public static partial class SettingsValidator
{
    private static void ValidateDeviceText(DeviceSettings d, string path, List<ConfigError> errors)
    {
        if (ForeignText.NeedsEscaping(d.Id))
            errors.Add(new(path, $"the id \"{ForeignText.Escape(d.Id)}\" contains a control or line-break character; use letters, digits and '-'"));
        if (d.Options.ConnectsTo() is { } host) HostName(errors, $"{path}.host", host);
        if (d.Options is NutOptions nut)
        {
            NutName(errors, $"{path}.ups", nut.Ups, "ups1");
            if (nut.Username is { } user) NutName(errors, $"{path}.username", user, "upsmon");
            if (nut.Password is { } password && password.Reveal().Any(char.IsControl))
                errors.Add(new($"{path}.password", "contains a control character (a line break would end the PASSWORD command); upsd cannot accept it — check the password source"));
        }
    }

    /// <summary>A path with a NUL or another control character cannot be opened (.NET throws for NUL deep inside the node's start).</summary>
    private static void ValidatePathText(SupervisorSettings s, List<ConfigError> errors)
    {
        var badDataDir = s.DataDir.Any(char.IsControl);
        if (badDataDir)
            errors.Add(new($"{ConfigPath.Root}.data-dir", $"\"{ForeignText.Escape(s.DataDir)}\" contains a control character, which no file name can hold; write e.g. data-dir = \"/var/lib/supervisor\""));
        // The default action log lies in the data dir: one error for one mistake.
        if (s.Agent is { ActionLog: var log } && log.Any(char.IsControl) && !(badDataDir && log.StartsWith(s.DataDir, StringComparison.Ordinal)))
            errors.Add(new($"{ConfigPath.Agent}.action-log", $"\"{ForeignText.Escape(log)}\" contains a control character, which no file name can hold; write e.g. action-log = \"agent-actions.jsonl\""));
    }

    /// <summary>A secret shorter than <see cref="SecretRedactor.MinLength"/> is not masked in logs (every "ab" would be): say so.</summary>
    private static void ShortSecretWarnings(SupervisorSettings s, List<ConfigError> warnings)
    {
        foreach (var d in s.Devices)
            if (d.Options is NutOptions { Password.Length: > 0 and < SecretRedactor.MinLength } or ShellyOptions { Password.Length: > 0 and < SecretRedactor.MinLength })
                warnings.Add(new($"{ConfigPath.Device(d.Id)}.password", $"shorter than {SecretRedactor.MinLength} characters: too short to be masked in logs " +
                                                                         "if a device echoes it back (and easy to guess); use a longer password"));
    }

    private static void ValidateGroupText(GroupSettings g, List<ConfigError> errors)
    {
        if (ForeignText.NeedsEscaping(g.Id))
            errors.Add(new(ConfigPath.Group(g.Id), $"the id \"{ForeignText.Escape(g.Id)}\" contains a control or line-break character; use letters, digits and '-'"));
    }

    private static void HostName(List<ConfigError> errors, string path, string host)
    {
        if (string.IsNullOrWhiteSpace(host) || !host.Any(c => char.IsWhiteSpace(c) || ForeignText.IsUnsafe(c))) return;
        errors.Add(new(path, $"\"{ForeignText.Escape(host)}\" is not a host name or address: it contains a {What(host)}; write e.g. host = \"192.168.1.10\" or host = \"ups.lan\""));
    }

    private static void NutName(List<ConfigError> errors, string path, string value, string example)
    {
        if (string.IsNullOrWhiteSpace(value) || !value.Any(c => char.IsWhiteSpace(c) || ForeignText.IsUnsafe(c))) return; // blank: reported as missing
        errors.Add(new(path, $"\"{ForeignText.Escape(value)}\" contains a {What(value)}, which upsd cannot take in a command; write e.g. {path[(path.LastIndexOf('.') + 1)..]} = {example}"));
    }

    private static string What(string s) =>
        s.Any(c => c is '\n' or '\r' or '\u2028' or '\u2029') ? "line break" : s.Any(ForeignText.IsUnsafe) ? "control character" : "space";
}
