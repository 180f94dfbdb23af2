using System.Diagnostics.CodeAnalysis;

namespace Supervisor.Drivers;

/// <summary>
/// Outcome of a pure protocol step (frame parsing, decoding, mapping a reply to a reading): a value or an
/// operator-readable error, never both. Replies come off the network, so parsing must not throw; callers
/// branch on <see cref="IsSuccess"/>. Shared by every driver (NUT, apcupsd, Modbus, Shelly).
/// </summary>
public sealed class ParseResult<T>
{
    private readonly T? _value;

    private ParseResult(T? value, string? error)
    {
        _value = value;
        Error = error;
    }

    /// <summary>True when <see cref="Value"/> holds the result.</summary>
    [MemberNotNullWhen(false, nameof(Error))]
    public bool IsSuccess => Error is null;

    /// <summary>Why the step failed (never empty); null on success.</summary>
    public string? Error { get; }

    /// <summary>The value; throws when read on a failed result (a caller bug, not bad input).</summary>
    public T Value => IsSuccess ? _value! : throw new InvalidOperationException($"no value: {Error}");

    public static ParseResult<T> Ok(T value) => new(value, null);

    public static ParseResult<T> Fail(string error) =>
        new(default, string.IsNullOrWhiteSpace(error) ? "unknown parse error" : error);

    public override string ToString() => IsSuccess ? $"Ok({_value})" : $"Fail({Error})";
}
