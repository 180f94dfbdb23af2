namespace Supervisor.Drivers.Nut;

/// <summary>One UPS a upsd serves: its name (as in <c>ups@host</c>) and the <c>desc</c> from its ups.conf.</summary>
public sealed record NutUpsListing(string Name, string Description);

public sealed partial class NutDriver
{
    /// <summary>More UPSes than one upsd serves in practice; beyond it the peer is broken or not upsd.</summary>
    private const int MaxListedUpses = 1_000;

    /// <summary>
    /// <c>LIST UPS</c>: every UPS this upsd serves, for <c>supervisor discover</c> and <c>init</c>. On a connection of
    /// its own (with USERNAME/PASSWORD when set), closed after: LIST UPS needs no LOGIN, and the wrong-password check
    /// (a LOGIN on one UPS, in <see cref="ReadAsync"/>'s session) is the per-UPS read's job, which comes next in every caller.
    /// </summary>
    public async Task<IReadOnlyList<NutUpsListing>> ListUpsAsync(CancellationToken cancellationToken)
    {
        using var call = EnterCall();
        const string shown = "LIST UPS";
        var doing = Connecting;
        return await RunCallAsync(async ct =>
        {
            using var connection = await OpenAsync(ct).ConfigureAwait(false);
            if (_options.Username is not null) await AuthenticateAsync(connection, ct).ConfigureAwait(false);
            doing = "the reply to LIST UPS";
            await connection.SendAsync(shown, ct).ConfigureAwait(false);
            var upses = new List<NutUpsListing>();
            var begun = false;
            while (true)
            {
                var text = await connection.ReadLineAsync(doing, ct).ConfigureAwait(false);
                var reply = NutReplyParser.ParseLine(text);
                if (!reply.IsSuccess) throw Fail($"bad reply from upsd at {Endpoint} to {shown}: {reply.Error}; is this port really a NUT upsd?");
                switch (reply.Value)
                {
                    case NutReply.Error e when !begun: throw Fail(NutErrors.Describe(e.Code, e.Extra, Context(shown)));
                    case NutReply.BeginListUps when !begun: begun = true; break;
                    case NutReply.UpsEntry u when begun && upses.Count < MaxListedUpses: upses.Add(new NutUpsListing(u.Name, u.Description)); break;
                    case NutReply.EndListUps when begun: return upses;
                    default: throw Fail($"unexpected reply to {shown} from upsd at {Endpoint}: {NutReplyParser.Show(text)}; is this port really a NUT upsd?");
                }
            }
        }, ex => Explain(ex, doing), afterFailure: null, cancellationToken).ConfigureAwait(false);
    }
}
