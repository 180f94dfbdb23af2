namespace Supervisor.Domain.Doctor;

/// <summary>How one <c>supervisor doctor</c> check came out. Any <see cref="Fail"/> makes the command exit 1.</summary>
public enum CheckStatus
{
    Ok,
    Warn,
    Fail,
}

/// <summary>
/// One row of <c>supervisor doctor</c>: what was checked, how it came out, what was found, and (for a warning or a
/// failure) what to do about it. The fix is what makes the row useful: a failure without one is a riddle.
/// </summary>
/// <param name="Check">What was checked, e.g. "data dir writable" or "device ups-1".</param>
/// <param name="Detail">What was found, in plain words (never a secret, never a stack trace).</param>
/// <param name="Fix">What to do; null for an OK row.</param>
public sealed record DoctorCheck(string Check, CheckStatus Status, string Detail, string? Fix = null)
{
    public static DoctorCheck Ok(string check, string detail) => new(check, CheckStatus.Ok, detail);

    public static DoctorCheck Warn(string check, string detail, string fix) => new(check, CheckStatus.Warn, detail, fix);

    public static DoctorCheck Fail(string check, string detail, string fix) => new(check, CheckStatus.Fail, detail, fix);

    /// <summary>
    /// A row from a message in the style the config loader and the data-dir check write: what is wrong, "; ", then the
    /// fix. A message without that shape keeps <paramref name="fallbackFix"/>.
    /// </summary>
    public static DoctorCheck FromMessage(string check, CheckStatus status, string message, string fallbackFix)
    {
        var cut = message.IndexOf("; ", StringComparison.Ordinal);
        return cut < 0 ? new(check, status, message, fallbackFix) : new(check, status, message[..cut], message[(cut + 2)..]);
    }
}

/// <summary>A finished doctor run: its rows in order, and the exit code they add up to.</summary>
public sealed record DoctorReport(IReadOnlyList<DoctorCheck> Checks)
{
    public bool Failed => Checks.Any(c => c.Status == CheckStatus.Fail);

    public int ExitCode => Failed ? 1 : 0;

    public int Count(CheckStatus status) => Checks.Count(c => c.Status == status);

    /// <summary>The last line: "2 failed, 1 warning, 9 ok".</summary>
    public string Summary =>
        $"{Count(CheckStatus.Fail)} failed, {Count(CheckStatus.Warn)} warning{(Count(CheckStatus.Warn) == 1 ? "" : "s")}, {Count(CheckStatus.Ok)} ok";
}
