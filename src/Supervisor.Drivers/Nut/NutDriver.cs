using System.Net.Sockets;
using Supervisor.Domain.Configuration;
using Supervisor.Domain.Readings;
using Supervisor.Drivers.Network;

namespace Supervisor.Drivers.Nut;

/// <summary>
/// NUT upsd client: one TCP connection kept across polls, <c>LIST VAR &lt;ups&gt;</c> per poll, and between polls
/// <c>GET VAR &lt;ups&gt; ups.status</c> on the same connection for the status watch (NutDriver.Status.cs).
/// Every failure closes the connection (the protocol state is unknown after it) so the next poll reconnects
/// (how soon is the device actor's poll schedule's call, not the driver's).
/// The password is sent to upsd only, never put in a message.
/// </summary>
public sealed partial class NutDriver : NetworkDeviceDriver, IStatusWatchingDriver
{
    private static readonly TimeSpan LogoutTimeout = TimeSpan.FromSeconds(1);
    private const string Connecting = "the connection";

    private readonly NutOptions _options;
    private readonly KeptConnection<NutConnection> _connection = new();

    public NutDriver(string deviceId, NutOptions options, TimeSpan timeout)
        : this(deviceId, options, timeout, TimeProvider.System) { }

    public NutDriver(string deviceId, NutOptions options, TimeSpan timeout, TimeProvider timeProvider)
        : base(deviceId, options, timeout, timeProvider) => _options = options;

    private string Endpoint => $"{_options.Host}:{_options.Port}";

