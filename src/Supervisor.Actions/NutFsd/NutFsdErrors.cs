using Supervisor.Domain.Configuration;
using Supervisor.Drivers.Nut;

namespace Supervisor.Actions.NutFsd;

/// <summary>upsd's ERR codes worded for a nut-fsd action: the ones its own keys cause here, the rest as the NUT driver words them.</summary>
internal static class NutFsdErrors
{
    public static string Describe(string code, string? extra, NutFsdSpec spec, string actionName, string shown)
    {
        var at = $"upsd at {spec.Endpoint}";
        var cfg = $"supervisor.agent.actions.{actionName}";
        var err = $" (ERR {code})";
        return code switch
        {
            "ACCESS-DENIED" => $"{at} denied {shown} for user \"{spec.Username}\": wrong password, unknown user, or no `upsmon primary` " +
                               $"line for that user in upsd.users (FSD needs it); check username / password in {cfg} against upsd.users on {spec.Host}{err}",
            "UNKNOWN-UPS" => $"{at} has no UPS named \"{spec.Ups}\"; check ups in {cfg}{err}",
            "INVALID-USERNAME" or "INVALID-PASSWORD" => $"{at} rejected the {code[8..].ToLowerInvariant()} in {cfg} as invalid{err}",
            _ => NutErrors.Describe(code, extra, new NutErrorContext(actionName, spec.Host, spec.Port, spec.Ups, spec.Username, shown))
                .Replace($"supervisor.devices.{actionName}", cfg, StringComparison.Ordinal),
        };
    }
}
