using static Supervisor.Configuration.Tests.LoaderTestSupport;

namespace Supervisor.Configuration.Tests;

/// <summary><c>progress-interval</c>: the on-battery progress line's pace, per device or in defaults.device, or off.</summary>
public class ProgressIntervalConfigTests
{
    private static string Config(string extra) => $"supervisor.devices.ups-a {{ {NutDevice}{extra} }}\n" + RackA;

    [Fact]
    public void Progress_interval_should_default_to_ten_seconds_from_reference_conf()
    {
        Assert.Equal(TimeSpan.FromSeconds(10), LoadValid(Config("")).Devices[0].ProgressInterval);
    }

    [Fact]
    public void Progress_interval_should_read_a_device_value_and_off()
    {
        Assert.Equal(TimeSpan.FromSeconds(30), LoadValid(Config(", progress-interval = 30s")).Devices[0].ProgressInterval);
        Assert.Null(LoadValid(Config(", progress-interval = off")).Devices[0].ProgressInterval);
    }

    [Fact]
    public void Progress_interval_should_refuse_zero_naming_the_key_and_the_fix()
    {
        AssertRejected(Config(", progress-interval = 0s"), "supervisor.devices.ups-a.progress-interval", "10s (or off)");
    }
}
