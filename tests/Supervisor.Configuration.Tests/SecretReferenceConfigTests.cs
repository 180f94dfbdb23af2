using Supervisor.Domain.Configuration;
using static Supervisor.Configuration.Tests.LoaderTestSupport;

namespace Supervisor.Configuration.Tests;

/// <summary>
/// A secret value written as a reference — <c>password = "env:NAME"</c>, <c>"file:PATH"</c> — and the old
/// <c>password-file</c> / <c>password-env</c> keys, which resolve the same way. <c>credential:</c> is in
/// <see cref="SecretCredentialConfigTests"/> (it sets the process-wide CREDENTIALS_DIRECTORY).
/// </summary>
public sealed class SecretReferenceConfigTests : IDisposable
{
    private const string Value = "ref-Secret-42";
    private readonly TempDir _dir = new();
    private readonly string _variable = "SUPERVISOR_TEST_REF_" + Guid.NewGuid().ToString("N");

    public void Dispose()
    {
        Environment.SetEnvironmentVariable(_variable, null);
        _dir.Dispose();
    }

    private static string Journal(string setting) => NutWith("poll-interval = 2s") + $"\nsupervisor.journal {{ provider = postgresql, {setting} }}";

    [Fact]
    public void Password_should_be_read_from_the_environment_when_written_as_env_reference()
    {
        Environment.SetEnvironmentVariable(_variable, Value);
        Assert.Equal(Value, PasswordOf(Load(NutWith($"password = \"env:{_variable}\""))));
    }

    [Fact]
    public void Password_should_be_read_from_the_first_line_of_a_file_when_written_as_file_reference()
    {
        var file = _dir.Write("nut.pw", Value + "\n");
        Assert.Equal(Value, PasswordOf(Load(NutWith($"password = \"file:{file}\""))));
    }

    [Fact]
    public void Relative_file_reference_should_resolve_against_the_config_files_directory()
    {
        _dir.Write("nut.pw", Value + "\r\n");
        var config = _dir.Write("c.conf", NutWith("password = \"file:nut.pw\""));
        Assert.Equal(Value, PasswordOf(SupervisorConfigLoader.LoadFile(config)));
    }

    [Fact]
    public void Password_without_a_reference_prefix_should_stay_the_literal_password()
    {
        Assert.Equal("envy:" + Value, PasswordOf(Load(NutWith($"password = \"envy:{Value}\""))));
    }

    [Fact]
    public void Old_keys_and_references_should_resolve_to_the_same_secret()
    {
        var file = _dir.Write("nut.pw", Value + "\n");
        Environment.SetEnvironmentVariable(_variable, Value);
        var all = new[] { $"password = \"{Value}\"", $"password = \"file:{file}\"", $"password-file = \"{file}\"", $"password = \"env:{_variable}\"", $"password-env = {_variable}" }
            .Select(setting => ((NutOptions)LoadValid(NutWith(setting)).Devices.Single().Options).Password).ToList();
        Assert.All(all, p => Assert.Equal(new Secret(Value), p));
    }

    [Fact]
    public void Env_reference_should_name_the_key_the_reference_and_the_fix_when_the_variable_is_unset()
    {
        var e = AssertRejected(NutWith($"password = \"env:{_variable}\""), "supervisor.devices.ups-a.password");
        Assert.Equal($"\"env:{_variable}\": environment variable \"{_variable}\" is not set or empty; set it for the service " +
                     "(e.g. systemd Environment= or EnvironmentFile=), or use \"file:/path\" or \"credential:name\"", e.Message);
    }

    [Fact]
    public void Old_env_key_should_keep_its_message_when_the_variable_is_unset()
    {
        var e = AssertRejected(NutWith($"password-env = {_variable}"), "supervisor.devices.ups-a.password-env");
        Assert.EndsWith("or use password-file", e.Message);
    }

    [Theory]
    [InlineData("env:", "\"env:\": names no environment variable; write e.g. password = \"env:NUT_PASSWORD\"")]
    [InlineData("file: ", "\"file:\": names no file; write e.g. password = \"file:/etc/supervisor/password\"")]
    public void Reference_without_a_target_should_be_an_error_at_the_key(string written, string message)
    {
        var e = SingleError(Load(NutWith($"password = \"{written}\"")));
        Assert.Equal(("supervisor.devices.ups-a.password", message), (e.Path, e.Message));
    }

    [Fact]
    public void File_reference_should_name_the_reference_and_the_file_when_it_is_missing_or_empty()
    {
        var missing = Path.Combine(_dir.Path, "missing.pw");
        Assert.StartsWith($"\"file:{missing}\": file \"{missing}\" not found; create it with the password on its first line", AssertRejected(NutWith($"password = \"file:{missing}\""), "supervisor.devices.ups-a.password").Message);

        var empty = _dir.Write("empty.pw", "\n");
        Assert.Equal($"\"file:{empty}\": file \"{empty}\" is empty; put the password on its first line",
            SingleError(Load(NutWith($"password = \"file:{empty}\""))).Message);
    }

    [Fact]
    public void Connection_string_should_resolve_references_like_a_password()
    {
        const string connection = "Host=db;Database=s;Username=u;Password=" + Value;
        var file = _dir.Write("journal.conn", connection + "\n");
        Environment.SetEnvironmentVariable(_variable, connection);
        Assert.Equal(connection, LoadValid(Journal($"connection-string = \"file:{file}\"")).Journal.ConnectionString?.Reveal());
        Assert.Equal(connection, LoadValid(Journal($"connection-string = \"env:{_variable}\"")).Journal.ConnectionString?.Reveal());
    }

    [Fact]
    public void Connection_string_reference_errors_should_name_the_connection_string_key_and_never_the_value()
    {
        var missing = Path.Combine(_dir.Path, "missing.conn");
        AssertRejected(Journal($"connection-string = \"file:{missing}\""), "supervisor.journal.connection-string", "with the connection string on its first line");

        // Read through a reference, a string Npgsql cannot parse is reported at the key without quoting it.
        var bad = _dir.Write("bad.conn", $"Host=db;Password={Value};Bogus\n");
        var r = Load(Journal($"connection-string = \"file:{bad}\""));
        Assert.All(r.Errors, err => Assert.DoesNotContain(Value, err.ToString()));
        Assert.Equal("supervisor.journal.connection-string", SingleError(r).Path);
    }
}
