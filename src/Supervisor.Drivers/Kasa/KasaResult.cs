using System.Diagnostics.CodeAnalysis;

namespace Supervisor.Drivers.Kasa;

/// <summary>
/// Outcome of a pure Kasa parsing step: a value or an operator-readable error, never both. Replies come off the
/// network, so parsing never throws; callers branch on <see cref="IsSuccess"/>.
/// </summary>
public sealed class KasaResult<T>
{
    private readonly T? _value;

    private KasaResult(T? value, string? error, int? deviceErrorCode)
    {
        _value = value;
        Error = error;
        DeviceErrorCode = deviceErrorCode;
    }

    /// <summary>True when <see cref="Value"/> holds the parsed value.</summary>
    [MemberNotNullWhen(false, nameof(Error))]
    public bool IsSuccess => Error is null;

    /// <summary>Why parsing failed (never empty); null on success.</summary>
    public string? Error { get; }

    /// <summary>
    /// The device's own <c>err_code</c> when the reply was well formed but the device refused the request
    /// (e.g. -1 module not supported, -14 unknown child); null for malformed replies and successes.
    /// </summary>
    public int? DeviceErrorCode { get; }

    /// <summary>The parsed value; throws when read on a failed result (a caller bug, not bad input).</summary>
    public T Value => IsSuccess ? _value! : throw new InvalidOperationException($"no value: {Error}");

    public static KasaResult<T> Ok(T value) => new(value, null, null);

    public static KasaResult<T> Fail(string error, int? deviceErrorCode = null) =>
        new(default, string.IsNullOrWhiteSpace(error) ? "unknown Kasa parse error" : error, deviceErrorCode);

    /// <summary>Carries another step's failure (message and device code) over to this result type.</summary>
    public static KasaResult<T> From<TOther>(KasaResult<TOther> failed) =>
        failed.IsSuccess ? throw new ArgumentException("not a failure", nameof(failed)) : Fail(failed.Error, failed.DeviceErrorCode);

    public override string ToString() => IsSuccess ? $"Ok({_value})" : $"Fail({Error})";
}
