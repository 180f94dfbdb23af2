namespace Supervisor.Drivers.Tests.Nut;

/// <summary>The <c>LIST UPS</c> reply lines <c>discover</c> and <c>init</c> read.</summary>
public sealed class NutListUpsParserTests
{
    [Fact]
    public void List_ups_lines_should_parse_into_begin_entries_and_end()
    {
        Assert.IsType<NutReply.BeginListUps>(NutReplyParser.ParseLine("BEGIN LIST UPS").Value);
        Assert.Equal(new NutReply.UpsEntry("ups1", "Rack \"A\" UPS"), NutReplyParser.ParseLine("UPS ups1 \"Rack \\\"A\\\" UPS\"").Value);
        Assert.IsType<NutReply.EndListUps>(NutReplyParser.ParseLine("END LIST UPS").Value);
    }

    [Theory]
    [InlineData("UPS ups1")]
    [InlineData("UPS ups1 bare")]
    [InlineData("UPS \"ups1\" \"desc\"")]
    public void A_malformed_ups_line_should_fail_with_the_line_quoted(string line)
    {
        var parsed = NutReplyParser.ParseLine(line);
        Assert.False(parsed.IsSuccess);
        Assert.Contains("malformed upsd reply", parsed.Error);
    }
}
