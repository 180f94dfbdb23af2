using Supervisor.Actions.Command;
using Supervisor.Domain.Configuration;

namespace Supervisor.Actions;

/// <summary>The one place that maps an action's type to its executor: a new type adds one line here.</summary>
public static class ShutdownActionFactory
{
    public static IShutdownAction Create(ActionSpec spec) => spec switch
    {
        CommandSpec c => new CommandAction(c),
        LibvirtSpec l => new Libvirt.LibvirtAction(l),
        UnmountSpec u => new Unmount.UnmountAction(u),
        SshSpec s => new Ssh.SshAction(s),
        NutFsdSpec n => new NutFsd.NutFsdAction(n),
        DockerSpec d => new Docker.DockerAction(d),
        ProxmoxSpec p => new Proxmox.ProxmoxAction(p),
        _ => throw new NotSupportedException($"action type \"{spec.Type}\" has no executor in this build"),
    };
}
