using Supervisor.Domain.Configuration;

namespace Supervisor.Domain.Tests.Configuration;

/// <summary>
/// Each driver's options describe themselves for <c>validate</c>'s summary and name the host the validator checks (issue 10:
/// no switch on the options types in ConfigSummary or SettingsValidator). The texts are the ones those switches printed.
/// </summary>
public class DriverOptionsDescriptionTests
{
    private sealed record UnknownOptions : DriverOptions;

    public static TheoryData<DriverOptions, string, string?> Drivers() => new()
    {
        { new NutOptions("h", 3493, "ups1", null, null), "ups1@h:3493", "h" },
        { new NutOptions("h", 3493, "ups1", "mon", "pw") { Tls = new(NutTlsMode.StartTls, "/ca.pem", true, "ups.lan") },
            "ups1@h:3493 (user mon, password set), STARTTLS (verified against /ca.pem, name ups.lan)", "h" },
        { new NutOptions("h", 3493, "ups1", "mon", null) { Tls = new(NutTlsMode.StartTls, null, true, null) },
            "ups1@h:3493 (user mon), STARTTLS (verified against the system CA store)", "h" },
        { new NutOptions("h", 3493, "ups1", null, null) { Tls = new(NutTlsMode.StartTls, null, false, null) }, "ups1@h:3493, STARTTLS (certificate NOT checked)", "h" },
        { new KasaOptions("k", 9999, null), "k:9999", "k" },
        { new KasaOptions("k", 9999, "2"), "k:9999 outlet 2", "k" },
        { new ShellyOptions("s", 80, 1, ShellyGeneration.Auto, null, null), "s:80 channel 1", "s" },
        { new ShellyOptions("s", 80, 0, ShellyGeneration.Gen2, "admin", "pw"), "s:80 channel 0 (password set)", "s" },
        { new ModbusOptions("m", 502, 1, ModbusModel.Sdm630, []), "m:502 unit 1 sdm630", "m" },
        { new ApcupsdOptions("a", 3551), "a:3551", "a" },
        { new SimulatedOptions(SimulatedProfile.CommsLoss, TimeSpan.Zero, null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1),
            TimeSpan.Zero, TimeSpan.FromSeconds(1), 20, 40, 230, 400), "profile comms-loss", null },
        { new UnknownOptions(), "UnknownOptions", null },
    };

    [Theory]
    [MemberData(nameof(Drivers))]
    public void Options_should_describe_their_target_and_host(DriverOptions options, string target, string? host)
    {
        Assert.Equal(target, options.SummaryTarget());
        Assert.Equal(host, options.ConnectsTo());
    }

    [Fact]
    public void Options_should_keep_describing_methods_out_of_the_record_text()
    {
        // SummaryTarget/ConnectsTo are methods so that ToString (logged) is what it was.
        Assert.Equal("KasaOptions { Host = k, Port = 9999, Outlet =  }", new KasaOptions("k", 9999, null).ToString());
        Assert.Equal("ApcupsdOptions { Host = a, Port = 3551 }", new ApcupsdOptions("a", 3551).ToString());
    }
}
