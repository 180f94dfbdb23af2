namespace Supervisor.Drivers.Tests.Contract;

/// <summary>The failure check every driver test makes: the poll fails with a message naming the device, then recovers.</summary>
internal static class DriverAssert
{
    /// <summary>The poll fails with a <see cref="DeviceException"/> naming the device and each of <paramref name="expected"/>.</summary>
    public static async Task<DeviceException> FailsAsync(IDeviceDriver driver, params string[] expected) =>
        Explains(driver, await Assert.ThrowsAsync<DeviceException>(() => driver.ReadAsync(CancellationToken.None)), expected);

    /// <summary>
    /// <see cref="FailsAsync(IDeviceDriver, string[])"/> against a real server, writing the message to the test's output
    /// first: the words a real daemon made the driver say are what to read when a check fails.
    /// </summary>
    public static async Task<DeviceException> FailsAsync(IDeviceDriver driver, ITestOutputHelper output, params string[] expected)
    {
        var ex = await Assert.ThrowsAsync<DeviceException>(() => driver.ReadAsync(CancellationToken.None));
        output.WriteLine(ex.Message);
        return Explains(driver, ex, expected);
    }

    private static DeviceException Explains(IDeviceDriver driver, DeviceException ex, string[] expected)
    {
        Assert.Equal(driver.DeviceId, ex.DeviceId);
        Assert.StartsWith($"device \"{driver.DeviceId}\": ", ex.Message);
        foreach (var text in expected) Assert.True(ex.Message.Contains(text, StringComparison.Ordinal), $"expected \"{text}\" in: {ex.Message}");
        return ex;
    }

    /// <summary>
    /// <see cref="FailsAsync(IDeviceDriver, string[])"/>; then, once <paramref name="heal"/> made the device well again, the next poll reads it
    /// on a new connection: the failed one was dropped, as its protocol state was unknown.
    /// </summary>
    public static async Task FailsThenRecoversAsync(
        IDeviceDriver driver, Func<int> connections, Action heal, Action<Reading> assertHealthy, params string[] expected)
    {
        await FailsAsync(driver, expected);
        var before = connections();
        heal();
        assertHealthy(await driver.ReadAsync(CancellationToken.None));
        Assert.Equal(before + 1, connections());
    }
}
