namespace Supervisor.Drivers.Tests.Apcupsd;

/// <summary>
/// In-process stand-in for apcupsd's NIS on 127.0.0.1 whose reply tests switch at run time, to produce what a
/// real apcupsd will not (garbage, huge lengths, silence, drops mid-reply, COMMLOST on demand).
/// </summary>
internal sealed class FakeNis : FakeTcpServer<string>
{
    /// <summary>A reply as apcupsd 3.14.14 sent it (apcsmart + Smart-UPS simulator), NOMPOWER added as USB models send it.</summary>
    public static readonly string[] RealStatus =
    [
        "APC      : 001,031,0748", "DATE     : 2026-11-23 19:09:48 +0000  ", "HOSTNAME : vm",
        "VERSION  : 3.14.14 (31 May 2016) debian", "UPSNAME  : simups", "CABLE    : Custom Cable Smart",
        "DRIVER   : APC Smart UPS (any)", "UPSMODE  : Stand Alone", "STARTTIME: 2026-11-23 19:09:47 +0000  ",
        "MODEL    : Smart-UPS 1500 SIM", "STATUS   : ONLINE ", "LINEV    : 230.0 Volts", "LOADPCT  : 25.0 Percent",
        "BCHARGE  : 100.0 Percent", "TIMELEFT : 20.0 Minutes", "MBATTCHG : 5 Percent", "MINTIMEL : 3 Minutes",
        "MAXTIME  : 0 Seconds", "OUTPUTV  : 230.0 Volts", "BATTV    : 27.3 Volts", "LINEFREQ : 50.0 Hz",
        "LASTXFER : No transfers since turnon", "NUMXFERS : 0", "TONBATT  : 0 Seconds", "CUMONBATT: 0 Seconds",
        "XOFFBATT : N/A", "SELFTEST : OK", "STATFLAG : 0x05000008", "SERIALNO : SIM0000001", "NOMPOWER : 980 Watts",
        "FIRMWARE : Lzy", "END APC  : 2026-11-23 19:09:50 +0000  ",
    ];


    public FakeNis(int port = 0) : base(port) => Behaviour = Status(RealStatus);

    /// <summary>Answers <c>status</c> with these lines framed as apcupsd does (each + <c>\n</c>, then the end marker).</summary>
    public static Handler Status(params string[] lines) => (command, stream, ct) =>
        Raw(command == "status" ? Frame(lines) : Frame("Invalid command"))(command, stream, ct);

    /// <summary>The real status with one line replaced (or added): <c>With("STATUS   : COMMLOST")</c>.</summary>
    public static Handler With(params string[] replacements)
    {
        var lines = RealStatus.ToList();
        foreach (var line in replacements)
        {
            var key = line[..line.IndexOf(':')].Trim();
            var at = lines.FindIndex(l => l[..l.IndexOf(':')].Trim() == key);
            if (at >= 0) lines[at] = line;
            else lines.Insert(lines.Count - 1, line);
        }
        return Status([.. lines]);
    }

    /// <summary>Writes <paramref name="bytes"/> as the reply, then optionally closes.</summary>
    public static Handler Raw(byte[] bytes, bool thenClose = false) => async (_, stream, ct) =>
    {
        await stream.WriteAsync(bytes, ct);
        await stream.FlushAsync(ct);
        if (thenClose) stream.Close();
    };

    /// <summary>Lines framed as NIS records, with the zero-length end marker.</summary>
    public static byte[] Frame(params string[] lines)
    {
        var output = new MemoryStream();
        foreach (var line in lines)
        {
            var body = Encoding.UTF8.GetBytes(line + "\n");
            output.Write([(byte)(body.Length >> 8), (byte)body.Length]);
            output.Write(body);
        }
        output.Write([0, 0]);
        return output.ToArray();
    }

    /// <summary>A NIS request is a command behind a 2-byte length.</summary>
    protected override Func<CancellationToken, Task<string?>> OpenReader(Stream stream) =>
        async ct => Encoding.ASCII.GetString(await ReadLengthPrefixedAsync(stream, 2, ct));
}
