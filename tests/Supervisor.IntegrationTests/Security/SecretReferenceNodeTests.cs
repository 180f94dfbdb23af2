using System.Text;
using Npgsql;
using Supervisor.IntegrationTests.Harness;
using Supervisor.Tests.RealServers;
using Xunit.Abstractions;

namespace Supervisor.IntegrationTests.Security;

/// <summary>
/// A real node whose secrets come through every path there is — NUT passwords written literally, as <c>env:</c>,
/// <c>file:</c> and <c>credential:</c> references and with the old <c>password-file</c> / <c>password-env</c> keys,
/// each a user of its own on a real upsd, and the PostgreSQL journal's connection string as a <c>credential:</c> —
/// logs in with all of them (every device turns HEALTHY), runs a dry-run shutdown, and never prints one: not in its
/// log, not in <c>validate</c>, <c>status</c> or <c>report</c>, not in a file under its data dir, not in a database table.
/// </summary>
public sealed class SecretReferenceNodeTests(PostgresServer pg, ITestOutputHelper output) : IClassFixture<PostgresServer>, IDisposable
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);
    private static readonly string Run = Guid.NewGuid().ToString("N")[..10];
    private readonly Scenario _scenario = new();

    /// <summary>Device id → (how its password is written, the password). Letters and digits only: upsd.users and PostgreSQL take them unquoted.</summary>
    private static readonly (string Device, string Written, string Password)[] Devices =
    [
        ("ups-literal", $"password = \"LiteralPw{Run}\"", "LiteralPw" + Run),
        ("ups-env", "password = \"env:SUPERVISOR_IT_NUT_PW\"", "EnvRefPw" + Run),
        ("ups-file", "password = \"file:secrets/nut-file.pw\"", "FileRefPw" + Run),
        ("ups-cred", "password = \"credential:nut\"", "CredRefPw" + Run),
        ("ups-pwfile", "password-file = \"secrets/nut-legacy.pw\"", "PwFilePw" + Run),
        ("ups-pwenv", "password-env = SUPERVISOR_IT_NUT_LEGACY", "PwEnvPw" + Run),
    ];

    private static readonly string JournalPassword = "JournalPw" + Run;

    public void Dispose() => _scenario.Dispose();

    [Fact]
    public async Task Node_should_log_in_with_secrets_from_every_source_and_never_print_one()
    {
        await using var upsd = new UpsdServer { ExtraMonitors = Devices.ToDictionary(d => d.Device, d => d.Password) };
        await upsd.InitializeAsync();
        var connection = await pg.CreateDatabaseWithOwnRoleAsync(JournalPassword);
        var secrets = Devices.Select(d => d.Password).Append(JournalPassword).Append(connection).ToArray();

        var credentials = Directory.CreateDirectory(Path.Combine(_scenario.Dir, "credentials")).FullName;
        File.WriteAllText(Path.Combine(credentials, "nut"), Password("ups-cred") + "\n");
        File.WriteAllText(Path.Combine(credentials, "journal"), connection + "\n");
        Directory.CreateDirectory(Path.Combine(_scenario.Dir, "secrets"));
        File.WriteAllText(Path.Combine(_scenario.Dir, "secrets", "nut-file.pw"), Password("ups-file") + "\n");
        File.WriteAllText(Path.Combine(_scenario.Dir, "secrets", "nut-legacy.pw"), Password("ups-pwfile") + "\n");
        var environment = NodeProcess.EnvironmentWith(
            ("SUPERVISOR_IT_NUT_PW", Password("ups-env")), ("SUPERVISOR_IT_NUT_LEGACY", Password("ups-pwenv")), ("CREDENTIALS_DIRECTORY", credentials));
        var config = _scenario.WriteConfig("node.conf", Config(upsd.Port));

        var validate = await CliProcess.RunWithEnvironmentAsync(environment, "validate", config);
        Assert.True(validate.ExitCode == 0, validate.Stdout + validate.Stderr);

        var port = LoopbackPort.Free();
        using var node = NodeProcess.StartWithEnvironment(environment, "node", _scenario.Dir, config, port, output, "--dry-run");
        foreach (var (device, _, _) in Devices)
            await node.WaitForLineAsync($"Device {device}: \\w+ -> HEALTHY", Wait); // logged in: upsd took its password
        await upsd.SetStatusAsync("OB LB");
        await node.WaitForLineAsync("Saga rack-1-\\d{8}T\\d{6}: COMPLETE", Wait);

        var nodeAddress = $"127.0.0.1:{port}";
        var printed = new Dictionary<string, string>
        {
            ["validate"] = validate.Stdout + validate.Stderr,
        };
        foreach (var args in new[] { ["status", "--node", nodeAddress], ["status", "--node", nodeAddress, "--json"], ["report", "--config", config], new[] { "report", "--config", config, "--json" } })
        {
            var r = await CliProcess.RunWithEnvironmentAsync(environment, args);
            Assert.True(r.ExitCode == 0, $"{string.Join(' ', args)}: {r.Stdout}{r.Stderr}");
            printed[string.Join(' ', args)] = r.Stdout + r.Stderr;
        }
        node.Kill(); // its files are what it wrote; the data dir's lock is released
        printed["node log"] = string.Join("\n", node.Lines);
        foreach (var file in Directory.EnumerateFiles(Path.Combine(_scenario.Dir, "data"), "*", SearchOption.AllDirectories))
            printed[file] = Encoding.UTF8.GetString(File.ReadAllBytes(file));
        foreach (var (table, text) in await DatabaseTextAsync(connection))
            printed["table " + table] = text;

        Assert.Contains("agent-actions.jsonl", string.Join(" ", printed.Keys)); // the dry run wrote its action log
        Assert.Contains("table journal", printed.Keys);
        foreach (var (where, text) in printed)
            foreach (var secret in secrets)
                Assert.False(text.Contains(secret, StringComparison.Ordinal), $"{where} holds a configured secret (the one ending {secret[^4..]})");
    }

    private static string Password(string device) => Devices.Single(d => d.Device == device).Password;

    private static string Config(int upsdPort) => Hocon.Supervisor("data",
        string.Join("\n", Devices.Select(d => $$"""
            {{d.Device}} {
              driver = nut, host = "127.0.0.1", port = {{upsdPort}}, ups = ups1, username = {{d.Device}}
              {{d.Written}}
              poll-interval = 1s, stabilize = 2s
            }
            """)),
        $$"""
        rack {
          members = [{{string.Join(", ", Devices.Select(d => d.Device))}}]
          min-healthy = 1, startup-grace = 3s, rearm-after = 5s
          shutdown { safety-margin = 10s, retry-interval = 1s, phases = [ {{Hocon.Phase("local-host", Hocon.Step("it-host", "sync"))}} ] }
        }
        """,
        Hocon.Agent("it-host") + "\njournal { provider = postgresql, connection-string = \"credential:journal\" }");

    /// <summary>Every value of every table the node wrote (journal, snapshots, leases, stats_*), as text; binary columns decoded as UTF-8.</summary>
    private static async Task<IReadOnlyList<(string Table, string Text)>> DatabaseTextAsync(string connectionString)
    {
        await using var db = new NpgsqlConnection(connectionString);
        await db.OpenAsync();
        var tables = new List<string>();
        await using (var list = new NpgsqlCommand("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'", db))
        await using (var reader = await list.ExecuteReaderAsync())
            while (await reader.ReadAsync()) tables.Add(reader.GetString(0));
        var result = new List<(string, string)>();
        foreach (var table in tables)
        {
            var text = new StringBuilder();
            await using var select = new NpgsqlCommand($"SELECT * FROM \"{table}\"", db);
            await using var reader = await select.ExecuteReaderAsync();
            while (await reader.ReadAsync())
                for (var i = 0; i < reader.FieldCount; i++)
                    text.Append(reader.IsDBNull(i) ? "" : reader.GetValue(i) is byte[] bytes ? Encoding.UTF8.GetString(bytes) : reader.GetValue(i).ToString()).Append('\t');
            result.Add((table, text.ToString()));
        }
        return result;
    }
}
