using System.Globalization;
using Supervisor.Domain.Doctor;

namespace Supervisor.Node.Cli.Doctor;

/// <summary>Every configured device read once, as <c>report</c> reads it (same driver, same timeout), all at once.</summary>
internal static class DeviceChecks
{
    public static async Task<IReadOnlyList<DoctorCheck>> RunAsync(SupervisorSettings settings, CancellationToken ct)
    {
        var polls = await Task.WhenAll(settings.Devices.Select(d => ReportCommand.PollOnceAsync(d, ct)));
        return settings.Devices.Zip(polls, Row).ToList();
    }

    private static DoctorCheck Row(DeviceSettings device, Domain.Reports.DevicePoll poll)
    {
        var check = $"device {device.Id}";
        var where = $"{device.Driver} {device.Options.SummaryTarget()}";
        if (poll.Reading is not { } r)
            return DoctorCheck.Fail(check, $"{where}: no answer: {poll.Error}", device.Options.ConnectsTo() is { } host
                ? $"check that {host} is up and reachable from this host, and this device's host, port and names in the config; `supervisor report` reads it the same way"
                : "check this device's settings in the config; `supervisor report` reads it the same way");
        var facts = new List<string> { r.OnBattery ? "ON BATTERY" : r.OnLine ? "on line" : "status unknown" };
        if (r.ChargePercent is { } c) facts.Add($"charge {c.ToString("0.#", CultureInfo.InvariantCulture)} %");
        if (r.PowerWatts is { } w) facts.Add($"{w.ToString("0.#", CultureInfo.InvariantCulture)} W");
        return DoctorCheck.Ok(check, $"{where}: answered ({string.Join(", ", facts)})");
    }
}
