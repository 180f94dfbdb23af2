using Supervisor.Domain.Health.Triggers;

namespace Supervisor.Domain.Configuration;

public static partial class SettingsValidator
{
    private static void ValidateDevices(IReadOnlyList<DeviceSettings> devices, List<ConfigError> errors)
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var d in devices)
        {
            var path = ConfigPath.Device(d.Id);
            if (!ids.Add(d.Id)) errors.Add(new(path, $"device id \"{d.Id}\" is used twice; give each device a unique id"));
            Positive(errors, $"{path}.poll-interval", d.PollInterval, "2s");
            Positive(errors, $"{path}.timeout", d.Timeout, "3s");
            NotNegative(errors, $"{path}.stabilize", d.Stabilize);
            if (d.ProgressInterval is { } progress) Positive(errors, $"{path}.progress-interval", progress, "10s (or off)");
            if (d.PollInterval > TimeSpan.Zero && d.StaleAfter < d.PollInterval)
                errors.Add(new($"{path}.stale-after",
                    $"{ConfigSummary.FormatDuration(d.StaleAfter)} is shorter than poll-interval {ConfigSummary.FormatDuration(d.PollInterval)}, " +
                    $"so every reading would be stale; use at least {ConfigSummary.FormatDuration(d.PollInterval)} (default 5 × poll-interval)"));
            if (d.StatusInterval is { } watch && watch < Health.StatusWatch.MinInterval)
                errors.Add(new($"{path}.status-interval",
                    $"{ConfigSummary.FormatDuration(watch)} is shorter than {ConfigSummary.FormatDuration(Health.StatusWatch.MinInterval)}: " +
                    "the server would answer for the pace of the requests, not of the UPS; use at least 50ms (nut's default is 100ms, apcupsd's 250ms), or off to read the status only with each poll"));
            TriggerDefinitions.Validate(d.Triggers, $"{path}.triggers", errors);
            ValidateDeviceText(d, path, errors);
            switch (d.Options)
            {
                case NutOptions nut: ValidateNut(nut, path, errors); break;
                case SimulatedOptions sim: ValidateSimulated(sim, path, errors); break;
            }
        }
    }

    /// <summary>A status watch no faster than the polls adds requests and sees nothing sooner.</summary>
    private static void WarnAboutStatusInterval(DeviceSettings d, List<ConfigError> warnings)
    {
        if (d.StatusInterval is { } watch && d.PollInterval > TimeSpan.Zero && watch >= d.PollInterval)
            warnings.Add(new($"{ConfigPath.Device(d.Id)}.status-interval",
                $"{ConfigSummary.FormatDuration(watch)} is not shorter than poll-interval {ConfigSummary.FormatDuration(d.PollInterval)}, so the status watch " +
                "sees nothing sooner than the polls do; set it below poll-interval (nut's default is 100ms, apcupsd's 250ms), or off"));
    }

    /// <summary>An on-battery delay as long as the runtime trigger could hold that trigger back until the battery is empty.</summary>
    private static void WarnAboutTriggers(TriggerSettings t, string path, List<ConfigError> warnings)
    {
        if (t.Runtime is { } runtime && t.OnBatteryDelay > TimeSpan.Zero && t.OnBatteryDelay >= runtime)
            warnings.Add(new($"{path}.on-battery-delay",
                $"{ConfigSummary.FormatDuration(t.OnBatteryDelay)} is not shorter than the runtime trigger ({ConfigSummary.FormatDuration(runtime)}): " +
                "a UPS that goes on battery with less runtime than that is held back until it may be empty; keep the delay well below runtime"));
    }

    private static void ValidateNut(NutOptions nut, string path, List<ConfigError> errors)
    {
        if (string.IsNullOrWhiteSpace(nut.Host))
            errors.Add(new($"{path}.host", "missing; set the upsd host name or address, e.g. host = \"127.0.0.1\""));
        if (string.IsNullOrWhiteSpace(nut.Ups))
            errors.Add(new($"{path}.ups", "missing; set the UPS name as upsd knows it (ups1 in ups1@host), e.g. ups = \"ups1\""));
        if (nut.Port is < 1 or > 65535)
            errors.Add(new($"{path}.port", $"{nut.Port} is not a TCP port; use 1 to 65535 (upsd listens on 3493)"));
    }

    private static void ValidateSimulated(SimulatedOptions sim, string path, List<ConfigError> errors)
    {
        NotNegative(errors, $"{path}.outage-at", sim.OutageAt);
        if (sim.RestoreAfter is { } restore) Positive(errors, $"{path}.restore-after", restore, "120s");
        Positive(errors, $"{path}.battery-runtime", sim.BatteryRuntime, "300s");
        Positive(errors, $"{path}.flap-period", sim.FlapPeriod, "5s");
        NotNegative(errors, $"{path}.comms-loss-at", sim.CommsLossAt);
        Positive(errors, $"{path}.comms-loss-for", sim.CommsLossFor, "10s");
        Percent(errors, $"{path}.low-battery-at", sim.LowBatteryChargePercent);
        Percent(errors, $"{path}.load-percent", sim.LoadPercent);
        if (sim.InputVoltage < 0) errors.Add(new($"{path}.input-voltage", $"must not be negative (got {sim.InputVoltage})"));
        if (sim.PowerWatts < 0) errors.Add(new($"{path}.power-watts", $"must not be negative (got {sim.PowerWatts})"));
    }
}