    public override async Task<Reading> ReadAsync(CancellationToken cancellationToken)
    {
        using var call = EnterCall();
        var doing = Connecting;
        return await RunCallAsync(async ct =>
        {
            var connection = await _connection.GetAsync(() => OpenSessionAsync(ct)).ConfigureAwait(false);
            doing = $"the reply to LIST VAR {_options.Ups}";
            var vars = await ListVarsAsync(connection, doing, ct).ConfigureAwait(false);
            var mapped = NutReadingMapper.ToReading(DeviceId, _options.Ups, vars, Clock.GetUtcNow());
            if (!mapped.IsSuccess) throw Fail($"{mapped.Error} (upsd at {Endpoint})");
            LastWarnings = mapped.Value.Warnings;
            LastVariables = vars;
            return mapped.Value.Reading;
        }, ex => Explain(ex, doing), _connection.Close, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// upsd answers OK to any USERNAME/PASSWORD (checked with nut 2.8.0); it checks them only on a privileged
    /// command. So a wrong password is caught with LOGIN on a short-lived probe connection that logs out at once:
    /// staying logged in would count us in NUMLOGINS, and a primary upsmon waits for those before shutting down.
    /// </summary>
    private async Task<NutConnection> OpenSessionAsync(CancellationToken ct)
    {
        if (_options.Username is null && _options.Password is not null)
            throw Fail($"a password is set but no username for upsd at {Endpoint}; set username in supervisor.devices.{DeviceId}");
        if (_options.Username is not null)
        {
            using var probe = await OpenAsync(ct).ConfigureAwait(false);
            await AuthenticateAsync(probe, ct).ConfigureAwait(false);
            await ExpectOkAsync(probe, $"LOGIN {Arg(_options.Ups, "ups")}", $"LOGIN {_options.Ups}", ct).ConfigureAwait(false);
            await ExpectOkAsync(probe, "LOGOUT", "LOGOUT", ct).ConfigureAwait(false);
        }
        var connection = await OpenAsync(ct).ConfigureAwait(false);
        try
        {
            // Identifies us in upsd's log; harmless, and needed if later commands want privileges.
            if (_options.Username is not null) await AuthenticateAsync(connection, ct).ConfigureAwait(false);
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>A new connection; with <c>tls = starttls</c> it is TLS before this returns, so no command (above all no password) is ever sent in plaintext.</summary>
    private async Task<NutConnection> OpenAsync(CancellationToken ct)
    {
        var connection = await NutConnection.OpenAsync(_options.Host, _options.Port, m => Fail(m), ct).ConfigureAwait(false);
        try
        {
            if (_options.Tls.Enabled) await StartTlsAsync(connection, ct).ConfigureAwait(false);
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    private async Task StartTlsAsync(NutConnection c, CancellationToken ct)
    {
        await c.SendAsync("STARTTLS", ct).ConfigureAwait(false);
        var text = await c.ReadLineAsync("the reply to STARTTLS", ct).ConfigureAwait(false);
        var reply = NutReplyParser.ParseLine(text);
        var cfg = $"supervisor.devices.{DeviceId}";
        var plaintext = $"or, accepting that the session (password included) crosses the network in plaintext, set tls = off in {cfg}";
        switch (reply.IsSuccess ? reply.Value : null)
        {
            case NutReply.Ok { Text: "STARTTLS" }:
                await c.UpgradeToTlsAsync(_options.Tls, _options.Host, cfg, Fail, ct).ConfigureAwait(false);
                return;
            case NutReply.Error { Code: "FEATURE-NOT-CONFIGURED" } e:
                throw Fail($"upsd at {Endpoint} has no TLS configured (STARTTLS answered ERR {e.Code}); give upsd a certificate (upsd.conf CERTFILE, " +
                           $"or CERTPATH + CERTIDENT for an NSS build) and restart it, {plaintext}");
            case NutReply.Error { Code: "FEATURE-NOT-SUPPORTED" } e:
                throw Fail($"upsd at {Endpoint} was built without TLS support (STARTTLS answered ERR {e.Code}); use a upsd built with OpenSSL or NSS, {plaintext}");
            case NutReply.Error e:
                throw Fail(NutErrors.Describe(e.Code, e.Extra, Context("STARTTLS")));
            default:
                throw Fail($"upsd at {Endpoint} answered STARTTLS with {NutReplyParser.Show(text)} instead of OK STARTTLS; is this really a NUT upsd (2.x or later)?");
        }
    }

    private async Task AuthenticateAsync(NutConnection c, CancellationToken ct)
    {
        await ExpectOkAsync(c, $"USERNAME {Arg(_options.Username!, "username")}", "USERNAME", ct).ConfigureAwait(false);
        if (_options.Password is not null)
            await ExpectOkAsync(c, $"PASSWORD {Arg(_options.Password.Reveal(), "password")}", "PASSWORD", ct).ConfigureAwait(false);
    }

    /// <param name="shown">The command as it may appear in messages: never contains the password.</param>
    private async Task ExpectOkAsync(NutConnection c, string line, string shown, CancellationToken ct)
    {
        await c.SendAsync(line, ct).ConfigureAwait(false);
        var text = await c.ReadLineAsync($"the reply to {shown}", ct).ConfigureAwait(false);
        var reply = NutReplyParser.ParseLine(text);
        if (!reply.IsSuccess) throw Fail($"bad reply from upsd at {Endpoint} to {shown}: {reply.Error}");
        if (reply.Value is NutReply.Error e) throw Fail(NutErrors.Describe(e.Code, e.Extra, Context(shown)));
        if (reply.Value is not NutReply.Ok)
            throw Fail($"upsd at {Endpoint} answered {shown} with {NutReplyParser.Show(text)} instead of OK");
    }

    private async Task<IReadOnlyDictionary<string, string>> ListVarsAsync(NutConnection c, string doing, CancellationToken ct)
    {
        var shown = $"LIST VAR {_options.Ups}";
        await c.SendAsync($"LIST VAR {Arg(_options.Ups, "ups")}", ct).ConfigureAwait(false);
        var collector = new NutListVarCollector(_options.Ups);
        while (!collector.IsComplete)
        {
            var step = collector.Feed(await c.ReadLineAsync(doing, ct).ConfigureAwait(false));
            if (!step.IsSuccess)
                throw Fail($"bad reply from upsd at {Endpoint} to {shown}: {step.Error}; is this port really a NUT upsd?");
            if (step.Value is NutReply.Error e) throw Fail(NutErrors.Describe(e.Code, e.Extra, Context(shown)));
        }
        return collector.Vars;
    }

    /// <summary>Operator text for I/O failures (timeout, socket errors); null for anything else (a bug: rethrown as is).</summary>
    private string? Explain(Exception ex, string doing) => NetworkFailure.Explain(ex, NetworkFailureWords.ForDaemon("upsd", DeviceId, _options.Host, Endpoint, doing,
        noReply: $"no reply from upsd at {Endpoint} within {TimeoutSeconds}s (waiting for {doing}); is upsd overloaded or a firewall dropping packets?",
        refused: $"connection refused by upsd at {Endpoint}: is upsd running, and does upsd.conf LISTEN on this address and port?"));

    /// <summary>Quotes a command argument the way upsd's parser reads it; rejects line breaks (they would end the command).</summary>
    private string Arg(string value, string what)
    {
        if (value.Contains('\n') || value.Contains('\r'))
            throw Fail($"the {what} in supervisor.devices.{DeviceId} contains a line break; upsd cannot accept it");
        return Domain.Nut.NutWords.Arg(value);
    }

    private NutErrorContext Context(string command) =>
        new(DeviceId, _options.Host, _options.Port, _options.Ups, _options.Username, command);

    /// <summary>Says LOGOUT (best effort, short timeout: shutdown must not hang on a dead upsd) and closes.</summary>
    protected override async ValueTask CloseAsync()
    {
        // A call dispose just cut short may still be unwinding on this connection: LOGOUT would talk over it.
        if (_connection.Current is { } c && !CallInFlight)
        {
            try
            {
                using var cts = new CancellationTokenSource(LogoutTimeout < Timeout ? LogoutTimeout : Timeout);
                await c.SendAsync("LOGOUT", cts.Token).ConfigureAwait(false);
                await c.ReadLineAsync("the reply to LOGOUT", cts.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is IOException or SocketException or OperationCanceledException or DeviceException)
            {
                // Best effort: upsd drops the session when the socket closes anyway.
            }
        }
        _connection.Close();
    }
}
