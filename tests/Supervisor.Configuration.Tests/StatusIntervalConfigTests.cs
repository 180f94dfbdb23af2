using static Supervisor.Configuration.Tests.LoaderTestSupport;

namespace Supervisor.Configuration.Tests;

/// <summary><c>status-interval</c> (issue 9 part E): its default per driver, off, overrides, and bad values at their path.</summary>
public class StatusIntervalConfigTests
{
    private static TimeSpan? StatusInterval(string body) => LoadValid(Device(body)).Devices.Single().StatusInterval;

    [Fact]
    public void Loader_should_watch_a_nut_status_every_100ms_when_the_device_does_not_say() =>
        Assert.Equal(TimeSpan.FromMilliseconds(100), StatusInterval(NutDevice));

    [Fact]
    public void Loader_should_watch_an_apcupsd_status_every_250ms_when_the_device_does_not_say() =>
        // NIS answers only with the whole status: 17 times the CPU of a NUT GET VAR (bench reaction, status watch load).
        Assert.Equal(TimeSpan.FromMilliseconds(250), StatusInterval("driver = apcupsd, host = a"));

    [Theory]
    [InlineData("nut")]
    [InlineData("apcupsd")]
    public void Reader_should_take_what_reference_conf_says_when_no_layer_sets_status_interval(string driver)
    {
        // The reader has no default of its own: a driver that watches its status has one in reference.conf.
        var reference = SupervisorConfigLoader.ReferenceConfig.GetTimeSpan($"supervisor.defaults.{driver}.status-interval");
        Assert.True(DriverOptionsReader.Find(driver)!.WatchesStatus);
        var host = driver == "nut" ? NutDevice : $"driver = {driver}, host = a";
        Assert.Equal(reference, StatusInterval(host));
    }

    [Theory]
    [InlineData("driver = simulated")]
    [InlineData("driver = kasa, host = a")]
    [InlineData("driver = modbus, host = a")]
    [InlineData("driver = shelly, host = a")]
    public void Loader_should_not_watch_when_the_driver_cannot_read_its_status_alone(string body) =>
        Assert.Null(StatusInterval(body));

    [Theory]
    [InlineData("off")]
    [InlineData("false")]
    public void Loader_should_turn_the_watch_off_when_status_interval_is_off(string off) =>
        Assert.Null(StatusInterval($"{NutDevice}, status-interval = {off}"));

    [Fact]
    public void Loader_should_use_the_device_value_when_status_interval_is_set()
    {
        Assert.Equal(TimeSpan.FromMilliseconds(100), StatusInterval($"{NutDevice}, status-interval = 100ms"));
        Assert.Equal(TimeSpan.FromSeconds(1), StatusInterval("driver = apcupsd, host = a, status-interval = 1s"));
    }

    [Fact]
    public void Loader_should_turn_every_nut_watch_off_when_supervisor_defaults_nut_says_off()
    {
        var s = LoadValid($"supervisor.defaults.nut.status-interval = off\n{Device(NutDevice)}");
        Assert.Null(s.Devices.Single().StatusInterval);
    }

    [Fact]
    public void Loader_should_warn_when_status_interval_is_not_shorter_than_poll_interval()
    {
        var r = Load(Device($"{NutDevice}, poll-interval = 1s, status-interval = 1s"));
        Assert.Empty(r.Errors);
        var w = Assert.Single(r.Warnings, w => w.Path == "supervisor.devices.ups-a.status-interval");
        Assert.Contains("1s is not shorter than poll-interval 1s", w.Message);
    }

    [Fact]
    public void Loader_should_warn_that_status_interval_is_ignored_when_the_driver_cannot_watch()
    {
        var r = Load(Device("driver = kasa, host = a, status-interval = 250ms"));
        Assert.Contains(r.Warnings, w => w.Path == "supervisor.devices.ups-a.status-interval" && w.Message.StartsWith("unknown key \"status-interval\" is ignored", StringComparison.Ordinal));
        Assert.Null(r.Settings!.Devices.Single().StatusInterval);
    }

    [Fact]
    public void Summary_should_show_the_status_interval_when_a_device_watches()
    {
        var text = ConfigSummary.Format(LoadValid(Device(NutDevice)));
        Assert.Contains("poll 2s  stale 10s  timeout 3s  status 100ms", text);
    }
}
