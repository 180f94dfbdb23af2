namespace Supervisor.Drivers.Tests.Modbus;

public sealed class ModbusFrameTests
{
    private static readonly ModbusReadRequest Voltage = new(1, 1, 4, 0x0000, 2);

    [Fact]
    public void ReadRequest_should_match_bytes_seen_on_the_wire_when_reading_two_input_registers()
    {
        // shared/test-servers.md §3, raw exchange with pymodbus: req 000100000006 01 04 0000 0002.
        Assert.Equal(Convert.FromHexString("000100000006010400000002"), ModbusFrame.ReadRequest(Voltage));
    }

    [Fact]
    public void ReadRequest_should_encode_ids_address_and_count_big_endian_when_values_use_both_bytes()
    {
        var frame = ModbusFrame.ReadRequest(new ModbusReadRequest(0xABCD, 247, 3, 0x1234, 125));
        Assert.Equal(Convert.FromHexString("ABCD00000006F70312340" + "07D"), frame);
    }

    [Fact]
    public void ParseReadReply_should_return_registers_when_reply_is_the_one_pymodbus_sent()
    {
        // resp 000100000007 01 04 04 4366199a = 230.1 as float32 high word first.
        var result = ModbusFrame.ParseReadReply(Convert.FromHexString("000100000007010404" + "4366199A"), Voltage);
        Assert.True(result.IsSuccess, result.Error);
        Assert.Equal(new ushort[] { 0x4366, 0x199A }, Assert.IsType<ModbusReply.Registers>(result.Value).Values);
    }

    [Fact]
    public void ParseReadReply_should_return_exception_when_function_has_the_high_bit_set()
    {
        // pymodbus for 0x0190: ...01 84 02.
        var result = ModbusFrame.ParseReadReply(Convert.FromHexString("000100000003018402"), Voltage);
        Assert.True(result.IsSuccess, result.Error);
        Assert.Equal(new ModbusReply.Exception(0x84, 2), result.Value);
    }

    [Theory]
    [InlineData("000200000007010404" + "4366199A", "transaction id 2, but the request had 1")]
    [InlineData("000100000007070404" + "4366199A", "unit id 7, but we asked unit id 1")]
    [InlineData("000100000007010304" + "4366199A", "function code 3, but the request was function 4")]
    [InlineData("000100000003018302", "function code 131, but the request was function 4")]
    [InlineData("000100000005010402" + "4366", "2 data bytes, but 2 registers need 4")]
    [InlineData("000100000006010404" + "436619", "byte count says 4 but 3 data bytes follow")]
    [InlineData("000100000007010404" + "4366199A00", "14 bytes but its header announces 13")]
    [InlineData("000100000004018402" + "00", "exception reply has 3 PDU bytes instead of 2")]
    [InlineData("00010000000201" + "04", "has no byte count")]
    [InlineData("000100010007010404" + "4366199A", "protocol id 1, not 0")]
    [InlineData("485454502F312E31", "protocol id 21584, not 0")]
    [InlineData("000100000001" + "01", "length 1, outside the Modbus TCP range 2..254")]
    [InlineData("00010000FFFF" + "01", "length 65535, outside")]
    [InlineData("0001", "shorter than the 7-byte Modbus TCP header")]
    public void ParseReadReply_should_fail_with_reason_when_reply_does_not_match_request(string hex, string expected)
    {
        var result = ModbusFrame.ParseReadReply(Convert.FromHexString(hex), Voltage);
        Assert.False(result.IsSuccess);
        Assert.Contains(expected, result.Error);
        Assert.Contains("bytes:", result.Error);
    }

    [Fact]
    public void ParseHeader_should_give_body_length_when_header_is_valid()
    {
        var header = ModbusFrame.ParseHeader(Convert.FromHexString("00010000000701"));
        Assert.True(header.IsSuccess, header.Error);
        Assert.Equal(new ModbusHeader(1, 0, 7, 1), header.Value);
        Assert.Equal(6, header.Value.BodyLength);
    }

    [Fact]
    public void ParseReadReply_should_accept_the_largest_read_when_125_registers_fill_the_frame()
    {
        var request = new ModbusReadRequest(9, 1, 3, 0, 125);
        var frame = new byte[9 + 250];
        Convert.FromHexString("0009000000FD0103FA").CopyTo(frame, 0);
        var result = ModbusFrame.ParseReadReply(frame, request);
        Assert.True(result.IsSuccess, result.Error);
        Assert.Equal(125, ((ModbusReply.Registers)result.Value).Values.Length);
    }

    [Fact]
    public void Show_should_cut_long_input_when_garbage_is_long()
    {
        var text = ModbusFrame.Show(new byte[100]);
        Assert.StartsWith("bytes: 00 00", text);
        Assert.EndsWith("… (100 bytes)", text);
        Assert.Equal("bytes: none", ModbusFrame.Show([]));
    }
}
