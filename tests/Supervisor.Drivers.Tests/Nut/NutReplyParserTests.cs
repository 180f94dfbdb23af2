namespace Supervisor.Drivers.Tests.Nut;

public sealed class NutReplyParserTests
{
    private static NutReply Parsed(string line)
    {
        var result = NutReplyParser.ParseLine(line);
        Assert.True(result.IsSuccess, result.Error);
        return result.Value;
    }

    private static string ParseError(string? line)
    {
        var result = NutReplyParser.ParseLine(line);
        Assert.False(result.IsSuccess, $"expected an error for {line}, got {result}");
        Assert.False(string.IsNullOrWhiteSpace(result.Error));
        return result.Error;
    }

    [Fact]
    public void ParseLine_should_return_var_when_line_is_a_plain_VAR() =>
        Assert.Equal(new NutReply.Var("ups1", "battery.charge", "100"), Parsed("VAR ups1 battery.charge \"100\""));

    [Theory]
    [InlineData("VAR ups1 ups.model \"Smart \\\"UPS\\\" 1500\"", "Smart \"UPS\" 1500")]
    [InlineData("VAR ups1 x \"C:\\\\nut\\\\\"", "C:\\nut\\")]
    [InlineData("VAR ups1 x \"\"", "")]
    [InlineData("VAR ups1 x \"a  b\tc\"", "a  b\tc")]
    [InlineData("VAR ups1 x \"\\n\"", "n")] // NUT's parser: a backslash makes any next character literal
    public void ParseLine_should_unescape_value_when_VAR_value_has_escapes(string line, string expected) =>
        Assert.Equal(expected, ((NutReply.Var)Parsed(line)).Value);

    [Fact]
    public void ParseLine_should_ignore_trailing_CR_when_line_ends_with_CRLF() =>
        Assert.Equal(new NutReply.Var("ups1", "ups.status", "OL"), Parsed("VAR ups1 ups.status \"OL\"\r"));

    [Fact]
    public void ParseLine_should_return_list_markers_when_line_is_BEGIN_or_END()
    {
        Assert.Equal(new NutReply.BeginListVar("ups1"), Parsed("BEGIN LIST VAR ups1"));
        Assert.Equal(new NutReply.EndListVar("ups1"), Parsed("END LIST VAR ups1"));
    }

    [Theory]
    [InlineData("ERR UNKNOWN-UPS", "UNKNOWN-UPS", null)]
    [InlineData("ERR DATA-STALE", "DATA-STALE", null)]
    [InlineData("ERR SOMETHING-NEW with more words", "SOMETHING-NEW", "with more words")]
    public void ParseLine_should_return_error_when_line_is_ERR(string line, string code, string? extra) =>
        Assert.Equal(new NutReply.Error(code, extra), Parsed(line));

    [Theory]
    [InlineData("OK", null)]
    [InlineData("OK Goodbye", "Goodbye")]
    [InlineData("OK FSD-SET", "FSD-SET")]
    public void ParseLine_should_return_ok_when_line_is_OK(string line, string? text) =>
        Assert.Equal(new NutReply.Ok(text), Parsed(line));

    [Theory]
    [InlineData("", "empty")]
    [InlineData("   ", "only whitespace")]
    [InlineData("VAR ups1 x \"unterminated", "unterminated quoted value")]
    [InlineData("VAR ups1 x \"ends in backslash\\", "backslash at end of line")]
    [InlineData("VAR ups1 x \"v\"junk", "right after a closing quote")]
    [InlineData("VAR ups1 x 100", "must be in double quotes")]
    [InlineData("VAR ups1 \"x\"", "needs 3 fields")]
    [InlineData("VAR ups1 x \"1\" \"2\"", "needs 3 fields")]
    [InlineData("VAR \"ups1\" x \"1\"", "must not be quoted")]
    [InlineData("VAR ups1 x\"1\"", "stray quote")]
    [InlineData("BEGIN LIST CMD ups1", "BEGIN LIST VAR")] // BEGIN LIST UPS is a reply since discover (NutListUpsParserTests)
    [InlineData("END LIST RW ups1", "END LIST VAR")]
    [InlineData("ERR", "without an error code")]
    [InlineData("Network UPS Tools upsd 2.8.0", "not a reply this client understands")]
    [InlineData("var ups1 x \"1\"", "not a reply this client understands")]
    public void ParseLine_should_name_line_and_reason_when_line_is_malformed(string line, string reason)
    {
        var error = ParseError(line);
        Assert.Contains(reason, error);
        if (line.Trim().Length > 0) Assert.Contains(NutReplyParser.Show(line), error);
    }

