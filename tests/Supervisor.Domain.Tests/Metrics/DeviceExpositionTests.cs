using Supervisor.Domain.Health;
using Supervisor.Domain.Metrics;
using Supervisor.Domain.Readings;

namespace Supervisor.Domain.Tests.Metrics;

public class DeviceExpositionTests
{
    private static readonly DateTimeOffset T = new(2026, 12, 8, 1, 0, 0, TimeSpan.Zero);

    private static Reading Ups(string id = "ups-a", string raw = "OL CHRG") => new(id, T, true, false, false, false, 87.5, 1260, 34, 229.5, 410, raw);

    private static DeviceMetricState Device(string id = "ups-a", string driver = "nut", Reading? reading = null, DeviceHealth health = DeviceHealth.Healthy, bool failed = false) =>
        new(id, driver, reading ?? Ups(id), health, failed);

    private static string Write(IReadOnlyList<DeviceMetricState> devices, MetricsTextFormat format = MetricsTextFormat.Prometheus, DateTimeOffset? now = null)
    {
        using var text = new StringWriter();
        DeviceExposition.Write(text, devices, now ?? T.AddSeconds(2.5), format);
        return text.ToString();
    }

    private static string[] Samples(string body) => body.Split('\n').Where(l => l.Length > 0 && l[0] != '#').ToArray();

    [Fact]
    public void Label_values_should_escape_quote_backslash_and_newline()
    {
        var body = Write([Device(id: "a\"b\\c\nd", driver: "x\"y")]);
        Assert.Contains("supervisor_device_power_watts{device=\"a\\\"b\\\\c\\nd\",driver=\"x\\\"y\"} 410\n", body);
        Assert.All(Samples(body), line => Assert.StartsWith("supervisor_device_", line)); // no sample line was broken by the raw newline
    }

    [Fact]
    public void Help_text_should_escape_backslash_and_newline_but_not_quotes()
    {
        using var text = new StringWriter();
        PrometheusText.WriteHeader(text, new MetricSpec("x_total", "a \\ b\n\"c\""), "counter", MetricsTextFormat.Prometheus);
        Assert.Equal("# HELP x_total a \\\\ b\\n\"c\"\n# TYPE x_total counter\n", text.ToString());
    }

    [Fact]
    public void A_device_that_left_the_book_should_lose_every_series()
    {
        var both = Write([Device("ups-a"), Device("ups-b")]);
        var one = Write([Device("ups-a")]);
        Assert.Contains("device=\"ups-b\"", both);
        Assert.DoesNotContain("device=\"ups-b\"", one);
        Assert.Equal(Samples(both).Length / 2, Samples(one).Length);
    }

    [Fact]
    public void Every_known_status_flag_should_be_present_as_0_or_1()
    {
        var body = Write([Device(reading: Ups(raw: "OL CHRG TRIM"))]);
        foreach (var flag in DeviceMetricMapping.KnownFlags)
        {
            var expected = flag is "OL" or "CHRG" or "TRIM" ? 1 : 0;
            Assert.Contains($"supervisor_device_status{{device=\"ups-a\",driver=\"nut\",flag=\"{flag}\"}} {expected}\n", body);
        }
    }

    [Fact]
    public void Health_should_be_one_hot_over_every_state()
    {
        var body = Write([Device(health: DeviceHealth.Critical)]);
        foreach (var state in DeviceMetricMapping.HealthStates)
            Assert.Contains($"supervisor_device_health{{device=\"ups-a\",driver=\"nut\",state=\"{state}\"}} {(state == "critical" ? 1 : 0)}\n", body);
    }

    [Fact]
    public void A_NaN_or_absent_value_should_not_be_written_but_its_family_still_announced()
    {
        var body = Write([Device(reading: Ups() with { PowerWatts = double.NaN, RuntimeSeconds = null })]);
        Assert.DoesNotContain("supervisor_device_power_watts{", body);
        Assert.DoesNotContain("supervisor_device_battery_runtime_seconds{", body);
        Assert.DoesNotContain("NaN", body);
        Assert.Contains("# TYPE supervisor_device_power_watts gauge\n", body);
        Assert.Contains("supervisor_device_battery_charge_ratio{device=\"ups-a\",driver=\"nut\"} 0.875\n", body);
    }

