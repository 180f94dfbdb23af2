using System.Diagnostics.CodeAnalysis;
using Supervisor.Domain.Text;

namespace Supervisor.Domain.Configuration;

/// <summary>
/// A configured secret: a NUT or Shelly password, the TLS certificate password, the PostgreSQL connection string.
/// It prints as <c>***</c> everywhere — <see cref="ToString"/>, string interpolation, the generated ToString of any
/// record holding it — so a settings record can be logged whole. The value comes out only through
/// <see cref="Reveal"/>, at the one place that hands it to a server, a certificate loader or the redactor.
/// Equal when the values are equal, so records holding one keep their value equality.
/// </summary>
public sealed class Secret : IEquatable<Secret>
{
    private readonly string _value;

    public Secret(string value) => _value = value ?? throw new ArgumentNullException(nameof(value));

    /// <summary>The secret itself. Call it only where the value leaves for its one destination; never to print it.</summary>
    public string Reveal() => _value;

    /// <summary>How long the value is (the short-secret warning needs it; it says nothing about the value itself).</summary>
    public int Length => _value.Length;

    /// <summary>Always <c>***</c>: the reason this type exists.</summary>
    public override string ToString() => SecretRedactor.Mask;

    public bool Equals(Secret? other) => other is not null && string.Equals(_value, other._value, StringComparison.Ordinal);

    public override bool Equals(object? obj) => obj is Secret other && Equals(other);

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(_value);

    public static bool operator ==(Secret? a, Secret? b) => a is null ? b is null : a.Equals(b);

    public static bool operator !=(Secret? a, Secret? b) => !(a == b);

    /// <summary>Wrapping is always safe (tests and code build options from plain strings); there is no way back but <see cref="Reveal"/>.</summary>
    [return: NotNullIfNotNull(nameof(value))]
    public static implicit operator Secret?(string? value) => value is null ? null : new Secret(value);
}