    [Fact]
    public void ParseLine_should_fail_when_line_is_null() => Assert.Contains("null", ParseError(null));

    [Fact]
    public void ParseLine_should_shorten_and_escape_line_when_showing_it_in_an_error()
    {
        var error = ParseError("\u0001" + new string('x', 10_000));
        Assert.Contains("\\x01", error);
        Assert.Contains("(10001 chars)", error);
        Assert.True(error.Length < 400, error);
    }

    [Fact]
    public void ParseStatus_should_return_all_tokens_when_status_has_known_and_unknown_tokens()
    {
        var tokens = NutReplyParser.ParseStatus("FSD  OB LB\tCHRG VENDORX");
        Assert.Equal(new[] { "CHRG", "FSD", "LB", "OB", "VENDORX" }, tokens.Order());
    }

    [Fact]
    public void ParseStatus_should_know_every_documented_token_when_asked()
    {
        var all = "OL OB LB HB RB CHRG DISCHRG BYPASS CAL OFF OVER TRIM BOOST FSD ALARM WAIT";
        Assert.True(NutReplyParser.ParseStatus(all).All(NutReplyParser.KnownStatusTokens.Contains));
        Assert.DoesNotContain("VENDORX", (IReadOnlySet<string>)NutReplyParser.KnownStatusTokens);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    public void ParseStatus_should_return_empty_set_when_status_is_blank(string? status) =>
        Assert.Empty(NutReplyParser.ParseStatus(status));

    [Fact]
    public void ParseListVar_should_return_vars_when_reply_is_complete()
    {
        var vars = NutReplyParser.ParseListVar("ups1",
            ["BEGIN LIST VAR ups1", "VAR ups1 ups.status \"OB LB\"", "VAR ups1 battery.charge \"9\"", "END LIST VAR ups1"]);
        Assert.True(vars.IsSuccess, vars.Error);
        Assert.Equal("OB LB", vars.Value["ups.status"]);
        Assert.Equal(2, vars.Value.Count);
    }

    [Theory]
    [InlineData("ERR UNKNOWN-UPS", "ERR UNKNOWN-UPS")]
    [InlineData("BEGIN LIST VAR ups1|VAR ups1 x \"1\"", "ended before END LIST VAR")]
    [InlineData("BEGIN LIST VAR ups2|END LIST VAR ups2", "before BEGIN LIST VAR")]
    [InlineData("BEGIN LIST VAR ups1|VAR ups2 x \"1\"|END LIST VAR ups1", "inside the list")]
    [InlineData("VAR ups1 x \"1\"|END LIST VAR ups1", "before BEGIN LIST VAR")]
    [InlineData("BEGIN LIST VAR ups1|BEGIN LIST VAR ups1", "inside the list")]
    [InlineData("BEGIN LIST VAR ups1|garbage", "malformed")]
    public void ParseListVar_should_fail_with_reason_when_reply_is_wrong(string joined, string reason)
    {
        var result = NutReplyParser.ParseListVar("ups1", joined.Split('|'));
        Assert.False(result.IsSuccess);
        Assert.Contains(reason, result.Error);
    }

    [Fact]
    public void ListVarCollector_should_stop_when_var_count_exceeds_limit()
    {
        var collector = new NutListVarCollector("ups1", maxVars: 2);
        Assert.True(collector.Feed("BEGIN LIST VAR ups1").IsSuccess);
        Assert.True(collector.Feed("VAR ups1 a \"1\"").IsSuccess);
        Assert.True(collector.Feed("VAR ups1 b \"1\"").IsSuccess);
        Assert.True(collector.Feed("VAR ups1 b \"2\"").IsSuccess); // a repeat is not a new variable
        Assert.Contains("more than 2 variables", collector.Feed("VAR ups1 c \"1\"").Error);
        Assert.Contains("already failed", collector.Feed("END LIST VAR ups1").Error);
    }
}