    [Fact]
    public void A_device_without_a_reading_should_have_flags_health_and_poll_failed_but_no_values_and_no_age()
    {
        var body = Write([new DeviceMetricState("ups-a", "nut", null, DeviceHealth.Unknown, LastPollFailed: true)]);
        Assert.Equal(DeviceMetricMapping.KnownFlags.Count + DeviceMetricMapping.HealthStates.Count + 1, Samples(body).Length);
        Assert.Contains("supervisor_device_status{device=\"ups-a\",driver=\"nut\",flag=\"OL\"} 0\n", body);
        Assert.Contains("supervisor_device_last_poll_failed{device=\"ups-a\",driver=\"nut\"} 1\n", body);
        Assert.DoesNotContain("supervisor_device_last_reading_age_seconds{", body);
    }

    [Fact]
    public void Age_should_be_taken_at_the_time_given()
    {
        Assert.Contains("supervisor_device_last_reading_age_seconds{device=\"ups-a\",driver=\"nut\"} 2.5\n", Write([Device()], now: T.AddSeconds(2.5)));
        Assert.Contains("supervisor_device_last_reading_age_seconds{device=\"ups-a\",driver=\"nut\"} 30\n", Write([Device()], now: T.AddSeconds(30)));
    }

    [Fact]
    public void Each_family_should_appear_once_with_help_and_type_before_its_samples()
    {
        var energy = Ups() with { EnergyKwh = 12.25, CurrentAmps = 1.5, FrequencyHz = 50 };
        var lines = Write([Device("ups-a", reading: energy), Device("ups-b"), Device("plug", "kasa", reading: energy)]).TrimEnd('\n').Split('\n');
        var announced = new List<string>();
        string? current = null;
        for (var i = 0; i < lines.Length; i++)
        {
            if (lines[i].StartsWith("# HELP ", StringComparison.Ordinal))
            {
                current = lines[i].Split(' ')[2];
                Assert.StartsWith($"# TYPE {current} ", lines[i + 1]);
                Assert.DoesNotContain(current, announced); // never announced twice: its samples are all together
                announced.Add(current);
                i++;
                continue;
            }
            Assert.NotNull(current);
            Assert.StartsWith(current + "{", lines[i]);
        }
        Assert.Equal([.. DeviceMetricMapping.ValueFamilies.Select(f => f.Name), DeviceMetricMapping.Status.Name, DeviceMetricMapping.HealthState.Name,
            DeviceMetricMapping.ReadingAge.Name, DeviceMetricMapping.PollFailed.Name], announced);
    }

    [Fact]
    public void The_energy_counter_should_be_typed_counter_and_carry_the_devices_register()
    {
        var body = Write([Device(reading: Ups() with { EnergyKwh = 12.25 })]);
        Assert.Contains("# TYPE supervisor_device_energy_kwh_total counter\nsupervisor_device_energy_kwh_total{device=\"ups-a\",driver=\"nut\"} 12.25\n", body);
    }

    [Fact]
    public void OpenMetrics_should_name_a_counter_family_without_total_and_write_whole_numbers_with_a_point()
    {
        var body = Write([Device(reading: Ups() with { EnergyKwh = 12 })], MetricsTextFormat.OpenMetrics);
        Assert.Contains("# TYPE supervisor_device_energy_kwh counter\nsupervisor_device_energy_kwh_total{device=\"ups-a\",driver=\"nut\"} 12.0\n", body);
        Assert.Contains("supervisor_device_battery_charge_ratio{device=\"ups-a\",driver=\"nut\"} 0.875\n", body);
        Assert.Contains("flag=\"OB\"} 0.0\n", body);
    }

    [Theory]
    [InlineData(0.1, "0.1")]
    [InlineData(0.94 + 1e-16, "0.9400000000000001")] // the shortest text that reads back as the same double
    [InlineData(1260, "1260")]
    [InlineData(double.NaN, "NaN")]
    [InlineData(double.PositiveInfinity, "+Inf")]
    [InlineData(double.NegativeInfinity, "-Inf")]
    [InlineData(1e21, "1E+21")]
    public void Values_should_be_written_in_the_formats_spelling(double value, string expected)
    {
        using var text = new StringWriter();
        PrometheusText.WriteValueLine(text, value, MetricsTextFormat.Prometheus);
        Assert.Equal($" {expected}\n", text.ToString());
    }

    [Theory]
    [InlineData("application/openmetrics-text;version=1.0.0,application/openmetrics-text;version=0.0.1;q=0.75,text/plain;version=0.0.4;q=0.5,*/*;q=0.1", MetricsTextFormat.OpenMetrics)]
    [InlineData("text/plain", MetricsTextFormat.Prometheus)]
    [InlineData("*/*", MetricsTextFormat.Prometheus)]
    [InlineData(null, MetricsTextFormat.Prometheus)]
    public void The_format_should_be_OpenMetrics_only_when_the_scraper_offers_it(string? accept, MetricsTextFormat expected) =>
        Assert.Equal(expected, PrometheusText.Negotiate(accept));
}
