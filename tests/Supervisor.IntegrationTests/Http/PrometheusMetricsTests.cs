using System.Net;
using System.Text.RegularExpressions;
using Supervisor.Domain.Metrics;

namespace Supervisor.IntegrationTests.Http;

/// <summary>
/// <c>/metrics</c> of a real node (the demo config with its outage brought forward: ups-a goes on battery after 1 s):
/// the exposition passes the real <c>promtool check metrics</c>, shows the simulated device's charge and OB = 1 during
/// the outage, and a real Prometheus server scraping it every second answers the same through PromQL.
/// </summary>
[Collection(nameof(HttpApiCollection))]
public sealed partial class PrometheusMetricsTests(HttpApiNode api)
{
    private const string UpsA = "device=\"ups-a\",driver=\"simulated\"";

    private async Task<string> ScrapeAsync()
    {
        using var client = api.Client(); // no key: /metrics is anonymous by default, like /healthz
        using var response = await client.GetAsync("/metrics");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    private async Task<string> ScrapeDuringOutageAsync() =>
        await HttpApiNode.Until(ScrapeAsync, body => body.Contains($"supervisor_device_status{{{UpsA},flag=\"OB\"}} 1"), TimeSpan.FromSeconds(30));

    [Fact]
    public async Task Metrics_should_pass_promtool_and_show_the_devices_charge_and_OB_during_the_outage()
    {
        var body = await ScrapeDuringOutageAsync();

        var (exit, output) = await PrometheusServer.CheckMetricsAsync(body);
        Assert.True(exit == 0, $"promtool check metrics exited {exit}:\n{output}");
        var charge = Value(body, $"supervisor_device_battery_charge_ratio{{{UpsA}}}");
        Assert.InRange(charge, 0.01, 1.0); // a ratio, not a percentage
        Assert.Equal(0, Value(body, $"supervisor_device_status{{{UpsA},flag=\"OL\"}}"));
        foreach (var flag in DeviceMetricMapping.KnownFlags) // every known flag is there, at 0 or 1, so no series vanishes
            Assert.Contains($"supervisor_device_status{{{UpsA},flag=\"{flag}\"}} ", body);
        Assert.Equal(1, DeviceMetricMapping.HealthStates.Sum(s => Value(body, $"supervisor_device_health{{{UpsA},state=\"{s}\"}}"))); // one-hot
        Assert.InRange(Value(body, $"supervisor_device_last_reading_age_seconds{{{UpsA}}}"), 0, 30);
        Assert.Equal(1, Value(body, "supervisor_group_min_healthy_members{group=\"rack-a\"}"));
        Assert.Equal(1, Value(body, "supervisor_group_member{group=\"rack-a\",device=\"ups-b\"}"));
        Assert.Equal(1, DeviceMetricMapping.GroupStates.Sum(s => Value(body, $"supervisor_group_state{{group=\"rack-a\",state=\"{s}\"}}")));
        Assert.Equal(1, Value(body, "supervisor_cluster_members{status=\"up\"}"));
        Assert.Contains("supervisor_sagas_total{group=\"rack-a\",outcome=\"started\"}", body);
        Assert.Contains("supervisor_device_poll_duration_seconds_bucket{driver=\"simulated\",le=", body);
        Assert.Contains("supervisor_notification_outbox_depth{channel=\"hook\"}", body);
    }

    [Fact]
    public async Task Metrics_should_carry_no_secret_and_no_host_name()
    {
        var body = await ScrapeDuringOutageAsync();
        Assert.DoesNotContain(api.Webhook.Secret, body);
        Assert.DoesNotContain(api.Webhook.Url, body);
        Assert.DoesNotContain("demo-host", body); // the saga's agent host
        var labelNames = LabelName().Matches(body).Select(m => m.Groups[1].Value).ToHashSet();
        Assert.Subset(new HashSet<string> { "device", "driver", "group", "flag", "state", "status", "outcome", "channel", "le" }, labelNames);
    }

    [Fact]
    public async Task Age_should_be_computed_at_scrape_time()
    {
        // Two scrapes one and a half seconds apart see different ages without any new fact in between being needed:
        // the value is now minus the reading's time, taken when scraped (the 1 s polls keep it small either way).
        var first = Value(await ScrapeDuringOutageAsync(), $"supervisor_device_last_reading_age_seconds{{{UpsA}}}");
        await Task.Delay(1500);
        var second = Value(await ScrapeAsync(), $"supervisor_device_last_reading_age_seconds{{{UpsA}}}");
        Assert.NotEqual(first, second);
    }

    [Fact]
    public async Task A_real_prometheus_should_see_the_charge_and_OB_during_the_outage()
    {
        await ScrapeDuringOutageAsync();
        await using var prometheus = await PrometheusServer.StartAsync(api.BaseAddress.Authority);

        var charge = await HttpApiNode.Until(() => prometheus.QueryAsync("supervisor_device_battery_charge_ratio{device=\"ups-a\"}"),
            r => r.Count == 1, TimeSpan.FromSeconds(60));
        Assert.InRange(charge[0].Value, 0.01, 1.0);
        Assert.Equal("simulated", charge[0].Labels["driver"]);
        var onBattery = await HttpApiNode.Until(() => prometheus.QueryAsync("supervisor_device_status{device=\"ups-a\",flag=\"OB\"} == 1"),
            r => r.Count == 1, TimeSpan.FromSeconds(30));
        Assert.Equal(1, onBattery[0].Value);
        Assert.Equal("supervisor", onBattery[0].Labels["job"]);
    }

    [Fact]
    public async Task Grafana_dashboard_should_query_only_exported_metrics_with_promql_prometheus_accepts()
    {
        var body = await ScrapeDuringOutageAsync();
        var exported = MetricName().Matches(body).Select(m => m.Value).ToHashSet();
        await using var prometheus = await PrometheusServer.StartAsync(api.BaseAddress.Authority);
        using var dashboard = System.Text.Json.JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(Cli.RepoPaths.Root, "deploy", "grafana", "supervisor.json")));
        var exprs = dashboard.RootElement.GetProperty("panels").EnumerateArray()
            .SelectMany(p => p.GetProperty("targets").EnumerateArray()).Select(t => t.GetProperty("expr").GetString()!).ToList();
        Assert.NotEmpty(exprs);
        foreach (var expr in exprs)
        {
            foreach (var name in MetricName().Matches(expr).Select(m => m.Value))
                Assert.True(exported.Contains(name), $"the dashboard queries {name}, which /metrics does not export: {expr}");
            // As Grafana sends it with "All" chosen; a query Prometheus cannot parse throws with its 400 answer.
            await prometheus.QueryAsync(expr.Replace("$device", ".*").Replace("$group", ".*"));
        }
    }

    /// <summary>The value of the one sample line that starts with <paramref name="series"/>; fails naming it when absent.</summary>
    private static double Value(string body, string series)
    {
        var line = body.Split('\n').FirstOrDefault(l => l.StartsWith(series + " ", StringComparison.Ordinal))
                   ?? throw new Xunit.Sdk.XunitException($"no series {series} in:\n{body[..Math.Min(body.Length, 4000)]}");
        return double.Parse(line[(series.Length + 1)..].Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>A series' family name as the dashboard and the exposition spell it (histogram parts included).</summary>
    [GeneratedRegex("supervisor_[a-z_]+")]
    private static partial Regex MetricName();

    [GeneratedRegex("[{,]([a-z_]+)=\"")]
    private static partial Regex LabelName();
}
