using Supervisor.Domain.Reports;

namespace Supervisor.Domain.Tests.Reports;

public class DeviceNameplateTests
{
    private static readonly Reading Ol = new("u", DateTimeOffset.UnixEpoch, true, false, false, false, 100, 1800, 23, 230.5, 120, "OL");

    [Fact]
    public void NUT_variables_give_maker_and_model_serial_voltages_and_temperature()
    {
        var p = DeviceNameplate.From("nut", new Dictionary<string, string>
        {
            ["ups.mfr"] = "APC", ["ups.model"] = "Smart-UPS 1500", ["ups.serial"] = "AS1234", ["output.voltage"] = "230.0",
            ["battery.voltage"] = "27.3", ["battery.temperature"] = "29",
        }, Ol);
        Assert.Equal(new DeviceNameplate("APC Smart-UPS 1500", "AS1234", "OL", 23, 230.5, 230.0, 27.3, 29), p);
        Assert.True(p.HasDetails);
    }

    [Fact]
    public void A_model_that_already_names_its_maker_does_not_say_it_twice() =>
        Assert.Equal("APC Back-UPS 700", DeviceNameplate.From("nut", new Dictionary<string, string> { ["device.mfr"] = "APC", ["device.model"] = "APC Back-UPS 700" }, Ol).Model);

    [Fact]
    public void Apcupsd_keys_are_read_with_their_units_stripped()
    {
        var p = DeviceNameplate.From("apcupsd", new Dictionary<string, string>
        {
            ["MODEL"] = "Back-UPS RS 900G", ["SERIALNO"] = "3B1234X", ["OUTPUTV"] = "230.0 Volts", ["BATTV"] = "24.0 Volts", ["ITEMP"] = "29.2 C",
        }, Ol);
        Assert.Equal(("Back-UPS RS 900G", "3B1234X", 230.0, 24.0, 29.2), (p.Model, p.Serial, p.OutputVoltage, p.BatteryVoltage, p.TemperatureC));
    }

    [Fact]
    public void A_device_without_a_variable_list_has_no_details_and_garbage_is_not_a_number()
    {
        Assert.False(DeviceNameplate.From("kasa", new Dictionary<string, string>(), Ol).HasDetails);
        Assert.Null(DeviceNameplate.From("nut", new Dictionary<string, string> { ["battery.voltage"] = "n/a" }, Ol).BatteryVoltage);
    }
}
