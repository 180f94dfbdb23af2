using System.Net;
using Supervisor.Domain.Health;
using Supervisor.Domain.Metrics;
using Supervisor.Domain.Readings;
using Supervisor.Tests.RealServers;

namespace Supervisor.IntegrationTests.Http;

/// <summary>
/// The device families as <see cref="DeviceExposition"/> writes them, read by the real tools: label values with a quote,
/// a backslash and a line feed pass <c>promtool check metrics</c>, and a real Prometheus scraping them (from a plain
/// HttpListener, in both formats it may be served) gives the label values back as they were.
/// </summary>
public sealed class PrometheusExpositionTests
{
    private const string Awkward = "rack \"a\" \\ shelf\n2";

    private static string Exposition(MetricsTextFormat format)
    {
        var now = DateTimeOffset.UtcNow;
        var reading = new Reading(Awkward, now, false, true, false, false, 55, 600, 40, 0, 300, "OB DISCHRG") { EnergyKwh = 3.5 };
        using var text = new StringWriter();
        DeviceExposition.Write(text, [new DeviceMetricState(Awkward, "nut", reading, DeviceHealth.Degraded, false)], now, format);
        return text.ToString() + (format == MetricsTextFormat.OpenMetrics ? "# EOF\n" : "");
    }

    [Fact]
    public async Task Escaped_label_values_should_pass_promtool()
    {
        var (exit, output) = await PrometheusServer.CheckMetricsAsync(Exposition(MetricsTextFormat.Prometheus));
        Assert.True(exit == 0, $"promtool check metrics exited {exit}:\n{output}");
    }

    [Theory]
    [InlineData(MetricsTextFormat.OpenMetrics)]
    [InlineData(MetricsTextFormat.Prometheus)]
    public async Task A_real_prometheus_should_read_escaped_label_values_back_as_they_were(MetricsTextFormat format)
    {
        var port = LoopbackPort.Free();
        using var listener = new HttpListener();
        listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        listener.Start();
        using var stop = new CancellationTokenSource();
        var serving = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                var context = await listener.GetContextAsync();
                var body = System.Text.Encoding.UTF8.GetBytes(Exposition(format));
                context.Response.ContentType = PrometheusText.ContentType(format);
                await context.Response.OutputStream.WriteAsync(body);
                context.Response.Close();
            }
        });
        await using var prometheus = await PrometheusServer.StartAsync($"127.0.0.1:{port}");

        var power = await HttpApiNode.Until(() => prometheus.QueryAsync("supervisor_device_power_watts"), r => r.Count == 1, TimeSpan.FromSeconds(60));
        Assert.Equal(Awkward, power[0].Labels["device"]);
        Assert.Equal(300, power[0].Value);
        var onBattery = await prometheus.QueryAsync("supervisor_device_status{flag=\"OB\"} == 1");
        Assert.Equal(Awkward, Assert.Single(onBattery).Labels["device"]);
        Assert.Equal(3.5, Assert.Single(await prometheus.QueryAsync("supervisor_device_energy_kwh_total")).Value);
        stop.Cancel();
        listener.Stop();
        await Task.WhenAny(serving, Task.Delay(1000));
    }
}
