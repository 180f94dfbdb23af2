using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;

namespace Supervisor.Tests.RealServers;

/// <summary>
/// An APC Smart-UPS on a pseudo-terminal, for apcupsd's <c>UPSTYPE apcsmart</c> driver (the job apcupsd's own
/// examples/smartsim.c does over a null-modem cable). The Smart protocol is one command byte from the host, one
/// <c>\r\n</c>-terminated answer from the UPS, plus unsolicited alert bytes (<c>!</c> on battery, <c>$</c> back on
/// line, <c>%</c> battery low, <c>+</c> battery ok) that make apcupsd re-read the status at once.
/// Runs in-process so tests flip its state with plain method calls; no control port is needed.
/// </summary>
public sealed class SmartUpsSimulator : IDisposable
{
    private const int ORdWr = 2, ONoCtty = 0x100, PollIn = 1;
    private readonly object _gate = new();
    private readonly int _master;
    private readonly int _slave;
    private readonly Thread _thread;
    private volatile bool _stop;
    private int _commands;

    // UPS state; guarded by _gate. Defaults are a healthy 230 V / 50 Hz UPS at 25 % load.
    private bool _onBattery, _lowBattery, _commFail;
    private double _batteryPercent = 100, _minutesLeft = 20, _loadPercent = 25, _lineVolts = 230;

    private SmartUpsSimulator(int master, int slave, string devicePath)
    {
        _master = master;
        _slave = slave;
        DevicePath = devicePath;
        _thread = new Thread(Loop) { IsBackground = true, Name = "smart-ups-sim" };
        _thread.Start();
    }

    /// <summary>The terminal apcupsd opens (<c>DEVICE</c> in apcupsd.conf), e.g. <c>/dev/pts/3</c>.</summary>
    public string DevicePath { get; }

    /// <summary>Commands answered so far (tells that apcupsd is talking to us).</summary>
    public int CommandsAnswered => Volatile.Read(ref _commands);

    public static SmartUpsSimulator Start()
    {
        if (!OperatingSystem.IsLinux()) throw new PlatformNotSupportedException("the Smart-UPS simulator needs a Linux pty");
        var master = Check(posix_openpt(ORdWr | ONoCtty), "posix_openpt");
        try
        {
            Check(grantpt(master), "grantpt");
            Check(unlockpt(master), "unlockpt");
            var name = new byte[128];
            if (ptsname_r(master, name, name.Length) != 0) throw new IOException("ptsname_r failed");
            var path = Encoding.ASCII.GetString(name, 0, Array.IndexOf(name, (byte)0));
            // We hold the terminal side open ourselves: with no slave open, reads on the master fail with EIO,
            // and apcupsd restarts between tests. Raw mode so nothing is echoed or line-buffered before apcupsd
            // sets its own (it does on open).
            var slave = Check(open(path, ORdWr | ONoCtty), "open " + path);
            var termios = new byte[256];
            Check(tcgetattr(slave, termios), "tcgetattr");
            cfmakeraw(termios);
            Check(tcsetattr(slave, 0, termios), "tcsetattr");
            return new SmartUpsSimulator(master, slave, path);
        }
        catch
        {
            close(master);
            throw;
        }
    }

    /// <summary>Mains lost (true) or back (false); sends the matching alert byte like a real UPS.</summary>
    public void SetOnBattery(bool onBattery)
    {
        lock (_gate)
        {
            if (_onBattery == onBattery) return;
            _onBattery = onBattery;
            _lineVolts = onBattery ? 0 : 230;
            if (!_commFail) Write(onBattery ? "!" : "$");
        }
    }

    /// <summary>The UPS's own low-battery flag; sends <c>%</c> / <c>+</c>.</summary>
    public void SetLowBattery(bool low)
    {
        lock (_gate)
        {
            if (_lowBattery == low) return;
            _lowBattery = low;
            if (!_commFail) Write(low ? "%" : "+");
        }
    }

    /// <summary>Sets the measurements apcupsd reads next (null leaves one as it is).</summary>
    public void Set(double? batteryPercent = null, double? minutesLeft = null, double? loadPercent = null, double? lineVolts = null)
    {
        lock (_gate)
        {
            _batteryPercent = batteryPercent ?? _batteryPercent;
            _minutesLeft = minutesLeft ?? _minutesLeft;
            _loadPercent = loadPercent ?? _loadPercent;
            _lineVolts = lineVolts ?? _lineVolts;
        }
    }

