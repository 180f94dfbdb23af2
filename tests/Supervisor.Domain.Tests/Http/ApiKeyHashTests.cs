using Supervisor.Domain.Http;

namespace Supervisor.Domain.Tests.Http;

public class ApiKeyHashTests
{
    private sealed record Key(string Name, string Hash);

    [Fact]
    public void NewKey_should_be_32_random_bytes_in_base64url()
    {
        var a = ApiKeyHash.NewKey();
        Assert.Equal(43, a.Length);
        Assert.Matches("^[A-Za-z0-9_-]{43}$", a);
        Assert.NotEqual(a, ApiKeyHash.NewKey());
    }

    [Fact]
    public void Of_should_be_the_sha256_hex_with_its_prefix()
    {
        // printf %s demo-viewer-key | sha256sum (the demo config's viewer key)
        Assert.Equal("sha256:428d2ac3da6ce4eb5cc58762a03af655a5d836bdecd00b0305afc7b2aa81adfd", ApiKeyHash.Of("demo-viewer-key"));
        Assert.True(ApiKeyHash.IsWellFormed(ApiKeyHash.Of(ApiKeyHash.NewKey())));
    }

    [Fact]
    public void Match_should_find_the_key_whose_hash_matches_and_nothing_for_another_key()
    {
        var keys = new[] { new Key("a", ApiKeyHash.Of("key-a")), new Key("broken", "sha256:nothex"), new Key("b", ApiKeyHash.Of("key-b").ToUpperInvariant().Replace("SHA256:", "sha256:")) };
        Assert.Equal("a", ApiKeyHash.Match("key-a", keys, k => k.Hash)?.Name);
        Assert.Equal("b", ApiKeyHash.Match("key-b", keys, k => k.Hash)?.Name);
        Assert.Null(ApiKeyHash.Match("key-c", keys, k => k.Hash));
        Assert.Null(ApiKeyHash.Match(ApiKeyHash.Of("key-a"), keys, k => k.Hash)); // the stored hash is not a key
    }

    [Theory]
    [InlineData("viewer", ApiRole.Viewer, false, false)]
    [InlineData("operator", ApiRole.Operator, true, false)]
    [InlineData("admin", ApiRole.Admin, true, true)]
    public void Roles_should_allow_what_the_roles_below_them_allow(string name, ApiRole role, bool mayOperate, bool mayAdminister)
    {
        Assert.Equal(role, ApiRoles.ByName[name]);
        Assert.True(role.Allows(ApiRole.Viewer));
        Assert.Equal(mayOperate, role.Allows(ApiRole.Operator));
        Assert.Equal(mayAdminister, role.Allows(ApiRole.Admin));
    }
}

public class HttpSettingsTests
{
    private static readonly ApiKeySettings Viewer = new("grafana", ApiKeyHash.Of("k"), ApiRole.Viewer);

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("::1")]
    [InlineData("localhost")]
    public void Validate_should_accept_loopback_without_a_key(string host) =>
        Assert.Empty((HttpSettings.Off with { Enabled = true, Host = host }).Validate());

    [Theory]
    [InlineData("0.0.0.0")]
    [InlineData("192.168.1.10")]
    [InlineData("::")]
    public void Validate_should_refuse_a_network_bind_without_a_key_naming_listen_and_new_key(string host)
    {
        var error = Assert.Single((HttpSettings.Off with { Enabled = true, Host = host }).Validate());
        Assert.Equal("supervisor.http.listen", error.Path);
        Assert.Contains("supervisor http new-key", error.Message);
        Assert.Empty((HttpSettings.Off with { Enabled = true, Host = host, ApiKeys = [Viewer] }).Validate());
        Assert.Empty((HttpSettings.Off with { Enabled = false, Host = host }).Validate());
    }

    [Fact]
    public void Validate_should_refuse_a_hash_that_is_not_sha256_hex_at_its_path()
    {
        var error = Assert.Single((HttpSettings.Off with { ApiKeys = [Viewer with { Hash = "my-secret-key" }] }).Validate());
        Assert.Equal("supervisor.http.api-keys.grafana.hash", error.Path);
        Assert.Contains("supervisor http new-key --name grafana --role viewer", error.Message);
    }

    [Fact]
    public void Validate_should_refuse_two_names_for_one_key()
    {
        var error = Assert.Single((HttpSettings.Off with { ApiKeys = [Viewer, Viewer with { Name = "other" }] }).Validate());
        Assert.Contains("grafana, other", error.Message);
    }

    [Fact]
    public void Url_should_use_loopback_for_a_wildcard_bind_and_brackets_for_v6()
    {
        Assert.Equal("http://127.0.0.1:8080", (HttpSettings.Off with { Host = "0.0.0.0" }).Url);
        Assert.Equal("http://[::1]:9000", (HttpSettings.Off with { Host = "::1", Port = 9000 }).Url);
        Assert.Equal("https://127.0.0.1:8080", (HttpSettings.Off with { Tls = new HttpTlsSettings("c.pem", "k.pem") }).Url);
    }
}
