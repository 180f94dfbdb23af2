namespace Supervisor.Drivers.Tests.Apcupsd;

public sealed class ApcupsdNisFramingTests
{
    [Fact]
    public void EncodeRequest_should_prefix_big_endian_length_when_command_is_status()
    {
        Assert.Equal([0x00, 0x06, .. "status"u8.ToArray()], ApcupsdNisFraming.EncodeRequest("status"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("status\n")]
    [InlineData("st atus")]
    public void EncodeRequest_should_reject_command_when_it_is_not_a_plain_word(string command)
    {
        Assert.Throws<ArgumentException>(() => ApcupsdNisFraming.EncodeRequest(command));
    }

    [Fact]
    public void Decode_should_return_records_without_line_ends_when_reply_is_complete()
    {
        var bytes = FakeNis.Frame("APC      : 001,030,0722", "STATUS   : ONLINE ");
        var result = ApcupsdNisFraming.Decode(bytes);
        Assert.True(result.IsSuccess, result.Error);
        Assert.Equal(["APC      : 001,030,0722", "STATUS   : ONLINE "], result.Value.Records);
        Assert.True(result.Value.IsComplete);
        Assert.Equal(bytes.Length, result.Value.Consumed);
    }

    [Fact]
    public void Decode_should_strip_trailing_nul_when_record_counts_the_C_terminator()
    {
        // apcupsd 3.14.14 answered an unknown command with exactly these bytes (seen on the wire).
        byte[] bytes = [0x00, 0x11, .. "Invalid command\n\0"u8.ToArray(), 0x00, 0x00];
        var result = ApcupsdNisFraming.Decode(bytes);
        Assert.Equal(["Invalid command"], result.Value.Records);
        Assert.True(result.Value.IsComplete);
    }

    [Fact]
    public void Decode_should_report_incomplete_with_records_so_far_when_reply_is_cut_anywhere()
    {
        var bytes = FakeNis.Frame("APC      : 001", "STATUS   : ONLINE");
        for (var cut = 0; cut < bytes.Length - 1; cut++)
        {
            var result = ApcupsdNisFraming.Decode(bytes.AsSpan(0, cut));
            Assert.True(result.IsSuccess, result.Error);
            Assert.False(result.Value.IsComplete);
            // "APC      : 001\n" is 15 bytes, "STATUS   : ONLINE\n" 18; each needs its 2-byte length too.
            Assert.Equal(cut >= 17 + 20 ? 2 : cut >= 17 ? 1 : 0, result.Value.Records.Count);
        }
    }

    [Fact]
    public void Decode_should_complete_with_no_records_when_reply_is_only_the_end_marker()
    {
        var result = ApcupsdNisFraming.Decode([0, 0]);
        Assert.True(result.Value.IsComplete);
        Assert.Empty(result.Value.Records);
    }

    [Fact]
    public void Decode_should_fail_quoting_the_bytes_when_length_exceeds_record_cap()
    {
        var result = ApcupsdNisFraming.Decode("HTTP/1.1 400 Bad Request\r\n"u8);
        Assert.False(result.IsSuccess);
        Assert.Contains("record 1 announces 18516 bytes, more than the 1024", result.Error);
        Assert.Contains("\"HTTP/1.1 400 Bad Request\\x0D\\x0A\"", result.Error);
    }

    [Fact]
    public void Decode_should_fail_when_records_exceed_count_cap()
    {
        var lines = Enumerable.Range(0, ApcupsdNisFraming.MaxRecords + 1).Select(i => "K : v").ToArray();
        var result = ApcupsdNisFraming.Decode(FakeNis.Frame(lines));
        Assert.False(result.IsSuccess);
        Assert.Contains("more than 256 records", result.Error);
        // Exactly at the cap is fine.
        Assert.True(ApcupsdNisFraming.Decode(FakeNis.Frame(lines[1..])).Value.IsComplete);
    }

    [Fact]
    public void Decode_should_fail_when_reply_would_outgrow_the_reply_cap()
    {
        // 100 records of 1000 bytes = 100 KB: under the count and record caps, over 64 KiB.
        var lines = Enumerable.Range(0, 100).Select(_ => "K : " + new string('v', 995)).ToArray();
        var result = ApcupsdNisFraming.Decode(FakeNis.Frame(lines));
        Assert.False(result.IsSuccess);
        Assert.Contains("larger than 64 KiB", result.Error);
    }

    [Fact]
    public void Decode_should_never_need_more_than_the_reply_cap_when_records_fill_it_exactly()
    {
        // Records ending exactly at MaxReplyBytes leave no room for the end marker: rejected, not "incomplete".
        var record = new byte[2 + 1022];
        record[0] = 0x03; record[1] = 0xFE;
        var buffer = Enumerable.Repeat(record, 64).SelectMany(r => r).ToArray();
        Assert.Equal(ApcupsdNisFraming.MaxReplyBytes, buffer.Length);
        Assert.False(ApcupsdNisFraming.Decode(buffer).IsSuccess);
    }
}
