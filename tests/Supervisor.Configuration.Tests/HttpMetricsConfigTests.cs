using Supervisor.Domain.Http;
using static Supervisor.Configuration.Tests.LoaderTestSupport;

namespace Supervisor.Configuration.Tests;

public class HttpMetricsConfigTests
{
    [Fact]
    public void Metrics_should_default_to_on_and_anonymous_like_healthz()
    {
        var metrics = LoadValid(Base + "\nsupervisor.http.enabled = on").Http.Metrics;
        Assert.Equal(new HttpMetricsSettings(true, false, TimeSpan.FromSeconds(2)), metrics);
        Assert.Equal(HttpMetricsSettings.Default, metrics); // the value settings built in code get
    }

    [Fact]
    public void Metrics_should_read_require_key_and_off()
    {
        var metrics = LoadValid(Base + $$"""

            supervisor.http {
              enabled = on
              api-keys.prometheus { hash = "{{ApiKeyHash.Of("k")}}", role = viewer }
              metrics { enabled = off, require-key = on, outbox-timeout = 500ms }
            }
            """).Http.Metrics;
        Assert.Equal(new HttpMetricsSettings(false, true, TimeSpan.FromMilliseconds(500)), metrics);
    }

    [Fact]
    public void Metrics_should_warn_about_an_unknown_key()
    {
        AssertWarned(Base + "\nsupervisor.http.metrics.require-keys = on", "supervisor.http.metrics.require-keys");
    }
}
