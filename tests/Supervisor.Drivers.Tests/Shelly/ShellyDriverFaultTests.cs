using static Supervisor.Drivers.Tests.Shelly.ShellyDriverFakeShellyTests;

namespace Supervisor.Drivers.Tests.Shelly;

/// <summary>Every failure is explained (device, URL, fix), the connection is dropped, and the next poll recovers.</summary>
public sealed class ShellyDriverFaultTests
{
    /// <summary>Asserts the failure names the device and <paramref name="expected"/>, then that a healthy device is read on a new connection.</summary>
    private static Task AssertFailsThenRecovers(FakeShelly fake, ShellyDriver driver, params string[] expected) =>
        DriverAssert.FailsThenRecoversAsync(driver, () => fake.Connections, () => (fake.Fault, fake.ReplyDelay) = (ShellyFault.None, TimeSpan.Zero),
            r => Assert.Equal(fake.PowerWatts, r.PowerWatts), expected);

    [Theory]
    [InlineData(ShellyModel.PlugS, "/status")]
    [InlineData(ShellyModel.PlusPlugS, "/rpc/Switch.GetStatus?id=0")]
    public async Task ReadAsync_should_fail_naming_url_then_recover_when_reply_is_html(ShellyModel model, string path)
    {
        await using var fake = new FakeShelly(model);
        await using var driver = Driver(fake);
        await driver.ReadAsync(CancellationToken.None);
        fake.Fault = ShellyFault.Html;
        await AssertFailsThenRecovers(fake, driver, $"GET http://127.0.0.1:{fake.Port}{path}", "HTML instead of JSON", "<html><head><title>Router login");
    }

    [Theory]
    [InlineData(ShellyModel.PlugS, "no meters[] or emeters[] list")]
    [InlineData(ShellyModel.PlusPlugS, "apower is missing")]
    public async Task ReadAsync_should_name_the_missing_field_when_json_has_the_wrong_shape(ShellyModel model, string missing)
    {
        await using var fake = new FakeShelly(model) { Fault = ShellyFault.WrongShape };
        await using var driver = Driver(fake);
        await AssertFailsThenRecovers(fake, driver, "bad reply from GET", missing);
    }

    [Fact]
    public async Task ReadAsync_should_fail_at_detection_when_shelly_endpoint_replies_garbage()
    {
        await using var fake = new FakeShelly(ShellyModel.PlusPlugS) { Fault = ShellyFault.Html, FaultOnDetection = true };
        await using var driver = Driver(fake);
        await AssertFailsThenRecovers(fake, driver, $"GET http://127.0.0.1:{fake.Port}/shelly", "HTML instead of JSON", "set generation = 1 or 2");
    }

    [Fact]
    public async Task ReadAsync_should_say_not_http_when_port_speaks_another_protocol()
    {
        await using var fake = new FakeShelly(ShellyModel.PlugS) { Fault = ShellyFault.NotHttp, FaultOnDetection = true };
        await using var driver = Driver(fake);
        await AssertFailsThenRecovers(fake, driver, "something that is not HTTP", $"is port {fake.Port} really the Shelly's web server");
    }

    [Theory]
    [InlineData(ShellyFault.Drop)]
    [InlineData(ShellyFault.DropMidBody)]
    public async Task ReadAsync_should_fail_then_reconnect_when_device_drops_the_connection(ShellyFault fault)
    {
        await using var fake = new FakeShelly(ShellyModel.PlugS);
        await using var driver = Driver(fake);
        await driver.ReadAsync(CancellationToken.None);
        fake.Fault = fault;
        await AssertFailsThenRecovers(fake, driver, $"127.0.0.1:{fake.Port}", "/status", "was the device restarting?");
    }

    /// <summary>A body that keeps coming is the contract's oversized reply (NetworkDriverSpec); this one only announces its size.</summary>
    [Fact]
    public async Task ReadAsync_should_refuse_to_buffer_when_reply_announces_an_oversized_body()
    {
        await using var fake = new FakeShelly(ShellyModel.PlugS) { Fault = ShellyFault.OversizedDeclared };
        await using var driver = Driver(fake);
        var started = DateTime.UtcNow;
        await AssertFailsThenRecovers(fake, driver, "announces 10485760 bytes", "refusing to buffer it", "/status");
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task ReadAsync_should_report_status_and_body_when_device_answers_500()
    {
        await using var fake = new FakeShelly(ShellyModel.PlugS) { Fault = ShellyFault.ServerError };
        await using var driver = Driver(fake);
        await AssertFailsThenRecovers(fake, driver, "answered HTTP 500 Internal Server Error", "\"Internal Server Error\"");
    }

    [Fact]
    public async Task ReadAsync_should_bound_the_whole_poll_including_detection_by_the_timeout()
    {
        // Each request takes 0.3 s: detection + status (0.6 s) cannot fit in 0.5 s.
        await using var fake = new FakeShelly(ShellyModel.PlusPlugS) { ReplyDelay = TimeSpan.FromMilliseconds(300), FaultOnDetection = true };
        await using var driver = Driver(fake, timeout: TimeSpan.FromMilliseconds(500));
        await DriverAssert.FailsAsync(driver, "within 0.5s");
    }

    [Fact]
    public async Task ReadAsync_should_detect_the_generation_again_after_a_failed_poll()
    {
        await using var fake = new FakeShelly(ShellyModel.PlusPlugS);
        await using var driver = Driver(fake);
        await driver.ReadAsync(CancellationToken.None);
        fake.Fault = ShellyFault.ServerError;
        await Assert.ThrowsAsync<DeviceException>(() => driver.ReadAsync(CancellationToken.None));
        fake.Fault = ShellyFault.None;
        await driver.ReadAsync(CancellationToken.None);

        Assert.Equal(2, fake.Requests.Count(r => r == "GET /shelly"));
    }
}
