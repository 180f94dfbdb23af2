namespace Supervisor.IntegrationTests.Cli;

/// <summary>Files of the repository itself (the shipped demo config and examples), found from the test binaries.</summary>
internal static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string DemoConfig => Path.Combine(Root, "config", "supervisor.conf");

    public static string Example(string name) => Path.Combine(Root, "config", "examples", name);

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Supervisor.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException($"Supervisor.sln not found above {AppContext.BaseDirectory}");
    }
}
