namespace Supervisor.Node.Cli;

/// <summary>
/// <c>supervisor hash-password</c>: reads a password from stdin (the first line; never an argument, which the shell's
/// history and <c>ps</c> would show) and prints its bcrypt hash for <c>supervisor.http.users.&lt;name&gt;.password-hash</c>.
/// Exit 0 = printed, 2 = no password on stdin.
/// </summary>
internal static class HashPasswordCommand
{
    /// <summary>bcrypt's cost: 2^12 rounds, about 0.2 s per login here, slow enough to make guessing a stolen hash dear.</summary>
    public const int WorkFactor = 12;

    public static Command Create()
    {
        var command = new Command("hash-password", "Read a password from stdin and print its bcrypt hash for supervisor.http.users.<name>.password-hash (docs/web.md).");
        command.SetAction(_ => Print(Console.In, Console.Out, Console.Error));
        return command;
    }

    public static int Print(TextReader input, TextWriter output, TextWriter errors)
    {
        var password = input.ReadLine();
        if (string.IsNullOrEmpty(password))
        {
            errors.WriteLine("supervisor: no password on stdin; type it and press Enter, or: printf '%s\\n' \"$PASSWORD\" | supervisor hash-password");
            return 2;
        }
        output.WriteLine(BCrypt.Net.BCrypt.HashPassword(password, WorkFactor));
        return 0;
    }
}
