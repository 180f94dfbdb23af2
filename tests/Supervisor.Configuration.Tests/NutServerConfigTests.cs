using static Supervisor.Configuration.Tests.LoaderTestSupport;

namespace Supervisor.Configuration.Tests;

/// <summary><c>supervisor.nut-server</c>: reference.conf's defaults, users with secret passwords, and errors at their path with the fix.</summary>
public class NutServerConfigTests
{
    [Fact]
    public void Nut_server_should_default_to_off_on_loopback_3493_without_users_or_devices()
    {
        var nut = LoadValid(Base).NutServer;
        Assert.Equal(NutServerSettings.Off with { Users = nut.Users }, nut);
        Assert.Empty(nut.Users);
        Assert.Equal("NUT server: off", nut.SummaryLine());
    }

    [Fact]
    public void Nut_server_should_read_listen_users_with_roles_and_env_passwords()
    {
        Environment.SetEnvironmentVariable("NUT_TEST_NAS_PW", "from-env");
        var nut = LoadValid(Base + """

            supervisor.nut-server {
              enabled = on
              listen = "0.0.0.0:13493"
              expose-devices = on
              users {
                nas { password = "env:NUT_TEST_NAS_PW", role = secondary }
                boss { password = "inline-pw", role = master }
              }
            }
            """).NutServer;
        Assert.True(nut.Enabled);
        Assert.True(nut.ExposeDevices);
        Assert.Equal(("0.0.0.0", 13493), (nut.Host, nut.Port));
        Assert.Equal([("nas", NutUserRole.Secondary, "from-env"), ("boss", NutUserRole.Primary, "inline-pw")],
            nut.Users.Select(u => (u.Name, u.Role, u.Password.Reveal())));
        Assert.Equal("NUT server: 0.0.0.0:13493; groups and devices as virtual UPSes; users nas (secondary), boss (primary)", nut.SummaryLine());
        var summary = ConfigSummary.Format(LoadValid(Base + "\nsupervisor.nut-server { enabled = on, users.boss { password = inline-pw, role = primary } }"));
        Assert.Contains("NUT server: 127.0.0.1:3493; groups as virtual UPSes; users boss (primary)", summary);
        Assert.DoesNotContain("inline-pw", summary);
    }

    [Fact]
    public void Docs_example_should_load_as_written()
    {
        var doc = File.ReadAllText(Path.Combine(RepoRoot(), "docs", "nut-server.md"));
        var start = doc.IndexOf("```hocon\n", StringComparison.Ordinal) + "```hocon\n".Length;
        var example = doc[start..doc.IndexOf("```", start, StringComparison.Ordinal)];
        Environment.SetEnvironmentVariable("NUT_NAS_PASSWORD", "docs-example-pw");
        var nut = LoadValid(Base + "\n" + example).NutServer;
        Assert.Equal([("nas", NutUserRole.Secondary)], nut.Users.Select(u => (u.Name, u.Role)));
        Assert.Equal(("0.0.0.0", 3493), (nut.Host, nut.Port));
    }

    [Fact]
    public void Nut_server_should_warn_about_an_unknown_key()
    {
        AssertWarned(Base + "\nsupervisor.nut-server.lisen = \"127.0.0.1:1\"", "supervisor.nut-server.lisen");
    }
}
