using static Supervisor.Configuration.Tests.LoaderTestSupport;

namespace Supervisor.Configuration.Tests;

/// <summary><c>driver = apcupsd</c> keys: defaults from reference.conf, overrides, and bad values reported at their path.</summary>
public class ApcupsdConfigTests
{
    [Fact]
    public void Loader_should_use_port_3551_when_only_host_is_set()
    {
        var d = LoadValid(Device("driver = apcupsd, host = \"10.0.0.5\"")).Devices.Single();
        Assert.Equal("apcupsd", d.Driver);
        Assert.Equal(new ApcupsdOptions("10.0.0.5", 3551), d.Options);
        Assert.Equal(TimeSpan.FromSeconds(3), d.Timeout); // the common device defaults still apply
    }

    [Fact]
    public void Loader_should_use_overrides_when_port_and_common_keys_are_set()
    {
        var d = LoadValid(Device("driver = apcupsd, host = nas.local, port = 13551, timeout = 1s, poll-interval = 5s")).Devices.Single();
        Assert.Equal(new ApcupsdOptions("nas.local", 13551), d.Options);
        Assert.Equal((TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5)), (d.Timeout, d.PollInterval));
    }

    [Fact]
    public void Loader_should_use_changed_driver_default_when_user_overrides_supervisor_defaults_apcupsd()
    {
        var s = LoadValid($"supervisor.defaults.apcupsd.port = 3552\n{Device("driver = apcupsd, host = a")}");
        Assert.Equal(new ApcupsdOptions("a", 3552), s.Devices.Single().Options);
    }

    [Fact]
    public void Loader_should_accept_driver_name_in_any_case_when_written_in_capitals()
    {
        Assert.IsType<ApcupsdOptions>(LoadValid(Device("driver = APCUPSD, host = a")).Devices.Single().Options);
    }

    [Fact]
    public void Loader_should_report_missing_host_at_its_path_when_host_is_not_set()
    {
        Assert.StartsWith("missing; set the host running apcupsd", AssertRejected(Device("driver = apcupsd"), "supervisor.devices.ups-a.host").Message);
    }

    [Fact]
    public void Loader_should_report_bad_default_at_the_defaults_path_when_supervisor_defaults_port_is_wrong()
    {
        AssertRejected($"supervisor.defaults.apcupsd.port = 0\n{Device("driver = apcupsd, host = a")}", "supervisor.defaults.apcupsd.port");
    }

    [Fact]
    public void Loader_should_warn_with_suggestion_when_a_key_is_misspelled()
    {
        AssertOnlyWarning(Device("driver = apcupsd, host = a, prot = 3551"), "supervisor.devices.ups-a.prot", "did you mean port?");
    }

    [Fact]
    public void Loader_should_reject_nut_keys_as_unknown_when_driver_is_apcupsd()
    {
        AssertWarned(Device("driver = apcupsd, host = a, ups = ups1"), "supervisor.devices.ups-a.ups");
    }
}
