using static Supervisor.Configuration.Tests.LoaderTestSupport;

namespace Supervisor.Configuration.Tests;

/// <summary><c>supervisor.agent.actions.&lt;name&gt; { type = nut-fsd }</c>: server with its default port, the password as a secret.</summary>
public sealed class NutFsdActionConfigTests
{
    private static string With(string body) =>
        Base + $"\nsupervisor.agent.actions.tell-nas {{ type = nut-fsd, {body} }}";

    private static NutFsdSpec SpecOf(SupervisorSettings s) => (NutFsdSpec)s.Agent!.Actions.Single(a => a.Name == "tell-nas").Spec;

    [Fact]
    public void A_server_without_a_port_uses_3493_and_the_secondaries_are_waited_for_by_default()
    {
        var spec = SpecOf(LoadValid(With("server = nas-1.lan, ups = ups1, username = supervisor, password = s3cret-pw")));
        Assert.Equal(("nas-1.lan", 3493, "ups1", "supervisor", true), (spec.Host, spec.Port, spec.Ups, spec.Username, spec.WaitForLogouts));
        Assert.Equal("s3cret-pw", spec.Password!.Reveal());
    }

    [Fact]
    public void A_server_with_a_port_and_wait_for_logouts_off_are_read()
    {
        var spec = SpecOf(LoadValid(With("server = \"10.0.0.5:13493\", ups = ups1, username = u, password = p, wait-for-logouts = off")));
        Assert.Equal(("10.0.0.5", 13493, false), (spec.Host, spec.Port, spec.WaitForLogouts));
    }

    [Fact]
    public void The_password_comes_through_a_secret_reference_and_is_never_described()
    {
        Environment.SetEnvironmentVariable("SUPERVISOR_TEST_NUT_FSD_PW", "from-env-pw");
        var spec = SpecOf(LoadValid(With("server = nas, ups = ups1, username = u, password = \"env:SUPERVISOR_TEST_NUT_FSD_PW\"")));
        Assert.Equal("from-env-pw", spec.Password!.Reveal());
        Assert.DoesNotContain("from-env-pw", spec.Describe());
        Assert.DoesNotContain("from-env-pw", spec.ToString());
    }
}
