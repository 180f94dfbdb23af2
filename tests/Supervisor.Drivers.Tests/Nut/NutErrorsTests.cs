namespace Supervisor.Drivers.Tests.Nut;

public sealed class NutErrorsTests
{
    private static readonly NutErrorContext Ctx = new("ups-a", "10.0.0.5", 3493, "ups1", "mon", "LIST VAR ups1");

    public static TheoryData<string> Codes => new(NutErrors.KnownCodes);

    [Theory]
    [MemberData(nameof(Codes))]
    public void Describe_should_give_specific_message_with_code_when_code_is_known(string code)
    {
        var message = NutErrors.Describe(code, null, Ctx);
        Assert.EndsWith($"(ERR {code})", message);
        Assert.DoesNotContain("does not know", message);
        Assert.True(message.Length > code.Length + 40, message);
    }

    [Fact]
    public void Describe_should_cover_every_code_the_brief_lists_when_listing_known_codes() =>
        Assert.Equal(23, NutErrors.KnownCodes.Distinct().Count());

    [Fact]
    public void Describe_should_point_to_config_and_upsc_when_ups_is_unknown() =>
        Assert.Equal(
            "upsd at 10.0.0.5:3493 has no UPS named \"ups1\"; check `ups` in supervisor.devices.ups-a against `upsc -l 10.0.0.5:3493` (ERR UNKNOWN-UPS)",
            NutErrors.Describe("UNKNOWN-UPS", null, Ctx));

    [Fact]
    public void Describe_should_mention_user_and_upsd_users_when_access_is_denied()
    {
        var message = NutErrors.Describe("ACCESS-DENIED", null, Ctx with { Command = "LOGIN ups1" });
        Assert.Contains("user \"mon\"", message);
        Assert.Contains("wrong password", message);
        Assert.Contains("upsd.users", message);
    }

    [Fact]
    public void Describe_should_ask_for_a_login_when_access_is_denied_without_user() =>
        Assert.Contains("set username and password in supervisor.devices.ups-a",
            NutErrors.Describe("ACCESS-DENIED", null, Ctx with { Username = null }));

    [Fact]
    public void Describe_should_keep_unknown_code_and_sanitised_extra_when_code_is_new()
    {
        var message = NutErrors.Describe("BRAND-NEW", "extra\u0007text" + new string('x', 500), Ctx);
        Assert.Contains("ERR BRAND-NEW extra?text", message);
        Assert.Contains("does not know", message);
        Assert.True(message.Length < 600, message);
    }
}
