namespace Supervisor.Domain.History;

/// <summary>
/// Merges time-ordered points into <see cref="Downsampling.SlotMs"/>-wide slots in one pass, holding one slot at a time:
/// min of mins, max of maxes, count-weighted avg, the slot's last, summed counts and increases, stamped with the slot's
/// first time; a slot with a single input gives that input unchanged. <see cref="Downsampling.Downsample"/> uses it on a
/// list; the store feeds it raw rows straight from its reader (<see cref="AddRaw"/>), so a day of 1 Hz samples is merged
/// without a point object per row. Both add in the same order, so both give bit-identical answers. Pure; not thread-safe.
/// </summary>
public sealed class SlotMerger
{
    private readonly long _fromMs, _slotMs;
    private readonly List<SeriesPoint> _result;
    private long _slot = -1, _firstMs, _count, _inputs;
    private double _total, _min, _max, _last;
    private double? _sum;
    private SeriesPoint? _single;

    public SlotMerger(DateTimeOffset from, DateTimeOffset to, int maxPoints)
    {
        if (maxPoints < 1) throw new ArgumentOutOfRangeException(nameof(maxPoints), maxPoints, "ask for at least one point");
        _fromMs = from.ToUnixTimeMilliseconds();
        _slotMs = Downsampling.SlotMs(from, to, maxPoints);
        _result = new List<SeriesPoint>(maxPoints);
    }

    /// <summary>Adds a point (a raw sample or a bucket); points must come in time order and lie inside the window.</summary>
    public void Add(SeriesPoint p)
    {
        Fold(p.Time.ToUnixTimeMilliseconds(), p.Min, p.Max, p.Avg, p.Last, p.Count, p.Sum);
        _single = _inputs == 1 ? p : null;
    }

    /// <summary>Adds one raw sample (count 1, no increase) without making a point of it.</summary>
    public void AddRaw(long timeMs, double value) => Fold(timeMs, value, value, value, value, 1, null);

    /// <summary>The merged points, in time order; empty slots give none.</summary>
    public IReadOnlyList<SeriesPoint> Finish()
    {
        Close();
        _slot = -1;
        return _result;
    }

    private void Fold(long timeMs, double min, double max, double avg, double last, long count, double? sum)
    {
        var slot = (timeMs - _fromMs) / _slotMs;
        if (slot != _slot)
        {
            Close();
            _slot = slot;
            _firstMs = timeMs;
            _count = _inputs = 0;
            _total = 0;
            _min = double.PositiveInfinity;
            _max = double.NegativeInfinity;
            _sum = null;
            _single = null;
        }
        _inputs++;
        _count += count;
        _total += avg * count;
        _min = Math.Min(_min, min);
        _max = Math.Max(_max, max);
        _last = last;
        if (sum is { } s) _sum = (_sum ?? 0) + s;
    }

    private void Close()
    {
        if (_slot < 0 || _inputs == 0) return;
        _result.Add(_inputs == 1
            ? _single ?? SeriesPoint.Raw(DateTimeOffset.FromUnixTimeMilliseconds(_firstMs), _last)
            : new SeriesPoint(DateTimeOffset.FromUnixTimeMilliseconds(_firstMs), _min, _max, _count == 0 ? 0 : _total / _count, _last, _count, _sum));
        _inputs = 0;
    }
}
