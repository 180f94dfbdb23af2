namespace Supervisor.Domain.Tests.History;

public class HistoryQueueTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 6, 0, 0, 0, TimeSpan.Zero);
    private static DeviceSampled Sample(int i) => new("d", "sim", null, DeviceHealth.Unknown, "", null, T0.AddSeconds(i));
    private static ConfigWarningRaised Event(int i) => new("n", $"p{i}", "x", T0.AddSeconds(i));

    [Fact]
    public void Full_queue_should_drop_the_oldest_sample_and_count_it()
    {
        var q = new HistoryQueue(3);
        for (var i = 0; i < 5; i++) q.Enqueue(Sample(i));
        Assert.Equal(2, q.DroppedSamples);
        Assert.Equal([Sample(2), Sample(3), Sample(4)], q.Take(10));
    }

    [Fact]
    public void Full_queue_should_drop_samples_before_events()
    {
        var q = new HistoryQueue(3);
        q.Enqueue(Event(0));
        q.Enqueue(Sample(1));
        q.Enqueue(Event(2));
        q.Enqueue(Event(3)); // full: the sample goes, not the older event
        Assert.Equal(1, q.DroppedSamples);
        Assert.Equal(0, q.DroppedEvents);
        q.Enqueue(Sample(4)); // only events held: the new sample itself is dropped
        Assert.Equal(2, q.DroppedSamples);
        Assert.Equal([Event(0), Event(2), Event(3)], q.Take(10));
    }

    [Fact]
    public void Queue_full_of_events_should_drop_the_oldest_event_and_count_it()
    {
        var q = new HistoryQueue(2);
        for (var i = 0; i < 3; i++) q.Enqueue(Event(i));
        Assert.Equal(1, q.DroppedEvents);
        Assert.Equal([Event(1), Event(2)], q.Take(10));
    }

    [Fact]
    public void Batch_put_back_should_come_out_first_again_in_its_order()
    {
        var q = new HistoryQueue(10);
        for (var i = 0; i < 4; i++) q.Enqueue(Sample(i));
        var batch = q.Take(2);
        q.Enqueue(Sample(9));
        q.PutBack(batch);
        Assert.Equal([Sample(0), Sample(1), Sample(2), Sample(3), Sample(9)], q.Take(10));
    }

    [Fact]
    public void Put_back_into_a_full_queue_should_drop_the_oldest_samples_which_are_the_batchs_own()
    {
        var q = new HistoryQueue(3);
        for (var i = 0; i < 3; i++) q.Enqueue(Sample(i));
        var batch = q.Take(2);
        q.Enqueue(Sample(3));
        q.Enqueue(Sample(4));
        q.PutBack(batch);
        Assert.Equal(2, q.DroppedSamples);
        Assert.Equal([Sample(2), Sample(3), Sample(4)], q.Take(10));
    }
}
