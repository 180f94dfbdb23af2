using Supervisor.Domain.Configuration.Init;

namespace Supervisor.Node.Cli.Init;

/// <summary>The device options <c>discover</c> and <c>init</c> share (each may repeat), and reading every device they name once.</summary>
internal sealed class DeviceOptions
{
    public readonly Option<string[]> Nut = new("--nut") { Description = "A NUT upsd as host[:port] (default port 3493): every UPS it serves (LIST UPS). May repeat." };
    public readonly Option<string?> User = new("--user") { Description = "upsd user (from upsd.users) for --nut; checked with LOGIN on each UPS." };
    public readonly Option<string?> PasswordFile = new("--password-file") { Description = "File whose first line is that user's password; a written config refers to the file, never holds the password." };
    public readonly Option<string[]> Apcupsd = new("--apcupsd") { Description = "An apcupsd NIS server as host[:port] (default port 3551). May repeat." };
    public readonly Option<string[]> Kasa = new("--kasa") { Description = "A TP-Link Kasa plug as host[:port] (default port 9999). May repeat." };
    public readonly Option<string[]> Shelly = new("--shelly") { Description = "A Shelly plug or relay as host[:port] (default port 80). May repeat." };
    public readonly Option<string[]> Modbus = new("--modbus") { Description = "A Modbus TCP power meter as host[:port] (default port 502), unit 1, read with --map. May repeat." };
    public readonly Option<string> Map = new("--map") { Description = "Register map of the --modbus meters: sdm630 or sdm120.", DefaultValueFactory = _ => "sdm630" };

    public IEnumerable<Option> All(bool plugsAndMeters) => plugsAndMeters
        ? [Nut, User, PasswordFile, Apcupsd, Kasa, Shelly, Modbus, Map]
        : [Nut, User, PasswordFile, Apcupsd];

    /// <summary>True when the command line names at least one device source.</summary>
    public bool AnyGiven(ParseResult p) => new[] { Nut, Apcupsd, Kasa, Shelly, Modbus }.Any(o => (p.GetValue(o) ?? []).Length > 0);

    /// <summary>Reads every named device once, in command-line order per kind; a bad option value is a failed result too.</summary>
    public async Task<IReadOnlyList<ProbeResult>> ProbeAsync(ParseResult p, CancellationToken ct)
    {
        var ids = new ConfigIds();
        var results = new List<ProbeResult>();
        async Task Each(Option<string[]> option, int defaultPort, Func<HostPort, Task<ProbeResult>> probe)
        {
            foreach (var text in p.GetValue(option) ?? [])
            {
                var (at, error) = HostPort.Parse(option.Name, text, defaultPort);
                results.Add(at is null ? ProbeResult.Failed(text, error!) : await probe(at));
            }
        }
        await Each(Nut, 3493, at => DeviceProbe.NutAsync(at, p.GetValue(User), p.GetValue(PasswordFile), ids, ct));
        await Each(Apcupsd, 3551, at => DeviceProbe.ApcupsdAsync(at, ids, ct));
        await Each(Kasa, 9999, at => DeviceProbe.KasaAsync(at, ids, ct));
        await Each(Shelly, 80, at => DeviceProbe.ShellyAsync(at, ids, ct));
        var map = p.GetValue(Map) ?? "sdm630";
        var model = map.ToLowerInvariant() switch { "sdm630" => ModbusModel.Sdm630, "sdm120" => ModbusModel.Sdm120, _ => (ModbusModel?)null };
        await Each(Modbus, 502, at => model is { } m ? DeviceProbe.ModbusAsync(at, m, ids, ct)
            : Task.FromResult(ProbeResult.Failed(at.ToString(), $"--map {map}: unknown register map; use sdm630 or sdm120 (a custom map goes in the config's registers {{ … }})")));
        return results;
    }

    /// <summary>Prints each failure (stderr) and says whether any happened.</summary>
    public static bool ReportFailures(IReadOnlyList<ProbeResult> results, TextWriter error)
    {
        foreach (var r in results.Where(r => r.Error is not null)) error.WriteLine($"supervisor: {r.Error}");
        return results.Any(r => r.Error is not null);
    }
}
