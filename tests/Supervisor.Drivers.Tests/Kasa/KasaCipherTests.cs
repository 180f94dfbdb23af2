namespace Supervisor.Drivers.Tests.Kasa;

public sealed class KasaCipherTests
{
    /// <summary>The vector from shared/test-servers.md §1, checked there against the simulator and a Python client.</summary>
    private const string SysInfoFrameHex = "0000001dd0f281f88bff9af7d5ef94b6d1b4c09fec95e68fe187e8caf08bf68bf6";

    [Fact]
    public void Frame_should_match_known_vector_when_request_is_get_sysinfo()
    {
        var frame = KasaCipher.Frame("{\"system\":{\"get_sysinfo\":{}}}");
        Assert.Equal(SysInfoFrameHex, Convert.ToHexString(frame).ToLowerInvariant());
    }

    [Fact]
    public void DecodePayload_should_give_back_request_when_fed_known_vector_payload()
    {
        var frame = Convert.FromHexString(SysInfoFrameHex);
        Assert.Equal(29u, KasaCipher.ReadLength(frame));
        var text = KasaReplyParser.DecodePayload(frame.AsSpan(KasaCipher.HeaderLength));
        Assert.True(text.IsSuccess, text.Error);
        Assert.Equal("{\"system\":{\"get_sysinfo\":{}}}", text.Value);
    }

    [Fact]
    public void Encrypt_should_chain_each_cipher_byte_into_the_next_key_when_bytes_repeat()
    {
        // 'a' (0x61) ^ 171 (0xab) = 0xca; then 0x61 ^ 0xca = 0xab; then 0x61 ^ 0xab = 0xca: the key is the last cipher byte.
        Assert.Equal([0xca, 0xab, 0xca], KasaCipher.Encrypt("aaa"u8));
    }

    [Property(MaxTest = 2_000)]
    public void Decrypt_should_invert_Encrypt_when_given_any_bytes(byte[] plain)
    {
        Assert.Equal(plain, KasaCipher.Decrypt(KasaCipher.Encrypt(plain)));
    }

    [Property(MaxTest = 2_000)]
    public void Frame_should_prefix_payload_length_big_endian_when_given_any_text(string? text)
    {
        var json = text ?? "";
        var frame = KasaCipher.Frame(json);
        var payload = frame.AsSpan(KasaCipher.HeaderLength);
        Assert.Equal((uint)payload.Length, KasaCipher.ReadLength(frame));
        Assert.Equal(Encoding.UTF8.GetBytes(json), KasaCipher.Decrypt(payload));
    }
}
