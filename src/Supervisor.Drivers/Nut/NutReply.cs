namespace Supervisor.Drivers.Nut;

/// <summary>One reply line from upsd, as far as this client understands the protocol.</summary>
public abstract record NutReply
{
    private NutReply() { }

    /// <summary><c>VAR &lt;ups&gt; &lt;name&gt; "&lt;value&gt;"</c>, value already unescaped.</summary>
    public sealed record Var(string Ups, string Name, string Value) : NutReply;

    /// <summary><c>BEGIN LIST VAR &lt;ups&gt;</c>.</summary>
    public sealed record BeginListVar(string Ups) : NutReply;

    /// <summary><c>END LIST VAR &lt;ups&gt;</c>.</summary>
    public sealed record EndListVar(string Ups) : NutReply;

    /// <summary><c>UPS &lt;name&gt; "&lt;description&gt;"</c>, one line of a <c>LIST UPS</c> reply.</summary>
    public sealed record UpsEntry(string Name, string Description) : NutReply;

    /// <summary><c>BEGIN LIST UPS</c>.</summary>
    public sealed record BeginListUps : NutReply;

    /// <summary><c>END LIST UPS</c>.</summary>
    public sealed record EndListUps : NutReply;

    /// <summary><c>ERR &lt;CODE&gt; [extra]</c>; see <see cref="NutErrors"/> for what each code means.</summary>
    public sealed record Error(string Code, string? Extra) : NutReply;

    /// <summary><c>OK</c> with optional text (<c>OK Goodbye</c>, <c>OK FSD-SET</c>).</summary>
    public sealed record Ok(string? Text) : NutReply;
}
