namespace Supervisor.Drivers.Tests.Shelly;

/// <summary>
/// The driver against <see cref="FakeShelly"/>, which serves Shelly's documented payloads with live values
/// (there is no Shelly simulator in the registries; no real device was available).
/// </summary>
public sealed class ShellyDriverFakeShellyTests
{
    internal static readonly TimeSpan Timeout = TimeSpan.FromSeconds(3);

    internal static ShellyDriver Driver(FakeShelly fake, ShellyGeneration generation = ShellyGeneration.Auto,
        int channel = 0, string? user = null, string? password = null, TimeSpan? timeout = null, TimeProvider? time = null) =>
        new("plug-a", new ShellyOptions(fake.Host, fake.Port, channel, generation, user, password), timeout ?? Timeout, time ?? TimeProvider.System);

    [Fact]
    public async Task ReadAsync_should_read_power_relay_and_watt_minutes_as_kwh_when_device_is_a_gen1_plug_s()
    {
        await using var fake = new FakeShelly(ShellyModel.PlugS) { PowerWatts = 87.25, EnergyWh = 1500 };
        await using var driver = Driver(fake);

        var r = await driver.ReadAsync(CancellationToken.None);

        Assert.Equal("plug-a", r.DeviceId);
        Assert.Equal(87.25, r.PowerWatts);
        Assert.True(r.RelayOn);
        // The fake serves total = 1500 Wh * 60 = 90000 watt-minutes; 90000 / 60000 = 1.5 kWh.
        Assert.Equal(1.5, r.EnergyKwh!.Value, 9);
        Assert.True(r.OnLine);
        Assert.False(r.OnBattery);
        Assert.Null(r.ChargePercent);
        Assert.Contains("SHPLG-S", r.RawStatus);
        Assert.Empty(driver.LastWarnings);
    }

    [Fact]
    public async Task ReadAsync_should_read_voltage_current_and_wh_total_when_device_is_a_gen1_3em_with_emeters()
    {
        await using var fake = new FakeShelly(ShellyModel.Shelly3EM) { PowerWatts = 640.5, Voltage = 231.4, CurrentAmps = 2.9, EnergyWh = 2_500_000 };
        await using var driver = Driver(fake);

        var r = await driver.ReadAsync(CancellationToken.None);

        Assert.Equal(640.5, r.PowerWatts);
        Assert.Equal(231.4, r.InputVoltage);
        Assert.Equal(2.9, r.CurrentAmps);
        Assert.Equal(2500, r.EnergyKwh!.Value, 9); // emeters count Wh, not watt-minutes
        Assert.Contains("emeters[0]", r.RawStatus);
    }

    [Fact]
    public async Task ReadAsync_should_read_the_documented_second_phase_when_channel_is_1_on_a_3em()
    {
        await using var fake = new FakeShelly(ShellyModel.Shelly3EM);
        await using var driver = Driver(fake, channel: 1);

        var r = await driver.ReadAsync(CancellationToken.None);

        Assert.Equal(21.34, r.PowerWatts);
        Assert.Equal(0.3, r.CurrentAmps);
        Assert.Equal(331.8731, r.EnergyKwh!.Value, 6);
        Assert.Null(r.RelayOn); // the 3EM has one relay (channel 0) only
    }

    [Theory]
    [InlineData(ShellyModel.PlusPlugS, "SNPL-00112EU")]
    [InlineData(ShellyModel.Plus1PM, "SNSW-001P16EU")]
    public async Task ReadAsync_should_read_switch_status_when_device_is_gen2(ShellyModel model, string modelId)
    {
        await using var fake = new FakeShelly(model) { PowerWatts = 8.9, Voltage = 237.5, CurrentAmps = 0.04, FrequencyHz = 49.9, EnergyWh = 6532 };
        await using var driver = Driver(fake);

        var r = await driver.ReadAsync(CancellationToken.None);

        Assert.Equal(8.9, r.PowerWatts);
        Assert.Equal(237.5, r.InputVoltage);
        Assert.Equal(0.04, r.CurrentAmps);
        Assert.Equal(49.9, r.FrequencyHz);
        Assert.Equal(6.532, r.EnergyKwh!.Value, 9);
        Assert.True(r.RelayOn);
        Assert.Contains(modelId, r.RawStatus);
        Assert.Equal(2, driver.Device!.Generation);
    }

