namespace Supervisor.Node.Cli.Init;

/// <summary><c>--password-file F</c>: the secret is read from the file for the probe, and the config refers to the file, never holds it.</summary>
internal static class PasswordFile
{
    public static (Secret? Password, string? Error) Read(string? path, string? user)
    {
        if (path is null) return (null, null);
        if (user is null) return (null, $"--password-file {path} needs --user too (upsd checks a password only together with its user from upsd.users)");
        try
        {
            var first = File.ReadLines(path).FirstOrDefault()?.Trim() ?? "";
            return first.Length == 0 ? (null, $"--password-file {path} is empty; put the password of user \"{user}\" (from upsd.users) on its first line") : (new Secret(first), null);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return (null, $"--password-file {path}: cannot read it ({e.Message}); give a readable file with the password on its first line");
        }
    }
}
