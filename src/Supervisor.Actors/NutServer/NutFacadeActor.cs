using System.Net.Sockets;
using Akka.Actor;
using Akka.Event;
using Supervisor.Actors.Inspection;
using Supervisor.Domain.Configuration;
using Supervisor.Domain.Events;
using Supervisor.Domain.Groups;
using Supervisor.Domain.Nut;

namespace Supervisor.Actors.NutServer;

/// <summary>A NUT primary set FSD on one of our UPSes (sent by the TCP server's connection).</summary>
public sealed record NutFsdSet(string Ups, string? User, string Address);

/// <summary>
/// The NUT facade on one supervisor node (design §11: a consumer like the others). It keeps a snapshot of the fleet from
/// facts (this node's samples, every node's events) and from the cluster-wide status answer every
/// <c>refresh-interval</c> (groups may run on another node), renders it into virtual UPSes, and runs the
/// <see cref="NutTcpServer"/> that answers NUT clients from it. It never talks to a device, a group or a saga.
/// </summary>
public sealed class NutFacadeActor : ReceiveActor, IWithTimers
{
    public const string Name = "nut-server";

    private readonly NutServerSettings _settings;
    private readonly IReadOnlyList<string> _groupOrder;
    private readonly IReadOnlyList<string> _deviceOrder;
    private readonly IActorRef _inspector;
    private readonly NutSnapshotBox _box = new();
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private NutFleetState _state;
    private NutTcpServer? _server;

    public ITimerScheduler Timers { get; set; } = null!;

    public NutFacadeActor(NutServerSettings settings, IReadOnlyList<GroupSettings> groups, IReadOnlyList<DeviceSettings> devices, IActorRef inspector)
    {
        _settings = settings;
        _inspector = inspector;
        _groupOrder = groups.Select(g => g.Id).ToList();
        _deviceOrder = devices.Select(d => d.Id).ToList();
        _state = NutFleetState.Configured(
            groups.Select(g => new NutGroupFacts(g.Id, g.Members, g.MinHealthy, null, null, null)),
            devices.Select(d => new NutDeviceFacts(d.Id, d.Driver, null, null, false, false, null, null, null, null, null)));
        Receive<IFleetFact>(f => Show(_state.Apply(f)));
        Receive<StatusView>(OnStatus);
        Receive<InspectionFailed>(f => _log.Debug("NUT server: status refresh not answered ({0}); serving the last snapshot", f.Message));
        Receive<Refresh>(_ => _inspector.Tell(StatusRequest.Instance));
        Receive<NutFsdSet>(m =>
        {
            _log.Warning("NUT client {0} (user {1}) set FSD on {2}: it shows FSD until the group re-arms", m.Address, m.User ?? "?", m.Ups);
            Show(_state.WithClientFsd(m.Ups));
        });
    }

    public static Props Props(NutServerSettings settings, IReadOnlyList<GroupSettings> groups, IReadOnlyList<DeviceSettings> devices, IActorRef inspector) =>
        Akka.Actor.Props.Create(() => new NutFacadeActor(settings, groups, devices, inspector));

    protected override void PreStart()
    {
        foreach (var type in new[] { typeof(DeviceSampled), typeof(GroupSampled), typeof(GroupStateChanged), typeof(GroupEpisodeChanged) })
            Context.System.EventStream.Subscribe(Self, type);
        Show(_state);
        var self = Self;
        _server = new NutTcpServer(_settings, _box, (ups, s) => self.Tell(new NutFsdSet(ups, s.Username, s.Address)), _log);
        try
        {
            var at = _server.Start();
            _log.Info("NUT server listening on {0} ({1} virtual UPS{2})", at, _box.Ups.Count, _box.Ups.Count == 1 ? "" : "es");
        }
        catch (SocketException e)
        {
            _log.Error("{0}.listen: cannot listen on {1}:{2} ({3}); free the port (is upsd running here?) or choose another, e.g. listen = \"127.0.0.1:3494\". " +
                       "The NUT server is off until the node restarts.", NutServerSettings.Path, _settings.Host, _settings.Port, e.SocketErrorCode);
            _server = null;
        }
        Self.Tell(Refresh.Instance);
        Timers.StartPeriodicTimer("refresh", Refresh.Instance, _settings.RefreshInterval);
    }

    protected override void PostStop()
    {
        Context.System.EventStream.Unsubscribe(Self);
        _server?.DisposeAsync().AsTask().Wait(TimeSpan.FromSeconds(5));
    }

    private void OnStatus(StatusView view)
    {
        var next = _state;
        foreach (var g in view.Groups)
            next = next.WithGroupStatus(g.Id, Enum.TryParse<GroupState>(g.State, ignoreCase: true, out var s) ? s : null, g.Healthy, g.RuntimeSeconds);
        foreach (var d in view.Devices)
            next = next.WithDeviceStatus(d.Id, d.Health, d.OnBattery, StatusWords(d.RawStatus), d.ChargePercent, d.RuntimeSeconds, d.PowerWatts);
        Show(next);
    }

    private static IReadOnlySet<string> StatusWords(string? raw) =>
        (raw ?? "").Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.OrdinalIgnoreCase);

    private void Show(NutFleetState state)
    {
        _state = state;
        _box.Ups = VirtualUpsBuilder.Build(state, _groupOrder, _deviceOrder, _settings.ExposeDevices);
    }

    private sealed record Refresh
    {
        public static Refresh Instance { get; } = new();
    }
}
