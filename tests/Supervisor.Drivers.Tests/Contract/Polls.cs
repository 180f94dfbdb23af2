namespace Supervisor.Drivers.Tests.Contract;

internal static class Polls
{
    /// <summary>
    /// Polls until one succeeds, so a driver that keeps its connection holds one (a later timeout is then the reply's,
    /// not the connect's). Retried: on a loaded box a short poll can time out.
    /// </summary>
    public static async Task UntilOneSucceedsAsync(IDeviceDriver driver)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await driver.ReadAsync(CancellationToken.None);
                return;
            }
            catch (DeviceException) when (attempt < 10)
            {
                // Try again.
            }
        }
    }
}
