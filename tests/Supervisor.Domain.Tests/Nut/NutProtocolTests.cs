using System.Collections.Immutable;
using Supervisor.Domain.Nut;
using static Supervisor.Domain.Tests.Nut.NutTestFleet;

namespace Supervisor.Domain.Tests.Nut;

/// <summary>upsd's requests and replies, spelled as upsd 2.8 spells them (test-servers.md has the ones seen on the wire).</summary>
public class NutProtocolTests
{
    private static readonly NutView Fleet = View(State());

    private static List<string> Say(params string[] requests) => Talk(Fleet, requests).Lines;

    [Fact]
    public void Ver_netver_and_help_should_answer_one_line_each()
    {
        Assert.Equal([NutProtocol.Version, "1.3"], Say("VER", "NETVER"));
        Assert.StartsWith("Network UPS Tools upsd 2.8.0", NutProtocol.Version);
        Assert.StartsWith("Commands: HELP VER GET LIST", Assert.Single(Say("help")));
    }

    [Fact]
    public void List_ups_should_name_each_group_with_its_description()
    {
        Assert.Equal(["BEGIN LIST UPS", "UPS rack-a \"Supervisor group rack-a (2 members, needs 1 healthy)\"", "END LIST UPS"], Say("LIST UPS"));
    }

    [Fact]
    public void List_var_should_frame_every_variable_in_begin_and_end_with_quoted_values()
    {
        var lines = Say("LIST VAR rack-a");
        Assert.Equal("BEGIN LIST VAR rack-a", lines[0]);
        Assert.Equal("END LIST VAR rack-a", lines[^1]);
        Assert.Contains("VAR rack-a ups.status \"OL\"", lines);
        Assert.Contains("VAR rack-a device.model \"Redundancy group rack-a\"", lines);
        Assert.All(lines[1..^1], l => Assert.Matches("^VAR rack-a [a-z.-]+ \"[^\"]*\"$", l));
    }

    [Fact]
    public void Get_var_should_answer_the_value_and_match_names_case_insensitively_like_upsd()
    {
        Assert.Equal(["VAR rack-a ups.status \"OL\"", "VAR rack-a ups.status \"OL\""], Say("GET VAR rack-a ups.status", "get var RACK-A UPS.STATUS"));
    }

    [Theory]
    [InlineData("GET VAR nope ups.status", "ERR UNKNOWN-UPS")]
    [InlineData("LIST VAR nope", "ERR UNKNOWN-UPS")]
    [InlineData("GET VAR rack-a no.such.var", "ERR VAR-NOT-SUPPORTED")]
    [InlineData("GET VAR rack-a", "ERR INVALID-ARGUMENT")]
    [InlineData("GET", "ERR INVALID-ARGUMENT")]
    [InlineData("GET BOGUS rack-a", "ERR INVALID-ARGUMENT")]
    [InlineData("LIST", "ERR INVALID-ARGUMENT")]
    [InlineData("LIST UPS extra", "ERR INVALID-ARGUMENT")]
    [InlineData("GET VAR \"rack-a ups.status", "ERR INVALID-ARGUMENT")]
    [InlineData("FROB", "ERR UNKNOWN-COMMAND")]
    [InlineData("STARTTLS", "ERR FEATURE-NOT-CONFIGURED")]
    [InlineData("LOGIN rack-a", "ERR USERNAME-REQUIRED")]
    [InlineData("PRIMARY rack-a", "ERR USERNAME-REQUIRED")]
    [InlineData("FSD rack-a", "ERR USERNAME-REQUIRED")]
    [InlineData("SET VAR rack-a ups.status OB", "ERR USERNAME-REQUIRED")]
    public void Bad_requests_should_get_upsds_error_words(string request, string error)
    {
        Assert.Equal([error], Say(request));
    }

    [Fact]
    public void Get_upsdesc_numlogins_desc_and_type_should_answer_in_upsds_form()
    {
        var view = Fleet with { Logins = ImmutableDictionary<string, int>.Empty.Add("rack-a", 2) };
        Assert.Equal(
            ["UPSDESC rack-a \"Supervisor group rack-a (2 members, needs 1 healthy)\"", "NUMLOGINS rack-a 2",
             "DESC rack-a ups.status \"Description unavailable\"", "TYPE rack-a ups.status STRING:2"],
            Talk(view, "GET UPSDESC rack-a", "GET NUMLOGINS rack-a", "GET DESC rack-a ups.status", "GET TYPE rack-a ups.status").Lines);
    }