    [Fact]
    public async Task ReadAsync_should_leave_frequency_unknown_when_gen2_reply_has_no_freq()
    {
        await using var fake = new FakeShelly(ShellyModel.PlusPlugS) { FrequencyHz = null };
        await using var driver = Driver(fake);

        var r = await driver.ReadAsync(CancellationToken.None);

        Assert.Null(r.FrequencyHz);
        Assert.Equal(120.5, r.PowerWatts);
    }

    [Theory]
    [InlineData(ShellyModel.PlugS, 1, "GET /status")]
    [InlineData(ShellyModel.Shelly1PM, 1, "GET /status")]
    [InlineData(ShellyModel.PlusPlugS, 2, "GET /rpc/Switch.GetStatus?id=0")]
    public async Task ReadAsync_should_detect_generation_once_and_cache_it_when_generation_is_auto(ShellyModel model, int generation, string statusRequest)
    {
        await using var fake = new FakeShelly(model);
        await using var driver = Driver(fake);

        for (var i = 0; i < 3; i++) await driver.ReadAsync(CancellationToken.None);

        Assert.Equal(generation, driver.Device!.Generation);
        Assert.Equal(["GET /shelly", statusRequest, statusRequest, statusRequest], fake.Requests.ToArray());
    }

    [Fact]
    public async Task DeviceDriverFactory_should_build_a_shelly_driver_when_options_are_shelly()
    {
        await using var fake = new FakeShelly(ShellyModel.Plus1PM);
        var settings = new DeviceSettings("plug-b", "shelly", TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(10), Timeout,
            TimeSpan.FromSeconds(30), TriggerSettings.Defaults, new ShellyOptions(fake.Host, fake.Port, 0, ShellyGeneration.Auto, null, null));

        await using var driver = DeviceDriverFactory.Create(settings, TimeProvider.System);

        Assert.IsType<ShellyDriver>(driver);
        Assert.Equal("plug-b", (await driver.ReadAsync(CancellationToken.None)).DeviceId);
    }

    [Fact]
    public async Task ReadAsync_should_skip_detection_when_generation_is_forced()
    {
        await using var fake = new FakeShelly(ShellyModel.PlusPlugS);
        await using var driver = Driver(fake, ShellyGeneration.Gen2);

        await driver.ReadAsync(CancellationToken.None);

        Assert.Equal(["GET /rpc/Switch.GetStatus?id=0"], fake.Requests.ToArray());
        Assert.Null(driver.Device);
    }

    [Fact]
    public async Task ReadAsync_should_show_new_power_on_next_poll_when_device_power_changes()
    {
        await using var fake = new FakeShelly(ShellyModel.PlusPlugS);
        await using var driver = Driver(fake);
        Assert.Equal(120.5, (await driver.ReadAsync(CancellationToken.None)).PowerWatts);

        fake.PowerWatts = 0;
        Assert.Equal(0, (await driver.ReadAsync(CancellationToken.None)).PowerWatts);

        fake.PowerWatts = 310;
        Assert.Equal(310, (await driver.ReadAsync(CancellationToken.None)).PowerWatts);
    }

    [Theory]
    [InlineData(ShellyModel.PlugS)]
    [InlineData(ShellyModel.PlusPlugS)]
    public async Task ReadAsync_should_report_relay_off_with_a_warning_when_outlet_is_switched_off(ShellyModel model)
    {
        await using var fake = new FakeShelly(model);
        await using var driver = Driver(fake);
        await driver.ReadAsync(CancellationToken.None);

        fake.RelayOn = false;
        var r = await driver.ReadAsync(CancellationToken.None);

        Assert.False(r.RelayOn);
        Assert.Equal(0, r.PowerWatts);
        Assert.Contains("relay off", r.RawStatus);
        Assert.Contains(driver.LastWarnings, w => w.Contains("relay is off") && w.Contains("does not mean mains is lost"));
    }

