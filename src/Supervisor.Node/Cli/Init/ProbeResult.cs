using Supervisor.Domain.Configuration.Init;

namespace Supervisor.Node.Cli.Init;

/// <summary>
/// One device that answered a probe: how init writes it, and what it returned (its own variable names), which
/// <c>discover</c> prints in the style of <c>upsc</c>.
/// </summary>
internal sealed record ProbedDevice(FoundDevice Device, string Title, IReadOnlyDictionary<string, string> Variables);

/// <summary>What one <c>--nut</c>/<c>--kasa</c>/… option found: devices, or the one error that stopped it (named host, with the fix).</summary>
internal sealed record ProbeResult(string Target, IReadOnlyList<ProbedDevice> Devices, string? Error)
{
    public static ProbeResult Failed(string target, string error) => new(target, [], error);
}
