using System.Buffers.Binary;
using System.Text;

namespace Supervisor.Drivers.Kasa;

/// <summary>
/// The Kasa legacy framing: a 4-byte big-endian length, then the payload XOR-ed with an "autokey": the key starts
/// at 171 and each cipher byte becomes the next key. It hides nothing (no secret involved); it is only the wire format.
/// </summary>
public static class KasaCipher
{
    public const byte InitialKey = 171;
    public const int HeaderLength = 4;

    /// <summary>c = p ^ key; key = c.</summary>
    public static byte[] Encrypt(ReadOnlySpan<byte> plain)
    {
        var output = new byte[plain.Length];
        var key = InitialKey;
        for (var i = 0; i < plain.Length; i++)
        {
            key = (byte)(plain[i] ^ key);
            output[i] = key;
        }
        return output;
    }

    /// <summary>p = c ^ key; key = c.</summary>
    public static byte[] Decrypt(ReadOnlySpan<byte> cipher)
    {
        var output = new byte[cipher.Length];
        var key = InitialKey;
        for (var i = 0; i < cipher.Length; i++)
        {
            output[i] = (byte)(cipher[i] ^ key);
            key = cipher[i];
        }
        return output;
    }

    /// <summary>
    /// The whole request frame (header + encrypted UTF-8 JSON) as one buffer: it must go out in ONE write, because
    /// some listeners (the npm simulator; reportedly some firmware) treat each TCP segment as a whole frame.
    /// </summary>
    public static byte[] Frame(string json)
    {
        var payload = Encrypt(Encoding.UTF8.GetBytes(json));
        var frame = new byte[HeaderLength + payload.Length];
        BinaryPrimitives.WriteUInt32BigEndian(frame, (uint)payload.Length);
        payload.CopyTo(frame.AsSpan(HeaderLength));
        return frame;
    }

    /// <summary>The payload length a reply header announces (unsigned: a huge value is rejected by the caller's cap).</summary>
    public static uint ReadLength(ReadOnlySpan<byte> header) => BinaryPrimitives.ReadUInt32BigEndian(header);
}
