namespace Supervisor.Drivers.Tests.Contract;

/// <summary>How the fake device answers the driver's requests from now on (each driver's test class gives each its protocol's bytes).</summary>
public enum FakeReply
{
    /// <summary>A correct reply the driver reads into its healthy reading.</summary>
    Healthy,
    /// <summary>The connection is accepted and the request read, but no byte ever comes back.</summary>
    Silent,
    /// <summary>Bytes of another protocol or a broken frame: the driver must say what it got and what port it expected.</summary>
    Garbage,
    /// <summary>A reply larger than the driver's cap (or one announcing that): the driver must refuse to buffer it, at once.</summary>
    Oversized,
}

/// <summary>
/// The server side of <see cref="NetworkDriverSpec"/>: an in-process stand-in for one device on 127.0.0.1 whose
/// answers the spec switches at run time. Each driver's test class wraps its protocol's fake in one.
/// </summary>
public interface IFakeDevice : IAsyncDisposable
{
    int Port { get; }

    /// <summary>Connections accepted so far: tells whether the driver reopened its connection after a failure.</summary>
    int Connections { get; }

    /// <summary>From now on answer every request with <paramref name="reply"/>, each after <paramref name="delay"/>.</summary>
    void Answer(FakeReply reply, TimeSpan delay = default);
}
