namespace Supervisor.Configuration.Tests;

internal static class LoaderTestSupport
{
    /// <summary>A valid NUT device body to build on.</summary>
    public const string NutDevice = "driver = nut, host = \"127.0.0.1\", ups = ups1";

    /// <summary>A group over ups-a with one step on hv-1 (the agent below).</summary>
    public const string RackA = """
        supervisor.groups.rack-a {
          members = [ups-a]
          shutdown.phases = [ { name = local-host, steps = [ { host = hv-1, action = poweroff } ] } ]
        }
        supervisor.agent { host = hv-1, actions { poweroff { command = ["systemctl", "poweroff"] } } }
        """;

    /// <summary>ups-a (NUT) in rack-a: the smallest valid configuration, for a test to add the section it is about.</summary>
    public const string Base = "supervisor.devices.ups-a { " + NutDevice + " }\n" + RackA;

    /// <summary>ups-a with <paramref name="body"/> (its driver and keys) in rack-a.</summary>
    public static string Device(string body) => $"supervisor.devices.ups-a {{ {body} }}\n{RackA}";

    /// <summary>ups-a, a NUT device with user upsmon and <paramref name="passwordSetting"/> (e.g. <c>password = "env:X"</c>), in rack-a.</summary>
    public static string NutWith(string passwordSetting) =>
        $"supervisor.devices.ups-a {{ driver = nut, host = \"127.0.0.1\", ups = ups1, username = upsmon, {passwordSetting} }}\n{RackA}";

    /// <summary>The password ups-a's options hold, revealed.</summary>
    public static string? PasswordOf(ConfigLoadResult r) => ((NutOptions)r.Settings!.Devices.Single().Options).Password?.Reveal();

    public static ConfigLoadResult Load(string hocon) => SupervisorConfigLoader.Load(ConfigurationFactory.ParseString(hocon));

    public static SupervisorSettings LoadValid(string hocon)
    {
        var result = Load(hocon);
        Assert.True(result.Errors.Count == 0, "unexpected errors: " + string.Join(" | ", result.Errors));
        return result.Settings!;
    }

    public static ConfigError SingleError(ConfigLoadResult result)
    {
        Assert.True(result.Errors.Count == 1, "expected one error, got: " + string.Join(" | ", result.Errors));
        Assert.Null(result.Settings);
        return result.Errors[0];
    }

    /// <summary>
    /// Asserts that <paramref name="hocon"/> fails with one error, at <paramref name="path"/>, whose message holds
    /// <paramref name="messagePart"/> (the fix it teaches), and returns it for any further checks.
    /// </summary>
    public static ConfigError AssertRejected(string hocon, string path, string messagePart = "")
    {
        var error = SingleError(Load(hocon));
        Assert.Equal(path, error.Path);
        Assert.Contains(messagePart, error.Message);
        return error;
    }

    /// <summary>As <see cref="AssertRejected"/>, for a value whose mistake may also make other keys fail: one of the errors is at <paramref name="path"/>.</summary>
    public static ConfigError AssertErrorAt(string hocon, string path, string messagePart)
    {
        var error = Assert.Single(Load(hocon).Errors, e => e.Path == path);
        Assert.Contains(messagePart, error.Message);
        return error;
    }

    /// <summary>Asserts that <paramref name="hocon"/> loads with a warning at <paramref name="path"/> whose message holds <paramref name="messagePart"/>.</summary>
    public static void AssertWarned(string hocon, string path, string messagePart = "") =>
        Assert.Contains(Load(hocon).Warnings, w => w.Path == path && w.Message.Contains(messagePart, StringComparison.Ordinal));

    /// <summary>Asserts that <paramref name="hocon"/> loads with no error and one warning, at <paramref name="path"/>, whose message holds <paramref name="messagePart"/>.</summary>
    public static ConfigError AssertOnlyWarning(string hocon, string path, string messagePart)
    {
        var result = Load(hocon);
        Assert.True(result.Errors.Count == 0, "unexpected errors: " + string.Join(" | ", result.Errors));
        Assert.NotNull(result.Settings);
        var warning = Assert.Single(result.Warnings);
        Assert.Equal(path, warning.Path);
        Assert.Contains(messagePart, warning.Message);
        return warning;
    }

    /// <summary>The repository root (holds Supervisor.sln), for the example configs.</summary>
    public static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Supervisor.sln"))) return dir.FullName;
        throw new InvalidOperationException("Supervisor.sln not found above " + AppContext.BaseDirectory);
    }
}

/// <summary>A temporary directory removed after the test.</summary>
internal sealed class TempDir : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("supervisor-config-").FullName;

    public string Write(string name, string content)
    {
        var file = System.IO.Path.Combine(Path, name);
        File.WriteAllText(file, content);
        return file;
    }

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