    [Theory]
    [InlineData(ShellyModel.PlugS)]
    [InlineData(ShellyModel.PlusPlugS)]
    public async Task ReadAsync_should_ask_for_credentials_when_device_answers_401_and_none_are_set(ShellyModel model)
    {
        await using var fake = new FakeShelly(model);
        fake.RequireAuth("admin", "s3cret");
        await using var driver = Driver(fake);

        await DriverAssert.FailsAsync(driver, "device requires authentication; set username/password", "supervisor.devices.plug-a", $"http://127.0.0.1:{fake.Port}/");
    }

    [Fact]
    public async Task ReadAsync_should_send_basic_credentials_when_gen1_device_requires_them()
    {
        await using var fake = new FakeShelly(ShellyModel.PlugS);
        fake.RequireAuth("admin", "s3cret");
        await using var driver = Driver(fake, user: "admin", password: "s3cret");

        var r = await driver.ReadAsync(CancellationToken.None);

        Assert.Equal(120.5, r.PowerWatts);
        Assert.Equal(["GET /shelly", "GET /status [auth]"], fake.Requests.ToArray());
    }

    [Fact]
    public async Task ReadAsync_should_answer_the_digest_challenge_as_admin_when_gen2_device_requires_a_password()
    {
        await using var fake = new FakeShelly(ShellyModel.PlusPlugS);
        fake.RequireAuth("admin", "s3cret");
        await using var driver = Driver(fake, password: "s3cret"); // no username: Gen2 only knows admin

        var r = await driver.ReadAsync(CancellationToken.None);
        await driver.ReadAsync(CancellationToken.None);

        Assert.Equal(120.5, r.PowerWatts);
        // .NET does not pre-authenticate Digest: every poll is challenge + answer (two small requests, one connection).
        const string plain = "GET /rpc/Switch.GetStatus?id=0", authed = plain + " [auth]";
        Assert.Equal(["GET /shelly", plain, authed, plain, authed], fake.Requests.ToArray());
    }

    [Theory]
    [InlineData(ShellyModel.PlugS, "")]
    [InlineData(ShellyModel.PlusPlugS, "Gen2+ devices only accept the user admin")]
    public async Task ReadAsync_should_say_credentials_were_rejected_when_password_is_wrong(ShellyModel model, string hint)
    {
        await using var fake = new FakeShelly(model);
        fake.RequireAuth("admin", "s3cret");
        await using var driver = Driver(fake, user: "admin", password: "wrong");

        var ex = await DriverAssert.FailsAsync(driver, "rejected user \"admin\"", "HTTP 401", hint);
        Assert.DoesNotContain("wrong", ex.Message);
    }

    [Fact]
    public async Task ReadAsync_should_name_the_missing_channel_when_gen2_switch_id_does_not_exist()
    {
        await using var fake = new FakeShelly(ShellyModel.PlusPlugS);
        await using var driver = Driver(fake, channel: 3);

        await DriverAssert.FailsAsync(driver, "channel 3 does not exist", "RPC error -105");
    }

    [Fact]
    public async Task ReadAsync_should_name_the_missing_channel_when_gen1_meter_index_does_not_exist()
    {
        await using var fake = new FakeShelly(ShellyModel.PlugS);
        await using var driver = Driver(fake, channel: 2);

        await DriverAssert.FailsAsync(driver, "no meters[2] or emeters[2]", "set channel to 0", $"http://127.0.0.1:{fake.Port}/status");
    }

    [Theory]
    [InlineData(ShellyModel.PlugS, ShellyGeneration.Gen2, "a Gen1 device has no RPC API: set generation = auto (or 1)")]
    [InlineData(ShellyModel.PlusPlugS, ShellyGeneration.Gen1, "has no /status: set generation = auto (or 2)")]
    public async Task ReadAsync_should_suggest_auto_when_forced_generation_does_not_match_the_device(
        ShellyModel model, ShellyGeneration forced, string hint)
    {
        await using var fake = new FakeShelly(model);
        await using var driver = Driver(fake, forced);

        await DriverAssert.FailsAsync(driver, "404", hint);
    }
}
