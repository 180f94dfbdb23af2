using Supervisor.Domain.Reports;
using Supervisor.Domain.Text;

namespace Supervisor.Node.Cli;

/// <summary>
/// <c>report --raw</c>: every variable each device returned (<see cref="DevicePoll.Variables"/>), by its own names,
/// sorted, one <c>name: value</c> line each as <c>upsc</c> prints them. Printed after the report (and redacted with it).
/// </summary>
internal static class RawVariables
{
    public static void WriteTo(IEnumerable<DeviceSettings> devices, IReadOnlyList<DevicePoll> polls, TextWriter output)
    {
        foreach (var device in devices)
        {
            output.WriteLine();
            var poll = polls.FirstOrDefault(p => p.DeviceId == device.Id);
            if (poll?.Reading is null)
                output.WriteLine($"{device.Id} ({device.Driver}): no reply, so no variables (the error is in the table above)");
            else if (poll.Variables.Count == 0)
                output.WriteLine($"{device.Id} ({device.Driver}): this driver's protocol has no variable list; the table above is all it returned");
            else
            {
                output.WriteLine($"{device.Id} ({device.Driver}, {poll.Variables.Count} variables):");
                foreach (var (name, value) in poll.Variables.OrderBy(v => v.Key, StringComparer.Ordinal))
                    output.WriteLine($"{ForeignText.Escape(name)}: {ForeignText.Escape(value)}");
            }
        }
    }
}
