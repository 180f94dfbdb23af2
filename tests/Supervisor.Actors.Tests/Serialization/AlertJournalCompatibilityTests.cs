using System.Text;
using Supervisor.Actors.Serialization;
using Supervisor.Domain.Alerts;
using Supervisor.Domain.Events;

namespace Supervisor.Actors.Tests.Serialization;

/// <summary>A notice carries its silence through the journal and across nodes; records journaled before it could still read back, as not silenced.</summary>
public class AlertJournalCompatibilityTests
{
    private readonly SupervisorSerializer _serializer = new(null!);

    [Fact]
    public void Silenced_notice_should_round_trip_with_its_silence()
    {
        var silence = new AlertSilence("ups-*", new DateTimeOffset(2026, 3, 2, 14, 0, 0, TimeSpan.Zero), "alice@ops-1");
        var notice = new AlertRaised("load-high", SubjectKind.Device, "ups-a", AlertDecision.NotifyResolved, "load", ">", 80, 60, 120,
            EventSeverity.Warning, [], new DateTimeOffset(2026, 3, 2, 12, 0, 0, TimeSpan.Zero), silence);
        var copy = Assert.IsType<AlertRaised>(_serializer.FromBinary(_serializer.ToBinary(notice), _serializer.Manifest(notice)));
        Assert.Equal((notice.Id, notice.Message, silence), (copy.Id, copy.Message, copy.Silence));
    }

    [Fact]
    public void State_recorded_before_silences_were_published_should_read_back_with_an_unsilenced_notice()
    {
        const string written = """
            {"kind":"Device","state":{"ruleId":"load-high","subjectId":"ups-a","status":"Firing","lastValueAt":"2026-03-02T12:00:30+00:00",
            "lastValue":85.5,"pendingSince":null,"firingSince":"2026-03-02T12:00:30+00:00","lastFiringNotice":"2026-03-02T12:00:30+00:00","ackedBy":null},
            "notice":{"ruleId":"load-high","subjectKind":"Device","subjectId":"ups-a","decision":"NotifyFiring","metric":"load","op":">",
            "threshold":80,"value":85.5,"firingForSeconds":null,"ruleSeverity":"Warning","channels":[],"at":"2026-03-02T12:00:30+00:00"}}
            """;
        var recorded = Assert.IsType<AlertStateRecorded>(_serializer.FromBinary(Encoding.UTF8.GetBytes(written), "a.state-recorded"));
        Assert.Equal(AlertDecision.NotifyFiring, recorded.Notice!.Decision);
        Assert.Null(recorded.Notice.Silence);
        Assert.True(NotificationFactory.NotifiesByDefault(recorded.Notice));
    }
}
