using Supervisor.Domain.Configuration;

namespace Supervisor.Domain.Tests.Configuration;

public sealed class SecretTests
{
    private const string Value = "hunter2-Secret";

    [Fact]
    public void Secret_should_print_as_mask_and_give_its_value_only_through_reveal()
    {
        Secret secret = Value;
        Assert.Equal("***", secret.ToString());
        Assert.Equal("*** and ***", $"{secret} and {secret}");
        Assert.Equal(Value, secret.Reveal());
        Assert.Equal(Value.Length, secret.Length);
    }

    [Fact]
    public void Record_holding_a_secret_should_not_leak_it_through_its_generated_tostring()
    {
        // A record without a ToString of its own: the compiler's PrintMembers formats the Secret member.
        var holder = new Holder("plug", Value);
        Assert.DoesNotContain(Value, holder.ToString());
        Assert.Contains("Password = ***", holder.ToString());
        var journal = new JournalSettings(JournalProvider.PostgreSql, $"Host=db;Password={Value}");
        Assert.DoesNotContain(Value, journal.ToString());
    }

    [Fact]
    public void Records_holding_secrets_should_compare_by_the_secret_value()
    {
        Assert.Equal(new Holder("a", Value), new Holder("a", Value));
        Assert.NotEqual(new Holder("a", Value), new Holder("a", Value + "x"));
        Assert.Equal(new Secret(Value).GetHashCode(), new Secret(Value).GetHashCode());
        Assert.True(new Secret(Value) == Value);
        Assert.True(new Secret(Value) != (Secret?)null);
        Assert.Equal(new NutOptions("h", 3493, "ups1", "mon", Value), new NutOptions("h", 3493, "ups1", "mon", Value));
    }

    [Fact]
    public void Null_string_should_convert_to_no_secret()
    {
        string? none = null;
        Secret? secret = none;
        Assert.Null(secret);
        Assert.Throws<ArgumentNullException>(() => new Secret(null!));
    }

    private sealed record Holder(string Name, Secret? Password);
}
