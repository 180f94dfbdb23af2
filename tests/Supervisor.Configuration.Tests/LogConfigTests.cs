using static Supervisor.Configuration.Tests.LoaderTestSupport;

namespace Supervisor.Configuration.Tests;

/// <summary><c>supervisor.log.akka-level</c>: Akka's own lines show from warning up unless the operator asks for more.</summary>
public class LogConfigTests
{
    private const string Base = "supervisor.devices.ups-a { " + NutDevice + " }\n" + RackA;

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
    public void Akka_level_should_refuse_an_unknown_word_naming_the_choices()
    {
        var e = SingleError(Load(Base + "\nsupervisor.log.akka-level = chatty"));
        Assert.Equal("supervisor.log.akka-level", e.Path);
        Assert.Contains("debug, info, warning, error, off", e.Message);
    }

    [Fact]
    public void A_misspelt_key_in_the_log_block_should_be_warned_about()
    {
        var r = Load(Base + "\nsupervisor.log.akka-levle = info");
        Assert.Contains(r.Warnings, w => w.Path == "supervisor.log.akka-levle");
    }
}
