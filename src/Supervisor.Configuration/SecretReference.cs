namespace Supervisor.Configuration;

/// <summary>Where a secret written as a reference lives.</summary>
internal enum SecretSource
{
    /// <summary><c>env:NAME</c>: an environment variable of the service.</summary>
    Environment,
    /// <summary><c>file:PATH</c>: the first line of a file; a relative path starts at the config file's directory.</summary>
    File,
    /// <summary><c>credential:NAME</c>: a systemd credential, the file <c>$CREDENTIALS_DIRECTORY/NAME</c> (<c>LoadCredential=</c>).</summary>
    Credential,
}

/// <summary>
/// A secret value written as a reference — <c>"env:NUT_PASSWORD"</c>, <c>"file:/run/secrets/nut"</c>,
/// <c>"credential:nut"</c> — instead of the secret itself. Holds only the reference, never a value, so it may be
/// shown in messages. The old <c>password-file</c> / <c>password-env</c> keys are the same references.
/// </summary>
internal readonly record struct SecretReference(SecretSource Source, string Target)
{
    private static readonly (string Prefix, SecretSource Source)[] Prefixes =
        [("env:", SecretSource.Environment), ("file:", SecretSource.File), ("credential:", SecretSource.Credential)];

    /// <summary>
    /// The reference <paramref name="value"/> is written as, or false for a literal secret. A value that must itself
    /// start with one of the prefixes is put in a file and referenced with <c>file:</c>.
    /// </summary>
    public static bool TryParse(string value, out SecretReference reference)
    {
        foreach (var (prefix, source) in Prefixes)
            if (value.StartsWith(prefix, StringComparison.Ordinal))
            {
                reference = new(source, value[prefix.Length..].Trim());
                return true;
            }
        reference = default;
        return false;
    }

    /// <summary>As written in the config, e.g. <c>env:NUT_PASSWORD</c>.</summary>
    public override string ToString()
    {
        var source = Source;
        return Prefixes.First(p => p.Source == source).Prefix + Target;
    }
}
