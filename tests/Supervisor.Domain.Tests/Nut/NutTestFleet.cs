using System.Collections.Immutable;
using Supervisor.Domain.Nut;

namespace Supervisor.Domain.Tests.Nut;

/// <summary>A two-member group (rack-a: ups-a, ups-b, min-healthy 1) and the view the protocol answers from.</summary>
internal static class NutTestFleet
{
    public static readonly DateTimeOffset T0 = new(2026, 12, 7, 12, 0, 0, TimeSpan.Zero);

    public static readonly NutUserSettings Secondary = new("nas", new Secret("nas-pw"), NutUserRole.Secondary);
    public static readonly NutUserSettings Primary = new("boss", new Secret("boss-pw"), NutUserRole.Primary);

    public static NutFleetState State() => NutFleetState.Configured(
        [new NutGroupFacts("rack-a", ["ups-a", "ups-b"], 1, GroupState.Healthy, 2, null)],
        [Device("ups-a"), Device("ups-b")]);

    public static NutDeviceFacts Device(string id) => new(id, "simulated", null, null, false, false, null, null, null, null, null);

    public static Reading Reading(string id, bool onBattery, double charge, double runtime, bool lowBattery = false) =>
        new(id, T0, !onBattery, onBattery, lowBattery, false, charge, runtime, 20, 230, 100, onBattery ? "OB" : "OL");

    public static DeviceSampled Sample(string id, bool onBattery, double charge = 100, double runtime = 1800, bool lowBattery = false) =>
        new(id, "simulated", Reading(id, onBattery, charge, runtime, lowBattery), DeviceHealth.Healthy, "ok", null, T0);

    public static NutView View(NutFleetState state, bool exposeDevices = false, IReadOnlyDictionary<string, int>? logins = null) =>
        new(VirtualUpsBuilder.Build(state, ["rack-a"], ["ups-a", "ups-b"], exposeDevices), logins ?? ImmutableDictionary<string, int>.Empty, [Secondary, Primary]);

    /// <summary>Runs the lines one after the other on one session; returns every reply line and the last session.</summary>
    public static (List<string> Lines, NutSession Session, NutAnswer Last) Talk(NutView view, params string[] requests)
    {
        var session = new NutSession("127.0.0.1:5555");
        var lines = new List<string>();
        NutAnswer last = new([], session);
        foreach (var r in requests)
        {
            last = NutProtocol.Answer(r, view, session);
            lines.AddRange(last.Lines);
            session = last.Session;
        }
        return (lines, session, last);
    }
}
