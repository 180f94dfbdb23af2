using System.Diagnostics.CodeAnalysis;

namespace Supervisor.Drivers.Apcupsd;

/// <summary>
/// Outcome of a pure apcupsd parsing step: a value or an operator-readable error, never both.
/// Parsing untrusted network input must not throw, so callers branch on <see cref="IsSuccess"/>.
/// </summary>
public sealed class ApcupsdResult<T>
{
    private readonly T? _value;

    private ApcupsdResult(T? value, string? error)
    {
        _value = value;
        Error = error;
    }

    /// <summary>True when <see cref="Value"/> holds the parsed value.</summary>
    [MemberNotNullWhen(false, nameof(Error))]
    public bool IsSuccess => Error is null;

    /// <summary>Why parsing failed (never empty); null on success.</summary>
    public string? Error { get; }

    /// <summary>The parsed value; throws when read on a failed result (a caller bug, not bad input).</summary>
    public T Value => IsSuccess ? _value! : throw new InvalidOperationException($"no value: {Error}");

    public static ApcupsdResult<T> Ok(T value) => new(value, null);

    public static ApcupsdResult<T> Fail(string error) =>
        new(default, string.IsNullOrWhiteSpace(error) ? "unknown apcupsd parse error" : error);

    public override string ToString() => IsSuccess ? $"Ok({_value})" : $"Fail({Error})";
}
