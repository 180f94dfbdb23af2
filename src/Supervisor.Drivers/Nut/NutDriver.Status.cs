using Supervisor.Domain.Readings;

namespace Supervisor.Drivers.Nut;

public sealed partial class NutDriver
{
    /// <summary>
    /// The status watch: <c>GET VAR &lt;ups&gt; ups.status</c>, one request line and one reply line, on the session the
    /// polls use (upsd serves it from memory; LIST VAR sends every variable). Never at the same time as a poll
    /// (<see cref="NetworkDeviceDriver.EnterCall"/>). A failure closes the connection like a failed poll does, so the
    /// next call starts a fresh session; the caller, not this driver, decides that a failed watch is no failed poll.
    /// </summary>
    public async Task<StatusProbe> ReadStatusAsync(CancellationToken cancellationToken)
    {
        using var call = EnterCall();
        var shown = $"GET VAR {_options.Ups} ups.status";
        var doing = Connecting;
        return await RunCallAsync(async ct =>
        {
            var connection = await _connection.GetAsync(() => OpenSessionAsync(ct)).ConfigureAwait(false);
            doing = $"the reply to {shown}";
            await connection.SendAsync($"GET VAR {Arg(_options.Ups, "ups")} ups.status", ct).ConfigureAwait(false);
            var text = await connection.ReadLineAsync(doing, ct).ConfigureAwait(false);
            var reply = NutReplyParser.ParseLine(text);
            if (!reply.IsSuccess) throw Fail($"bad reply from upsd at {Endpoint} to {shown}: {reply.Error}; is this port really a NUT upsd?");
            return reply.Value switch
            {
                NutReply.Var v when v.Ups == _options.Ups && v.Name == "ups.status" => NutReadingMapper.ToStatusProbe(v.Value, Clock.GetUtcNow()),
                NutReply.Error e => throw Fail(NutErrors.Describe(e.Code, e.Extra, Context(shown))),
                _ => throw Fail($"unexpected reply to {shown} from upsd at {Endpoint}: {NutReplyParser.Show(text)}; is this port really a NUT upsd?"),
            };
        }, ex => Explain(ex, doing), _connection.Close, cancellationToken).ConfigureAwait(false);
    }
}
