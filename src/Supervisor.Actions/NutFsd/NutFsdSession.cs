using Supervisor.Domain.Agents.Actions;
using Supervisor.Domain.Configuration;
using Supervisor.Domain.Nut;
using Supervisor.Drivers;
using Supervisor.Drivers.Nut;

namespace Supervisor.Actions.NutFsd;

/// <summary>A upsd refusal or a reply that makes no sense, already worded for the operator (never holding the password).</summary>
internal sealed class NutFsdException(string message) : Exception(message);

/// <summary>
/// One upsd connection of <c>type = nut-fsd</c>, over the NUT driver's bounded <see cref="NutConnection"/> (no second
/// line reader): USERNAME/PASSWORD, NUMLOGINS, LOGIN, PRIMARY (MASTER for upsd before 2.8), FSD, LOGOUT.
/// </summary>
internal sealed class NutFsdSession : IDisposable
{
    private static readonly TimeSpan LogoutTimeout = TimeSpan.FromSeconds(1);
    private readonly NutConnection _connection;
    private readonly NutFsdSpec _spec;
    private readonly string _actionName;

    private NutFsdSession(NutConnection connection, NutFsdSpec spec, string actionName) => (_connection, _spec, _actionName) = (connection, spec, actionName);

    public static async Task<NutFsdSession> OpenAsync(NutFsdSpec spec, string actionName, CancellationToken ct) =>
        new(await NutConnection.OpenAsync(spec.Host, spec.Port, m => new DeviceException(actionName, m), ct).ConfigureAwait(false), spec, actionName);

    private string Ups => Arg(_spec.Ups, "ups");

    public async Task AuthenticateAsync(CancellationToken ct)
    {
        await ExpectOkAsync($"USERNAME {Arg(_spec.Username, "username")}", "USERNAME", ct).ConfigureAwait(false);
        await ExpectOkAsync($"PASSWORD {Arg(_spec.Password?.Reveal() ?? "", "password")}", "PASSWORD", ct).ConfigureAwait(false);
    }

    /// <summary><c>GET NUMLOGINS &lt;ups&gt;</c>: how many clients are logged into the UPS (needs no login, changes nothing).</summary>
    public async Task<int> NumLoginsAsync(CancellationToken ct)
    {
        var shown = $"GET NUMLOGINS {_spec.Ups}";
        var text = await AskAsync($"GET NUMLOGINS {Ups}", shown, ct).ConfigureAwait(false);
        if (NutReplyParser.ParseLine(text) is { IsSuccess: true, Value: NutReply.Error e }) throw Refused(e, shown);
        return NutFsdProgress.ParseNumLogins(text, _spec.Ups, out var problem)
               ?? throw new NutFsdException($"upsd at {_spec.Endpoint} answered {shown} oddly: {problem}; is this port really a NUT upsd?");
    }

    public Task LoginAsync(CancellationToken ct) => ExpectOkAsync($"LOGIN {Ups}", $"LOGIN {_spec.Ups}", ct);

    /// <summary>PRIMARY, or MASTER when an old upsd (before 2.8) does not know PRIMARY. Only an access check in upsd.</summary>
    public async Task ClaimPrimaryAsync(CancellationToken ct)
    {
        var text = await AskAsync($"PRIMARY {Ups}", $"PRIMARY {_spec.Ups}", ct).ConfigureAwait(false);
        if (NutReplyParser.ParseLine(text) is { IsSuccess: true, Value: NutReply.Error { Code: "UNKNOWN-COMMAND" } })
            await ExpectOkAsync($"MASTER {Ups}", $"MASTER {_spec.Ups}", ct).ConfigureAwait(false);
        else
            Check(text, $"PRIMARY {_spec.Ups}");
    }

    public Task ForceShutdownAsync(CancellationToken ct) => ExpectOkAsync($"FSD {Ups}", $"FSD {_spec.Ups}", ct, expectText: "FSD-SET");

    /// <summary>Best effort, short: upsd drops the session when the socket closes anyway. Our FSD stays latched in upsd.</summary>
    public async Task LogoutAsync()
    {
        try
        {
            using var cts = new CancellationTokenSource(LogoutTimeout);
            await _connection.SendAsync("LOGOUT", cts.Token).ConfigureAwait(false);
            await _connection.ReadLineAsync("the reply to LOGOUT", cts.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or System.Net.Sockets.SocketException or OperationCanceledException or DeviceException)
        {
            // The session ends with the socket.
        }
    }

    private async Task ExpectOkAsync(string line, string shown, CancellationToken ct, string? expectText = null)
    {
        var text = await AskAsync(line, shown, ct).ConfigureAwait(false);
        var ok = Check(text, shown);
        if (expectText is not null && ok.Text != expectText)
            throw new NutFsdException($"upsd at {_spec.Endpoint} answered {shown} with {NutReplyParser.Show(text)} instead of OK {expectText}");
    }

    private NutReply.Ok Check(string text, string shown)
    {
        var reply = NutReplyParser.ParseLine(text);
        if (!reply.IsSuccess) throw new NutFsdException($"bad reply from upsd at {_spec.Endpoint} to {shown}: {reply.Error}");
        return reply.Value switch
        {
            NutReply.Ok ok => ok,
            NutReply.Error e => throw Refused(e, shown),
            _ => throw new NutFsdException($"upsd at {_spec.Endpoint} answered {shown} with {NutReplyParser.Show(text)} instead of OK"),
        };
    }

    private async Task<string> AskAsync(string line, string shown, CancellationToken ct)
    {
        await _connection.SendAsync(line, ct).ConfigureAwait(false);
        return await _connection.ReadLineAsync($"the reply to {shown}", ct).ConfigureAwait(false);
    }

    private Exception Refused(NutReply.Error e, string shown) =>
        new NutFsdException(NutFsdErrors.Describe(e.Code, e.Extra, _spec, _actionName, shown));

    /// <summary>Quotes an argument as upsd's parser reads it; a line break would end the command, so it is refused.</summary>
    private string Arg(string value, string what) =>
        value.Contains('\n') || value.Contains('\r')
            ? throw new NutFsdException($"the {what} of supervisor.agent.actions.{_actionName} contains a line break; upsd cannot accept it")
            : NutWords.Arg(value);

    public void Dispose() => _connection.Dispose();
}
