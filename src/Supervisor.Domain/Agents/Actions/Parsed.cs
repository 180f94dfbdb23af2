namespace Supervisor.Domain.Agents.Actions;

/// <summary>A reply read into <typeparamref name="T"/>, or why it could not be (said so a person can act on it).</summary>
public readonly record struct Parsed<T>(T? Value, string? Problem)
{
    public static Parsed<T> Ok(T value) => new(value, null);

    public static Parsed<T> Bad(string problem) => new(default, problem);
}
