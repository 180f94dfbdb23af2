using System.Globalization;

namespace Supervisor.Drivers.Tests.Kasa;

/// <summary>
/// In-process stand-in for a Kasa plug on 127.0.0.1 whose behaviour tests switch at run time, to produce the
/// failures the simulator will not (garbage, silence, huge lengths, drops mid-reply, idle disconnects).
/// </summary>
internal sealed class FakeKasa : FakeTcpServer<string>
{
    /// <param name="port">0 = a free port; a fixed one lets a test bring a "plug" back where the driver expects it.</param>
    public FakeKasa(int port = 0) : base(port) => Behaviour = Plug();

    /// <summary>A healthy HS110 answering sysinfo and realtime (combined or not) with the given watts.</summary>
    public static Handler Plug(double watts = 42.5) => (request, stream, ct) =>
    {
        var parts = new List<string>();
        if (request.Contains("get_sysinfo"))
            parts.Add("\"system\":{\"get_sysinfo\":{\"model\":\"HS110(EU)\",\"alias\":\"Fake\",\"relay_state\":1,\"feature\":\"TIM:ENE\",\"err_code\":0}}");
        if (request.Contains("get_realtime"))
            parts.Add($"\"emeter\":{{\"get_realtime\":{{\"voltage_mv\":230000,\"current_ma\":185,\"power_mw\":{((long)(watts * 1000)).ToString(CultureInfo.InvariantCulture)},\"total_wh\":1000,\"err_code\":0}}}}");
        return Reply(stream, ct, "{" + string.Join(',', parts) + "}");
    };

    /// <summary>Raw bytes for every request (header and all: the test decides what the wire carries).</summary>
    public static Handler Raw(byte[] bytes, bool thenClose = false) => async (_, stream, ct) =>
    {
        await stream.WriteAsync(bytes, ct);
        await stream.FlushAsync(ct);
        if (thenClose) stream.Close();
    };

    /// <summary>Encrypts and frames <paramref name="json"/> as a plug would.</summary>
    public static async Task Reply(Stream stream, CancellationToken ct, string json)
    {
        await stream.WriteAsync(KasaCipher.Frame(json), ct);
        await stream.FlushAsync(ct);
    }

    /// <summary>A Kasa request is encrypted JSON behind a 4-byte length; tests see it decrypted.</summary>
    protected override Func<CancellationToken, Task<string?>> OpenReader(Stream stream) =>
        async ct => Encoding.UTF8.GetString(KasaCipher.Decrypt(await ReadLengthPrefixedAsync(stream, 4, ct)));
}
