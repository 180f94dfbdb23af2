namespace Supervisor.Drivers;

/// <summary>A poll failed for a reason we understand; the message is meant for the operator's log.</summary>
public sealed class DeviceException(string deviceId, string message, Exception? inner = null)
    : Exception($"device \"{deviceId}\": {message}", inner)
{
    public string DeviceId { get; } = deviceId;
}
