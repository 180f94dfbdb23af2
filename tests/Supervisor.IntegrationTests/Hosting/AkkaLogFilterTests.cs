using Akka.Cluster;
using Akka.Event;
using Akka.Remote;
using Supervisor.Actors.Devices;
using Supervisor.Domain.Configuration;

namespace Supervisor.IntegrationTests.Hosting;

/// <summary>
/// Issue 14, logs a person can read: the supervisor's own lines always show; Akka's own from supervisor.log.akka-level
/// up (default warning), with the singleton proxy's false start-up warning counted as info.
/// </summary>
public class AkkaLogFilterTests
{
    private static readonly Type AkkaClass = typeof(RemoteTransport);
    private static readonly Type OurClass = typeof(DeviceActor);
    private const string ProxyWarning = "ClusterSingletonProxy failed to find an associated singleton named [singleton] in role [supervisor] after 30 seconds.";

    [Fact]
    public void Our_lines_should_show_at_every_level_whatever_akka_level_says()
    {
        Assert.True(AkkaLogFilter.Shows(OurClass, "akka://supervisor/user/supervisor/singleton/ups-a", LogLevel.InfoLevel, "Device ups-a: …", AkkaLogLevel.Off));
        Assert.True(AkkaLogFilter.Shows(typeof(DummyClassForStringSources), "supervisor", LogLevel.InfoLevel, "Supervisor: watching 2 device(s)", AkkaLogLevel.Off));
    }

    [Fact]
    public void Akka_info_chatter_should_be_left_out_at_the_default_level_and_shown_at_info()
    {
        Assert.False(AkkaLogFilter.Shows(AkkaClass, "akka://supervisor/system/remoting", LogLevel.InfoLevel, "Remoting started", AkkaLogLevel.Warning));
        Assert.False(AkkaLogFilter.Shows(typeof(Cluster), "Cluster", LogLevel.InfoLevel, "Leader is moving node", AkkaLogLevel.Warning));
        Assert.True(AkkaLogFilter.Shows(AkkaClass, "akka://supervisor/system/remoting", LogLevel.InfoLevel, "Remoting started", AkkaLogLevel.Info));
    }

    [Fact]
    public void Akka_warnings_and_errors_that_matter_should_show_at_the_default_level()
    {
        Assert.True(AkkaLogFilter.Shows(typeof(Cluster), "Cluster", LogLevel.WarningLevel, "Couldn't join seed nodes after [2] attempts", AkkaLogLevel.Warning));
        Assert.True(AkkaLogFilter.Shows(AkkaClass, "remoting", LogLevel.ErrorLevel, "NotSslRecordException: not an SSL/TLS record", AkkaLogLevel.Warning));
        Assert.False(AkkaLogFilter.Shows(AkkaClass, "remoting", LogLevel.WarningLevel, "Association failed", AkkaLogLevel.Error));
    }

    [Fact]
    public void The_singleton_proxy_false_warning_should_count_as_info()
    {
        Assert.False(AkkaLogFilter.Shows(AkkaClass, "akka://supervisor/user/supervisor-proxy", LogLevel.WarningLevel, ProxyWarning, AkkaLogLevel.Warning));
        Assert.True(AkkaLogFilter.Shows(AkkaClass, "akka://supervisor/user/supervisor-proxy", LogLevel.WarningLevel, ProxyWarning, AkkaLogLevel.Info));
    }

    [Fact]
    public void Off_should_hide_even_akka_errors()
    {
        Assert.False(AkkaLogFilter.Shows(AkkaClass, "remoting", LogLevel.ErrorLevel, "boom", AkkaLogLevel.Off));
    }
}