    [Fact]
    public void List_cmd_rw_and_client_should_be_empty_blocks()
    {
        Assert.Equal(["BEGIN LIST CMD rack-a", "END LIST CMD rack-a", "BEGIN LIST RW rack-a", "END LIST RW rack-a"], Say("LIST CMD rack-a", "LIST RW rack-a"));
    }

    [Fact]
    public void Secondary_login_should_succeed_with_its_password_and_be_recorded_in_the_session()
    {
        var (lines, session, _) = Talk(Fleet, "USERNAME nas", "PASSWORD nas-pw", "LOGIN rack-a");
        Assert.Equal(["OK", "OK", "OK"], lines);
        Assert.Equal("rack-a", session.LoggedInto);
    }

    [Fact]
    public void Login_should_be_refused_with_a_wrong_password_a_missing_password_twice_or_on_an_unknown_ups()
    {
        Assert.Equal(["OK", "OK", "ERR ACCESS-DENIED"], Say("USERNAME nas", "PASSWORD wrong", "LOGIN rack-a"));
        Assert.Equal(["OK", "ERR PASSWORD-REQUIRED"], Say("USERNAME nas", "LOGIN rack-a"));
        Assert.Equal(["OK", "OK", "ERR UNKNOWN-UPS"], Say("USERNAME nas", "PASSWORD nas-pw", "LOGIN nope"));
        Assert.Equal(["OK", "OK", "OK", "ERR ALREADY-LOGGED-IN"], Say("USERNAME nas", "PASSWORD nas-pw", "LOGIN rack-a", "LOGIN rack-a"));
        Assert.Equal(["OK", "ERR ALREADY-SET-USERNAME", "OK", "ERR ALREADY-SET-PASSWORD"], Say("USERNAME nas", "USERNAME x", "PASSWORD a", "PASSWORD b"));
    }

    [Fact]
    public void Primary_and_its_old_name_master_should_be_granted_only_to_a_primary_user()
    {
        Assert.Equal(["OK", "OK", "OK PRIMARY-GRANTED", "OK MASTER-GRANTED"], Say("USERNAME boss", "PASSWORD boss-pw", "PRIMARY rack-a", "MASTER rack-a"));
        Assert.Equal(["OK", "OK", "ERR ACCESS-DENIED"], Say("USERNAME nas", "PASSWORD nas-pw", "PRIMARY rack-a"));
    }

    [Fact]
    public void Fsd_should_be_set_by_a_primary_user_and_refused_to_a_secondary()
    {
        var primary = Talk(Fleet, "USERNAME boss", "PASSWORD boss-pw", "FSD rack-a");
        Assert.Equal("OK FSD-SET", primary.Lines[^1]);
        Assert.Equal("rack-a", primary.Last.FsdOn);

        var secondary = Talk(Fleet, "USERNAME nas", "PASSWORD nas-pw", "LOGIN rack-a", "FSD rack-a");
        Assert.Equal("ERR ACCESS-DENIED", secondary.Lines[^1]);
        Assert.Null(secondary.Last.FsdOn);
    }

    [Fact]
    public void Logout_should_say_goodbye_end_the_login_and_close()
    {
        var (lines, session, last) = Talk(Fleet, "USERNAME nas", "PASSWORD nas-pw", "LOGIN rack-a", "LOGOUT");
        Assert.Equal("OK Goodbye", lines[^1]);
        Assert.True(last.Close);
        Assert.Null(session.LoggedInto);
    }

    [Fact]
    public void Quoted_arguments_and_a_trailing_cr_should_be_read_like_upsd_reads_them()
    {
        Assert.Equal(["VAR rack-a ups.status \"OL\""], Say("GET VAR \"rack-a\" ups.status\r"));
        Assert.Empty(Say(""));
        Assert.Empty(Say("   \t "));
    }
}
