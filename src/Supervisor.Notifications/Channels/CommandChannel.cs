using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using Supervisor.Domain.Configuration;
using Supervisor.Domain.Notifications;

namespace Supervisor.Notifications.Channels;

/// <summary>
/// <c>type = command</c>, NUT's NOTIFYCMD: runs the configured argv directly (never through a shell, so no field of a
/// notification can become shell syntax) with the notification in environment variables. Exit 0 is delivered; any
/// other exit or the timeout (the process tree is killed) is retried; a program that cannot be started is permanent.
/// </summary>
public sealed class CommandChannel(CommandChannelSettings settings) : INotificationChannel
{
    private readonly ChannelDescription _channel = settings.Describe();

    public string Id => settings.Id;

    public async Task<DeliveryOutcome> SendAsync(Notification notification, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(settings.Command[0])
        {
            UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true,
        };
        foreach (var arg in settings.Command.Skip(1)) start.ArgumentList.Add(arg);
        foreach (var (name, value) in Environment(notification, RenderedText.Of(notification, settings.Templates))) start.Environment[name] = value;
        using var process = new Process { StartInfo = start };
        try
        {
            process.Start();
        }
        catch (Win32Exception e)
        {
            return new DeliveryOutcome.Permanent($"{_channel}: cannot start \"{settings.Command[0]}\" ({e.Message}); check {_channel.KeyPath("command")} " +
                                                 "(an absolute path to an executable file; it is run without a shell)");
        }
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        var stderr = process.StandardError.ReadToEndAsync(CancellationToken.None);
        using var attempt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        attempt.CancelAfter(settings.Timeout);
        try
        {
            await process.WaitForExitAsync(attempt.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            try { process.Kill(entireProcessTree: true); }
            catch (InvalidOperationException) { } // it exited just as the timeout fired: nothing left to kill
            if (cancellationToken.IsCancellationRequested) throw;
            return DeliveryClassifier.TimedOut(_channel, settings.Timeout);
        }
        await Task.WhenAll(stdout, stderr).ConfigureAwait(false);
        if (process.ExitCode == 0) return new DeliveryOutcome.Delivered();
        var said = LastLine(await stderr.ConfigureAwait(false)) ?? LastLine(await stdout.ConfigureAwait(false));
        return new DeliveryOutcome.RetryLater($"{_channel}: \"{settings.Command[0]}\" exited with {process.ExitCode}{(said is null ? "" : $" ({said})")}; retrying");
    }

    /// <summary>
    /// <c>SUPERVISOR_ID</c>, <c>_KIND</c>, <c>_SEVERITY</c>, <c>_SUBJECT</c>, <c>_SUBJECT_KIND</c>, <c>_TITLE</c>, <c>_MESSAGE</c>,
    /// <c>_AT</c> (ISO 8601 UTC) and <c>SUPERVISOR_FIELD_&lt;NAME&gt;</c> per field (upper case, other characters as '_').
    /// </summary>
    public static IReadOnlyDictionary<string, string> Environment(Notification n, RenderedText text)
    {
        var env = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["SUPERVISOR_ID"] = n.Id,
            ["SUPERVISOR_KIND"] = n.Kind,
            ["SUPERVISOR_SEVERITY"] = SeverityScales.Name(n.Severity),
            ["SUPERVISOR_SUBJECT"] = n.Subject.Id,
            ["SUPERVISOR_SUBJECT_KIND"] = n.Subject.Kind.ToString().ToLowerInvariant(),
            ["SUPERVISOR_TITLE"] = text.Title,
            ["SUPERVISOR_MESSAGE"] = text.Message,
            ["SUPERVISOR_AT"] = n.At.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
        };
        foreach (var (name, value) in n.Fields) env["SUPERVISOR_FIELD_" + VariableName(name)] = value;
        return env;
    }

    private static string VariableName(string field)
    {
        var sb = new StringBuilder(field.Length);
        foreach (var c in field) sb.Append(char.IsAsciiLetterOrDigit(c) ? char.ToUpperInvariant(c) : '_');
        return sb.ToString();
    }

    private static string? LastLine(string output)
    {
        var line = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault();
        return line is null ? null : line.Length > 200 ? line[..200] + "…" : line;
    }
}
