using Supervisor.Domain.Configuration;

namespace Supervisor.Configuration;

/// <summary>
/// Resolves a secret from exactly one of <c>{prefix}password</c>, <c>{prefix}password-file</c>, <c>{prefix}password-env</c>:
/// device passwords (no prefix) and the TLS certificate password (prefix <c>certificate-</c>). Messages name the
/// keys and never the secret itself.
/// </summary>
internal static class PasswordResolver
{
    /// <param name="baseDirectory">Where a relative <c>password-file</c> is looked up (the config file's directory); null = working directory.</param>
    /// <param name="prefix">Prepended to each key name, e.g. "certificate-" for certificate-password[-file|-env].</param>
    public static Secret? Resolve(HoconSection s, string? baseDirectory, string prefix = "") =>
        SecretResolver.Resolve(s, baseDirectory, prefix + "password", "password");
}

/// <summary>
/// Resolves a secret from exactly one of <c>&lt;key&gt;</c>, <c>&lt;key&gt;-file</c> (first line, trimmed) or
/// <c>&lt;key&gt;-env</c> (an environment variable). <c>&lt;key&gt;</c> holds the secret itself or a
/// <see cref="SecretReference"/> (<c>env:</c>, <c>file:</c>, <c>credential:</c>); the two older keys are read as
/// <c>file:</c> and <c>env:</c> references. Every failure is an error at the key, naming the reference and the fix;
/// no message ever holds the secret.
/// </summary>
internal static class SecretResolver
{
    /// <summary>Where systemd puts the credentials of <c>LoadCredential=</c> / <c>SetCredential=</c> for the running unit.</summary>
    public const string CredentialsDirectoryVariable = "CREDENTIALS_DIRECTORY";

    /// <param name="key">The base key, e.g. <c>password</c> or <c>connection-string</c>.</param>
    /// <param name="what">What the secret is, for messages ("password", "connection string").</param>
    public static Secret? Resolve(HoconSection s, string? baseDirectory, string key, string what)
    {
        string[] keys = [key, $"{key}-file", $"{key}-env"];
        var present = keys.Where(s.Has).ToList();
        if (present.Count == 0) return null;
        if (present.Count > 1)
        {
            s.Diag.Error(s.Path, $"set only one of {string.Join(", ", keys)} (found {string.Join(", ", present)})");
            return null;
        }

        var written = present[0];
        var text = s.OptionalString(written);
        s.Find(written, out var path);
        var at = new Place(s, path, key, what, baseDirectory);
        if (written == key)
            return text is null ? null
                : SecretReference.TryParse(text, out var reference) ? Read(at, reference, legacy: false)
                : new Secret(text);
        if (text is null)
        {
            s.Diag.Error(path, written == keys[1] ? $"empty; give the path of a file whose first line is the {what}"
                                                  : $"empty; give the name of an environment variable that holds the {what}");
            return null;
        }
        return Read(at, new(written == keys[1] ? SecretSource.File : SecretSource.Environment, text), legacy: true);
    }

    /// <summary>The key a secret is read for: where errors go and what they call it.</summary>
    private sealed record Place(HoconSection Section, string Path, string Key, string What, string? BaseDirectory)
    {
        public void Error(string message) => Section.Diag.Error(Path, message);
    }

    /// <param name="legacy">Written as <c>&lt;key&gt;-file</c> / <c>&lt;key&gt;-env</c>: its messages stay as they were, without the reference.</param>
    private static Secret? Read(Place at, SecretReference reference, bool legacy)
    {
        // The reference as written leads each message of the new form, so the reader sees which value failed.
        var shown = legacy ? "" : $"\"{reference}\": ";
        var name = reference.Target;
        switch (reference.Source)
        {
            case SecretSource.Environment when name.Length == 0:
                at.Error($"{shown}names no environment variable; write e.g. {at.Key} = \"env:NUT_PASSWORD\"");
                return null;
            case SecretSource.Environment:
                var value = Environment.GetEnvironmentVariable(name);
                if (!string.IsNullOrEmpty(value)) return new Secret(value);
                var instead = legacy ? $"use {at.Key}-file" : "use \"file:/path\" or \"credential:name\"";
                at.Error($"{shown}environment variable \"{name}\" is not set or empty; set it for the service (e.g. systemd Environment= or EnvironmentFile=), or {instead}");
                return null;
            case SecretSource.File when name.Length == 0:
                at.Error($"{shown}names no file; write e.g. {at.Key} = \"file:/etc/supervisor/{at.Key}\"");
                return null;
            case SecretSource.File:
                if (!at.Section.UsableFileName(name, at.Path)) return null;
                var full = System.IO.Path.GetFullPath(name, at.BaseDirectory ?? Directory.GetCurrentDirectory());
                return FirstLine(at, shown, full, $"file \"{full}\" not found; create it with the {at.What} on its first line (readable only by the service user), or fix the path");
            default:
                return FromCredential(at, shown, name);
        }
    }

    /// <summary>
    /// <c>credential:NAME</c>: the file systemd made from <c>LoadCredential=NAME:…</c>, readable only by the service
    /// and gone when it stops; outside systemd there is none, and the message says what to use instead.
    /// </summary>
    private static Secret? FromCredential(Place at, string shown, string name)
    {
        if (name.Length == 0 || name is "." or ".." || name.Contains('/') || name.Any(char.IsControl))
        {
            at.Error($"{shown}is not a credential name (one word, no '/'); write e.g. {at.Key} = \"credential:nut\" for LoadCredential=nut:/etc/supervisor/nut.pw");
            return null;
        }
        var directory = Environment.GetEnvironmentVariable(CredentialsDirectoryVariable);
        if (string.IsNullOrEmpty(directory))
        {
            at.Error($"{shown}${CredentialsDirectoryVariable} is not set, so there is no systemd credential \"{name}\"; " +
                     $"run under systemd with LoadCredential={name}:/path/to/the/{at.What.Replace(' ', '-')} in the service unit, or use \"file:/path\"");
            return null;
        }
        var full = System.IO.Path.Combine(directory, name);
        return FirstLine(at, shown, full, $"no credential \"{name}\" in ${CredentialsDirectoryVariable} ({directory}); " +
                                          $"add LoadCredential={name}:/path/to/the/{at.What.Replace(' ', '-')} to the service unit, or fix the name");
    }

    /// <summary>The first line of <paramref name="full"/>, trimmed (so a trailing newline is no part of the secret).</summary>
    private static Secret? FirstLine(Place at, string shown, string full, string missing)
    {
        try
        {
            if (!File.Exists(full))
            {
                at.Error(shown + missing);
                return null;
            }
            var first = File.ReadLines(full).FirstOrDefault()?.Trim();
            if (!string.IsNullOrEmpty(first)) return new Secret(first);
            at.Error($"{shown}file \"{full}\" is empty; put the {at.What} on its first line");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            at.Error($"{shown}cannot read file \"{full}\" ({e.Message}); check its permissions for the service user");
        }
        return null;
    }
}