    /// <summary>A cut serial cable: commands go unanswered, and apcupsd eventually reports COMMLOST.</summary>
    public bool CommFail
    {
        get { lock (_gate) return _commFail; }
        set { lock (_gate) _commFail = value; }
    }

    /// <summary>Back to the defaults (on line, full battery, answering).</summary>
    public void Reset()
    {
        lock (_gate)
        {
            (_onBattery, _lowBattery, _commFail) = (false, false, false);
            (_batteryPercent, _minutesLeft, _loadPercent, _lineVolts) = (100, 20, 25, 230);
        }
    }

    /// <summary>The answer to one command byte; null for none (comm failure).</summary>
    private string? Answer(char command)
    {
        static string F(double v, string format) => v.ToString(format, CultureInfo.InvariantCulture);
        if (_commFail) return null;
        return command switch
        {
            'Y' => "SM",                                        // enter smart mode
            '\x01' => "Smart-UPS 1500 SIM",                     // model name
            'a' => "3.!$%+#.\x01YaQfjPLOFBGXVcn",               // protocol 3, alerts we send, commands we answer
            'Q' => ((_onBattery ? 0x10 : 0x08) | (_lowBattery ? 0x40 : 0)).ToString("X2", CultureInfo.InvariantCulture),
            'f' => F(_batteryPercent, "000.0"),
            'j' => F(_minutesLeft, "0000.#") + ":",             // real UPSes answer "0020:" (minutes)
            'P' => F(_loadPercent, "000.0"),
            'L' => F(_lineVolts, "000.0"),
            'O' => "230.0",
            'F' => "50.00",
            'B' => "27.30",
            'G' => _onBattery ? "L" : "O",                      // last transfer: low line / none
            'X' => "OK",
            'V' => "Lzy",
            'c' => "SIMUPS",
            'n' => "SIM0000001",
            _ => "NA",
        };
    }

    private void Loop()
    {
        var buffer = new byte[64];
        var fds = new PollFd { Fd = _master, Events = PollIn };
        while (!_stop)
        {
            // Poll with a timeout so Dispose can stop the thread (closing a fd does not wake a blocked read).
            fds.Revents = 0;
            if (poll(ref fds, 1, 100) <= 0 || (fds.Revents & PollIn) == 0) continue;
            var n = (int)read(_master, buffer, buffer.Length);
            if (n <= 0)
            {
                Thread.Sleep(50);
                continue;
            }
            lock (_gate)
            {
                for (var i = 0; i < n; i++)
                {
                    if (Answer((char)buffer[i]) is not { } answer) continue;
                    Write(answer + "\r\n");
                    _commands++;
                }
            }
        }
    }

    private void Write(string text)
    {
        var bytes = Encoding.ASCII.GetBytes(text);
        write(_master, bytes, bytes.Length);
    }

    public void Dispose()
    {
        if (_stop) return;
        _stop = true;
        _thread.Join(TimeSpan.FromSeconds(2));
        close(_slave);
        close(_master);
    }

    private static int Check(int result, string what) =>
        result >= 0 ? result : throw new IOException($"{what} failed (errno {Marshal.GetLastPInvokeError()})");

    [StructLayout(LayoutKind.Sequential)]
    private struct PollFd
    {
        public int Fd;
        public short Events;
        public short Revents;
    }

    [DllImport("libc", SetLastError = true)] private static extern int posix_openpt(int flags);
    [DllImport("libc", SetLastError = true)] private static extern int grantpt(int fd);
    [DllImport("libc", SetLastError = true)] private static extern int unlockpt(int fd);
    [DllImport("libc", SetLastError = true)] private static extern int ptsname_r(int fd, byte[] buffer, nint length);
    [DllImport("libc", SetLastError = true)] private static extern int open(string path, int flags);
    // struct termios is opaque to us (60 bytes on glibc); a larger buffer is enough for get/makeraw/set.
    [DllImport("libc", SetLastError = true)] private static extern int tcgetattr(int fd, byte[] termios);
    [DllImport("libc")] private static extern void cfmakeraw(byte[] termios);
    [DllImport("libc", SetLastError = true)] private static extern int tcsetattr(int fd, int actions, byte[] termios);
    [DllImport("libc", SetLastError = true)] private static extern int poll(ref PollFd fds, nuint count, int timeoutMs);
    [DllImport("libc", SetLastError = true)] private static extern nint read(int fd, byte[] buffer, nint count);
    [DllImport("libc", SetLastError = true)] private static extern nint write(int fd, byte[] buffer, nint count);
    [DllImport("libc")] private static extern int close(int fd);
}
