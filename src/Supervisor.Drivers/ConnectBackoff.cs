using System.Globalization;

namespace Supervisor.Drivers;

/// <summary>
/// Reconnect backoff shared by the network drivers: after a failed connect, further attempts inside the window
/// fail fast with the last error instead of hammering a device that is rebooting; the window starts at
/// <see cref="First"/> and doubles to <see cref="Max"/>, and resets on success. Kept short because the device actor
/// backs off its polls too (up to 15 s) and the two stack.
/// </summary>
public sealed class ConnectBackoff(TimeProvider time)
{
    public static readonly TimeSpan First = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan Max = TimeSpan.FromSeconds(10);

    private TimeSpan _next = First;
    private DateTimeOffset? _retryAt;
    private string? _lastError;

    /// <summary>Null when a connect may be tried now; otherwise the operator message for failing fast.</summary>
    /// <param name="target">What we connect to, e.g. "upsd at 10.0.0.5:3493".</param>
    public string? Blocked(string target)
    {
        var now = time.GetUtcNow();
        if (_retryAt is not { } retryAt || now >= retryAt) return null;
        var wait = Math.Ceiling((retryAt - now).TotalSeconds).ToString(CultureInfo.InvariantCulture);
        return $"reconnect to {target} backing off for {wait}s after: {_lastError}";
    }

    public void Succeeded()
    {
        _next = First;
        _retryAt = null;
        _lastError = null;
    }

    public void Failed(string message)
    {
        _lastError = message;
        _retryAt = time.GetUtcNow() + _next;
        _next = TimeSpan.FromTicks(Math.Min(_next.Ticks * 2, Max.Ticks));
    }
}
