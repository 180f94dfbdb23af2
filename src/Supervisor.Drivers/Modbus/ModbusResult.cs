using System.Diagnostics.CodeAnalysis;

namespace Supervisor.Drivers.Modbus;

/// <summary>
/// Outcome of a pure Modbus step (frame parsing, decoding, mapping): a value or an operator-readable error,
/// never both. Bytes come off the network, so parsing must not throw; callers branch on <see cref="IsSuccess"/>.
/// </summary>
public sealed class ModbusResult<T>
{
    private readonly T? _value;

    private ModbusResult(T? value, string? error)
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

    public static ModbusResult<T> Ok(T value) => new(value, null);

    public static ModbusResult<T> Fail(string error) =>
        new(default, string.IsNullOrWhiteSpace(error) ? "unknown Modbus error" : error);

    public override string ToString() => IsSuccess ? $"Ok({_value})" : $"Fail({Error})";
}
