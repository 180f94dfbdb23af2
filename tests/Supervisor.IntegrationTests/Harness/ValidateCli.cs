namespace Supervisor.IntegrationTests.Harness;

/// <summary><c>supervisor validate FILE</c> in-process, as the CLI runs it.</summary>
public static class ValidateCli
{
    /// <summary>The exit code and what validate printed; the printout goes to the test output as well, even when validate throws.</summary>
    public static (int Exit, string Output) Run(string file, ITestOutputHelper output)
    {
        var writer = new StringWriter();
        int exit;
        try { exit = ValidateCommand.Validate(file, writer); }
        finally { output.WriteLine(writer.ToString()); }
        return (exit, writer.ToString());
    }
}
