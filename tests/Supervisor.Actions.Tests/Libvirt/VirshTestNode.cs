using System.Security;
using Supervisor.Actions.Libvirt;
using Supervisor.Domain.Agents.Actions;

namespace Supervisor.Actions.Tests.Libvirt;

/// <summary>
/// A libvirt test-driver node (<c>test:///path/node.xml</c>, no daemon) with the domains a test asks for, running or
/// shut off. Its state lives as long as one connection, so a test that looks after the action shares its session.
/// </summary>
public sealed class VirshTestNode : IDisposable
{
    public string Uri { get; }
    private readonly string _file;

    public VirshTestNode(params (string Name, bool Running)[] domains)
    {
        _file = Path.Combine(Path.GetTempPath(), $"supervisor-virsh-{Guid.NewGuid():N}.xml");
        var xml = string.Concat(domains.Select(d => $"""
            <domain type="test" xmlns:test="http://libvirt.org/schemas/domain/test/1.0">
              <name>{SecurityElement.Escape(d.Name)}</name><memory>1024</memory><os><type>hvm</type></os>
              {(d.Running ? "" : "<test:runstate>5</test:runstate>")}
            </domain>
            """));
        File.WriteAllText(_file, $"<node>{xml}</node>");
        Uri = "test://" + _file;
    }

    /// <summary>A session on this node that the test owns: the action's dispose leaves it open for the test to look after.</summary>
    public SharedSession Open() => new(VirshSession.Start("virsh", Uri, out var problem) ?? throw new InvalidOperationException(problem));

    public void Dispose() => File.Delete(_file);
}

/// <summary>
/// A real virsh session lent to an action (its dispose does not close it), optionally with guests that ignore
/// <c>shutdown</c>, as a hung or ACPI-deaf guest does: the command is answered as virsh would and never reaches libvirt.
/// </summary>
public sealed class SharedSession(VirshSession real, params string[] deafGuests) : IVirsh
{
    public List<string> Sent { get; } = [];

    public Task<VirshReply> RunAsync(string command, TimeSpan timeout, CancellationToken ct)
    {
        Sent.Add(command);
        var deaf = deafGuests.FirstOrDefault(g => command == $"shutdown {VirshReplies.Quote(g)}");
        return deaf is not null
            ? Task.FromResult(new VirshReply([$"Domain '{deaf}' is being shutdown"], ""))
            : real.RunAsync(command, timeout, ct);
    }

    public SharedSession Deaf(params string[] guests) => new(real, guests);

    public async Task<string?> StateOf(string domain) =>
        DomainState.Read(await real.RunAsync($"domstate {VirshReplies.Quote(domain)}", TimeSpan.FromSeconds(10), CancellationToken.None), listed: true).State;

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    public ValueTask CloseAsync() => real.DisposeAsync();
}
