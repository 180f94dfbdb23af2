namespace Supervisor.Domain.Tests.Text;

public sealed class SecretRedactorTests
{
    private static DeviceSettings Nut(string id, string? password) => new(id, "nut", TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(10),
        TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(30), TriggerSettings.Defaults, new NutOptions("127.0.0.1", 3493, "ups1", "mon", password));

    private static SupervisorSettings Settings(params DeviceSettings[] devices) => new("data", devices, [], null);

    [Fact]
    public void Redact_should_mask_a_nut_password_when_a_server_quotes_it_plain_quoted_or_json_escaped()
    {
        var r = SecretRedactor.For(Settings(Nut("ups-a", "pa\"ss+wörd"), Nut("ups-b", "second-secret")));
        Assert.Equal("ERR ACCESS-DENIED ***", r.Redact("ERR ACCESS-DENIED pa\"ss+wörd"));
        Assert.Equal("reply \"PASSWORD ***\"", r.Redact("reply \"PASSWORD pa\\\"ss+wörd\""));
        Assert.Equal("{\"error\":\"***\"}", r.Redact(System.Text.Json.JsonSerializer.Serialize(new { error = "pa\"ss+wörd" })));
        Assert.Equal("ups-b said *** twice: ***", r.Redact("ups-b said second-secret twice: second-secret"));
    }

    [Fact]
    public void Redact_should_mask_the_tls_and_connection_string_passwords_when_they_are_configured()
    {
        var s = Settings() with
        {
            Tls = TlsSettings.Off with { CertificatePassword = "pfx-secret" },
            Journal = new JournalSettings(JournalProvider.PostgreSql, "Host=db;Username=u;Password='db-secret'"),
        };
        var r = SecretRedactor.For(s);
        Assert.Equal("bad *** and ***", r.Redact("bad pfx-secret and db-secret"));
        Assert.Equal("conn ***", r.Redact("conn Host=db;Username=u;Password='db-secret'"));
    }

    [Fact]
    public void Redact_should_change_nothing_when_no_secret_is_configured_or_a_secret_is_too_short()
    {
        Assert.True(SecretRedactor.For(Settings(Nut("ups-a", null))).IsEmpty);
        Assert.Equal("abc abc", SecretRedactor.For(Settings(Nut("ups-a", "abc"))).Redact("abc abc"));
    }

    [Fact]
    public void Clean_should_redact_then_escape_when_text_is_hostile()
    {
        var r = SecretRedactor.For(Settings(Nut("ups-a", "hunter22")));
        Assert.Equal("\\x1b[2J ***\\n", r.Clean("\u001b[2J hunter22\n"));
    }

    [Fact]
    public void Validator_should_warn_when_a_password_is_too_short_to_mask()
    {
        var w = SettingsValidator.ValidateWarnings(Settings(Nut("ups-a", "abc")));
        Assert.Contains(w, e => e.Path == "supervisor.devices.ups-a.password" && e.Message.Contains("too short to be masked"));
    }
}
