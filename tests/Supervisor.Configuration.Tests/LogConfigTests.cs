using static Supervisor.Configuration.Tests.LoaderTestSupport;

namespace Supervisor.Configuration.Tests;

/// <summary><c>supervisor.log.akka-level</c>: Akka's own lines show from warning up unless the operator asks for more.</summary>
public class LogConfigTests
{
    [Fact]
    public void Akka_level_should_default_to_warning_from_reference_conf()
    {
        Assert.Equal(AkkaLogLevel.Warning, LoadValid(Base).Log.AkkaLevel);
    }

    [Theory]
    [InlineData("info", AkkaLogLevel.Info)]
    [InlineData("DEBUG", AkkaLogLevel.Debug)]
    [InlineData("off", AkkaLogLevel.Off)]
    public void Akka_level_should_read_any_level_in_any_case(string written, AkkaLogLevel expected)
    {
        Assert.Equal(expected, LoadValid(Base + $"\nsupervisor.log.akka-level = {written}").Log.AkkaLevel);
    }

    [Fact]
    public void A_misspelt_key_in_the_log_block_should_be_warned_about()
    {
        AssertWarned(Base + "\nsupervisor.log.akka-levle = info", "supervisor.log.akka-levle");
    }
}
