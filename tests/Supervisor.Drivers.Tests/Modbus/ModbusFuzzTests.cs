namespace Supervisor.Drivers.Tests.Modbus;

/// <summary>
/// Hostile bytes through the frame parser, random words through the decoder and mapper. The invariant: no
/// exception escapes, and every result is a value or an error with a non-empty message. Nothing catches and ignores.
/// </summary>
public sealed class ModbusFuzzTests
{
    private const int Cases = 12_000;

    [Fact]
    public void ParseReadReply_should_return_value_or_error_when_fed_random_truncated_oversized_and_mutated_frames()
    {
        var random = new Random(20261123); // fixed seed: a failure reproduces exactly
        int accepted = 0, rejected = 0;
        for (var i = 0; i < Cases; i++)
        {
            var request = new ModbusReadRequest((ushort)random.Next(65536), (byte)random.Next(256), (byte)(3 + random.Next(2)),
                (ushort)random.Next(65536), (ushort)(1 + random.Next(125)));
            var frame = Generate(random, request, i % 6);
            try
            {
                var header = ModbusFrame.ParseHeader(frame);
                Assert.True(header.IsSuccess || !string.IsNullOrWhiteSpace(header.Error));
                var reply = ModbusFrame.ParseReadReply(frame, request);
                if (!reply.IsSuccess)
                {
                    Assert.False(string.IsNullOrWhiteSpace(reply.Error));
                    rejected++;
                    continue;
                }
                accepted++;
                if (reply.Value is ModbusReply.Registers r) Assert.Equal(request.Count, r.Values.Length);
            }
            catch (Exception ex) when (ex is not Xunit.Sdk.XunitException)
            {
                Assert.Fail($"case {i} threw {ex.GetType().Name}: {ex.Message}\nframe: {Convert.ToHexString(frame)}");
            }
        }
        // The generator must reach both outcomes, or this test proves nothing.
        Assert.True(accepted > Cases / 10 && rejected > Cases / 2, $"accepted {accepted}, rejected {rejected}");
    }

    [Fact]
    public void Mapper_should_return_value_or_error_when_registers_hold_random_words_for_every_type()
    {
        var random = new Random(42);
        var types = Enum.GetValues<ModbusValueType>();
        var measurements = Enum.GetValues<MeterMeasurement>();
        for (var i = 0; i < Cases; i++)
        {
            var map = measurements.Where(_ => random.Next(3) > 0).Select(m => new ModbusRegister(
                m, random.Next(8), (byte)(3 + random.Next(2)), types[random.Next(types.Length)],
                (ModbusWordOrder)random.Next(2), random.Next(4) switch { 0 => 1, 1 => 0.1, 2 => -1000, _ => random.NextDouble() * 1e6 })).ToList();
            var image = new Dictionary<(byte, int), ushort>();
            for (var a = 0; a < 10; a++)
            {
                // Mostly present, sometimes a missing word; NaN and infinity patterns are frequent on purpose.
                if (random.Next(10) == 0) continue;
                var word = random.Next(5) switch { 0 => (ushort)0x7FC0, 1 => (ushort)0x7F80, 2 => (ushort)0xFF80, _ => (ushort)random.Next(65536) };
                image[(3, a)] = word;
                image[(4, a)] = (ushort)random.Next(65536);
            }
            var result = ModbusReadingMapper.ToReading("fuzz", map, image, DateTimeOffset.UnixEpoch);
            if (!result.IsSuccess)
            {
                Assert.False(string.IsNullOrWhiteSpace(result.Error));
                continue;
            }
            var r = result.Value.Reading;
            foreach (var v in new[] { r.InputVoltage, r.CurrentAmps, r.PowerWatts, r.FrequencyHz, r.EnergyKwh, r.ChargePercent, r.RuntimeSeconds })
                Assert.True(v is null || double.IsFinite(v.Value), $"case {i}: non-finite value {v}");
            Assert.True(r.ChargePercent is null or (>= 0 and <= 100));
            Assert.All(result.Value.Warnings, w => Assert.False(string.IsNullOrWhiteSpace(w)));
            Assert.False(string.IsNullOrWhiteSpace(r.RawStatus));
        }
    }

    /// <summary>FsCheck's own byte arrays as whole frames, against a fixed request.</summary>
    [Property(MaxTest = 10_000)]
    public void ParseReadReply_should_return_value_or_error_when_frame_is_any_byte_array(byte[]? frame)
    {
        var result = ModbusFrame.ParseReadReply(frame ?? [], new ModbusReadRequest(1, 1, 4, 0, 2));
        Assert.True(result.IsSuccess || !string.IsNullOrWhiteSpace(result.Error));
    }

    /// <summary>0 valid, 1 truncated, 2 oversized, 3 bit-flipped, 4 random bytes, 5 valid header with random body.</summary>
    private static byte[] Generate(Random random, ModbusReadRequest request, int kind)
    {
        var words = Enumerable.Range(0, request.Count).Select(_ => (ushort)random.Next(65536)).ToArray();
        var valid = random.Next(5) == 0
            ? new byte[] { (byte)(request.TransactionId >> 8), (byte)request.TransactionId, 0, 0, 0, 3, request.UnitId, (byte)(request.Function | 0x80), (byte)random.Next(256) }
            : FakeModbusServer.Reply(request.TransactionId, request.UnitId, request.Function, words);
        switch (kind)
        {
            case 0: return valid;
            case 1: return valid[..random.Next(valid.Length)];
            case 2:
                var big = new byte[valid.Length + 1 + random.Next(70_000)];
                valid.CopyTo(big, 0);
                random.NextBytes(big.AsSpan(valid.Length));
                if (random.Next(2) == 0) { big[4] = 0xFF; big[5] = 0xFF; }
                return big;
            case 3:
                var flipped = (byte[])valid.Clone();
                for (var n = 1 + random.Next(3); n > 0; n--) flipped[random.Next(flipped.Length)] ^= (byte)(1 << random.Next(8));
                return flipped;
            case 4:
                var noise = new byte[random.Next(300)];
                random.NextBytes(noise);
                return noise;
            default:
                var body = new byte[1 + random.Next(253)];
                random.NextBytes(body);
                byte[] header = [(byte)(request.TransactionId >> 8), (byte)request.TransactionId, 0, 0, 0, (byte)(body.Length + 1), request.UnitId];
                return [.. header, .. body];
        }
    }
}
