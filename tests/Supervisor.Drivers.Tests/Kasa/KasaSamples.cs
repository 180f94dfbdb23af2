namespace Supervisor.Drivers.Tests.Kasa;

/// <summary>Replies as the simulator sent them (shared/test-servers.md §1 and runs of tests/Shared/kasa-sim), shortened.</summary>
internal static class KasaSamples
{
    public const string Hs110SysInfo =
        "{\"system\":{\"get_sysinfo\":{\"sw_ver\":\"1.0.8 Build 151113 Rel.24658\",\"hw_ver\":\"1.0\",\"type\":\"IOT.SMARTPLUGSWITCH\"," +
        "\"model\":\"HS110(US)\",\"relay_state\":1,\"feature\":\"TIM:ENE\",\"alias\":\"Sim HS110\",\"deviceId\":\"SIMHS110\",\"err_code\":0}}}";

    public const string Hs110Realtime =
        "{\"emeter\":{\"get_realtime\":{\"voltage\":230.1,\"current\":0.52,\"power\":120.5,\"total\":12.3,\"err_code\":0}}}";

    /// <summary>One combined reply, as a single plug answers the driver's poll.</summary>
    public const string Hs110Combined =
        "{\"system\":{\"get_sysinfo\":{\"model\":\"HS110(US)\",\"relay_state\":0,\"feature\":\"TIM:ENE\",\"alias\":\"Sim HS110\",\"err_code\":0}}," +
        "\"emeter\":{\"get_realtime\":{\"voltage\":230.1,\"current\":0.52,\"power\":120.5,\"total\":12.3,\"err_code\":0}}}";

    public const string V2Realtime =
        "{\"emeter\":{\"get_realtime\":{\"voltage_mv\":122049,\"current_ma\":125,\"power_mw\":3140,\"total_wh\":51493,\"err_code\":0}}}";

    public const string Hs300SysInfo =
        "{\"system\":{\"get_sysinfo\":{\"sw_ver\":\"1.0.6 Build 180627 Rel.081000\",\"model\":\"HS300(US)\",\"mic_type\":\"IOT.SMARTPLUGSWITCH\"," +
        "\"feature\":\"TIM:ENE\",\"child_num\":3,\"children\":[" +
        "{\"id\":\"SIMHS30000\",\"state\":0,\"alias\":\"Mock One\",\"on_time\":0,\"next_action\":{\"type\":-1}}," +
        "{\"id\":\"SIMHS30001\",\"state\":1,\"alias\":\"Mock Two\",\"on_time\":0,\"next_action\":{\"type\":-1}}," +
        "{\"id\":\"SIMHS30002\",\"state\":1,\"alias\":\"Mock Three\",\"on_time\":0,\"next_action\":{\"type\":-1}}]," +
        "\"alias\":\"Sim HS300\",\"deviceId\":\"SIMHS300\",\"err_code\":0}}}";

    public const string UnknownChild = "{\"emeter\":{\"get_realtime\":{\"err_code\":-14,\"err_msg\":\"entry not exist\"}}}";

    /// <summary>An HS100 asked for emeter in a combined request: the module itself refuses.</summary>
    public const string NoEmeterModule = "{\"emeter\":{\"err_code\":-1,\"err_msg\":\"module not support\"}}";
}
