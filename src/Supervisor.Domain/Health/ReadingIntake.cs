using Supervisor.Domain.Configuration;
using Supervisor.Domain.Readings;

namespace Supervisor.Domain.Health;

/// <summary>
/// What every reading goes through before health is judged, in this order, wherever it is judged (the device actor,
/// <c>supervisor report</c>): impossible values removed (<see cref="ReadingSanitizer"/>), then runtime estimated where
/// the device reports none (<see cref="RuntimeEstimator"/>), so an estimate is never built on a sentinel value.
/// </summary>
public static class ReadingIntake
{
    /// <returns>The reading to judge, the estimator's next state, and the warnings about the values removed.</returns>
    public static (Reading Reading, RuntimeEstimatorState Estimator, IReadOnlyList<string> Warnings) Prepare(
        RuntimeEstimatorState estimator, Reading raw, DeviceSettings device)
    {
        var sanitized = ReadingSanitizer.Sanitize(raw);
        var (reading, next) = RuntimeEstimator.Apply(estimator, sanitized.Reading, device.BatteryCapacityWh);
        return (reading, next, sanitized.Warnings);
    }
}
