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
        using var cts = PollBudget(cancellationToken);
        var shown = $"GET VAR {_options.Ups} ups.status";
        var doing = $"the reply to {shown}";
        try
        {
            _connection ??= await ConnectAsync(cts.Token, cancellationToken).ConfigureAwait(false);
            await _connection.SendAsync($"GET VAR {Arg(_options.Ups, "ups")} ups.status", cts.Token).ConfigureAwait(false);
            var text = await _connection.ReadLineAsync(doing, cts.Token).ConfigureAwait(false);
            var reply = NutReplyParser.ParseLine(text);
            if (!reply.IsSuccess) throw Fail($"bad reply from upsd at {Endpoint} to {shown}: {reply.Error}; is this port really a NUT upsd?");
            return reply.Value switch
            {
                NutReply.Var v when v.Ups == _options.Ups && v.Name == "ups.status" => NutReadingMapper.ToStatusProbe(v.Value, Clock.GetUtcNow()),
                NutReply.Error e => throw Fail(NutErrors.Describe(e.Code, e.Extra, Context(shown))),
                _ => throw Fail($"unexpected reply to {shown} from upsd at {Endpoint}: {NutReplyParser.Show(text)}; is this port really a NUT upsd?"),
            };
        }
        catch (Exception ex) when (ex is not DeviceException && Explain(ex, doing, cancellationToken) is { } message)
        {
            Close();
            throw Fail(message, ex);
        }
        catch
        {
            Close();
            throw;
        }
    }
}
