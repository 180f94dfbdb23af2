using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Supervisor.Drivers.Kasa;

namespace Supervisor.Drivers.Tests.Kasa;

/// <summary>
/// In-process stand-in for a Kasa plug on 127.0.0.1 whose behaviour tests switch at run time, to produce the
/// failures the simulator will not (garbage, silence, huge lengths, drops mid-reply, idle disconnects).
/// </summary>
internal sealed class FakeKasa : FakeTcpServer
{
    /// <summary>Handles one decrypted request of one connection: writes the reply (or not), may close the stream.</summary>
    public delegate Task Handler(string request, Stream stream, CancellationToken ct);


    /// <param name="port">0 = a free port; a fixed one lets a test bring a "plug" back where the driver expects it.</param>
    public FakeKasa(int port = 0) : base(port) { }

    /// <summary>Every decrypted request, in order.</summary>
    public ConcurrentQueue<string> Received { get; } = new();

    public Handler Behaviour { get; set; } = Plug();

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

    protected override async Task ServeAsync(TcpClient client, CancellationToken stop)
    {
        var stream = client.GetStream();
        var header = new byte[4];
        while (true)
        {
            await stream.ReadExactlyAsync(header, stop);
            var payload = new byte[BinaryPrimitives.ReadUInt32BigEndian(header)];
            await stream.ReadExactlyAsync(payload, stop);
            var request = Encoding.UTF8.GetString(KasaCipher.Decrypt(payload));
            Received.Enqueue(request);
            await Behaviour(request, stream, stop);
        }
    }

}
