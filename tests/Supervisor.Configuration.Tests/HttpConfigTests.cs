using Supervisor.Domain.Http;
using static Supervisor.Configuration.Tests.LoaderTestSupport;

namespace Supervisor.Configuration.Tests;

public class HttpConfigTests
{
    private static readonly string Hash = ApiKeyHash.Of("k");

    [Fact]
    public void Http_should_default_to_off_on_loopback_8080_without_tls_or_keys()
    {
        var http = LoadValid(Base).Http;
        Assert.Equal(HttpSettings.Off with { ApiKeys = http.ApiKeys }, http);
        Assert.Empty(http.ApiKeys);
    }

    [Fact]
    public void Http_should_read_listen_and_api_keys_with_their_roles()
    {
        var http = LoadValid(Base + $$"""

            supervisor.http {
              enabled = on
              listen = "[::1]:9090"
              api-keys {
                grafana { hash = "{{Hash}}", role = viewer }
                ops { hash = "{{ApiKeyHash.Of("other")}}", role = operator }
              }
            }
            """).Http;
        Assert.True(http.Enabled);
        Assert.Equal(("::1", 9090), (http.Host, http.Port));
        Assert.Equal([("grafana", ApiRole.Viewer), ("ops", ApiRole.Operator)], http.ApiKeys.Select(k => (k.Name, k.Role)));
    }

    [Fact]
    public void Http_tls_should_need_the_key_with_the_certificate()
    {
        var cert = Path.GetTempFileName();
        try
        {
            AssertRejected(Base + $"\nsupervisor.http.tls {{ cert = \"{cert}\" }}", "supervisor.http.tls.key", "with tls.cert set");
        }
        finally
        {
            File.Delete(cert);
        }
    }

    [Fact]
    public void Http_should_warn_about_an_unknown_key()
    {
        AssertWarned(Base + "\nsupervisor.http.listn = \"127.0.0.1:1\"", "supervisor.http.listn", "did you mean listen?");
    }

    private static string DemoKeyOn(string listen) => Base + $$"""

        supervisor.http {
          enabled = on
          listen = "{{listen}}"
          api-keys.ops { hash = "{{ApiKeyHash.Of(DemoKeys.Published[1])}}", role = operator }
        }
        """;

    [Fact]
    public void Http_should_refuse_a_published_demo_key_on_an_address_the_network_reaches()
    {
        var e = AssertRejected(DemoKeyOn("0.0.0.0:8080"), "supervisor.http.api-keys.ops.hash", "docs/web.md publishes");
        Assert.Contains("supervisor http new-key --name ops --role operator", e.Message);
    }

    [Fact]
    public void Http_should_accept_a_published_demo_key_on_loopback_as_the_demo_uses_it()
    {
        Assert.Single(LoadValid(DemoKeyOn("127.0.0.1:8080")).Http.ApiKeys);
    }
}
