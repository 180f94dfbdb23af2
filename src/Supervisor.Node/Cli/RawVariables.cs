using System.Collections.Concurrent;
using Supervisor.Domain.Text;

namespace Supervisor.Node.Cli;

/// <summary>
/// <c>report --raw</c>: every variable each device returned, by its own names, sorted, one <c>name: value</c> line each as
/// <c>upsc</c> prints them. Filled by the concurrent polls; printed after the report (and redacted with it).
/// </summary>
internal sealed class RawVariables
{
    private readonly ConcurrentDictionary<string, IReadOnlyDictionary<string, string>> _byDevice = new(StringComparer.Ordinal);

    public void Keep(string deviceId, IReadOnlyDictionary<string, string> variables) => _byDevice[deviceId] = variables;

    public void WriteTo(IEnumerable<DeviceSettings> devices, TextWriter output)
    {
        foreach (var device in devices)
        {
            output.WriteLine();
            if (!_byDevice.TryGetValue(device.Id, out var vars))
                output.WriteLine($"{device.Id} ({device.Driver}): no reply, so no variables (the error is in the table above)");
            else if (vars.Count == 0)
                output.WriteLine($"{device.Id} ({device.Driver}): this driver's protocol has no variable list; the table above is all it returned");
            else
            {
                output.WriteLine($"{device.Id} ({device.Driver}, {vars.Count} variables):");
                foreach (var (name, value) in vars.OrderBy(v => v.Key, StringComparer.Ordinal))
                    output.WriteLine($"{ForeignText.Escape(name)}: {ForeignText.Escape(value)}");
            }
        }
    }
}
