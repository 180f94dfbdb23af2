namespace Supervisor.Tests.RealServers;

/// <summary>
/// Shelly replies as documented by Shelly, kept verbatim (whitespace aside) so the fake serves real shapes, not shapes
/// we invented. NOT captured from a device: no Shelly hardware or simulator was available (see docs/drivers/shelly.md).
/// <see cref="FakeShelly"/> only overwrites the live values (power, relay, energy…) in these documents.
/// </summary>
public static class ShellyDocumentedPayloads
{
    /// <summary>
    /// Gen1 <c>GET /shelly</c>, from the Gen1 API docs, "Common HTTP API: /shelly"
    /// (https://shelly-api-docs.shelly.cloud/gen1/#shelly; the docs use a Shelly 2 as the example).
    /// <see cref="FakeShelly"/> replaces <c>type</c> with the model it plays.
    /// </summary>
    public const string Gen1Shelly = """
        {
            "type": "SHSW-21",
            "mac": "5ECF7F1632E8",
            "auth": true,
            "fw": "20161223-111304/master@2bc16496",
            "longid": 1,
            "discoverable": true
        }
        """;

    /// <summary>
    /// Gen1 Shelly Plug S <c>GET /status</c>, from the Gen1 API docs, "Shelly Plug/PlugS: /status"
    /// (https://shelly-api-docs.shelly.cloud/gen1/#shelly-plug-plugs-status). <c>meters[].total</c> is in watt-minutes.
    /// </summary>
    public const string Gen1PlugSStatus = """
        {
            "relays": [
                {
                    "ison": true,
                    "has_timer": false,
                    "timer_started": 0,
                    "timer_duration": 0,
                    "timer_remaining": 0,
                    "overpower": false,
                    "source": "http"
                }
            ],
            "meters": [
                {
                    "power": 0.01,
                    "overpower": 23.78,
                    "is_valid": true,
                    "timestamp": 0,
                    "counters": [1,2,3],
                    "total": 4
                }
            ],
            "temperature": 41.94,
            "overtemperature": false,
            "tmp": {
                "tC": 41.94,
                "tF": 107.5,
                "is_valid": true
            }
        }
        """;

    /// <summary>
    /// Gen1 Shelly 1PM <c>GET /status</c> ("Shelly1PM without temperature add-on"), from the Gen1 API docs,
    /// "Shelly1/1PM: /status" (https://shelly-api-docs.shelly.cloud/gen1/#shelly1-1pm-status).
    /// </summary>
    public const string Gen1Shelly1PMStatus = """
        {
            "relays": [
                {
                    "ison": false,
                    "has_timer": false,
                    "timer_started": 0,
                    "timer_duration": 0,
                    "timer_remaining": 0,
                    "overpower": false,
                    "source": "http"
                }
            ],
            "meters": [
                {
                    "power": 0,
                    "overpower": 23.78,
                    "is_valid": true,
                    "timestamp": 0,
                    "counters": [1,2,3],
                    "total": 4
                }
            ],
            "inputs": [
                {
                    "input": 0,
                    "event": "S",
                    "event_cnt": 2
                }
            ],
            "ext_sensors": {},
            "ext_temperature": {},
            "ext_humidity": {},
            "temperature": 29.35,
            "overtemperature": false,
            "tmp": {
                "tC": 29.35,
                "tF": 84.83,
                "is_valid": true
            },
            "temperature_status":"Normal",
            "ext_switch":{
                "0": {
                    "input": 1
                }
            }
        }
        """;

    /// <summary>
    /// Gen1 Shelly 3EM <c>GET /status</c>, trimmed to the metering part. Field set and units (<c>total</c> and
    /// <c>total_returned</c> in Wh, unlike <c>meters[].total</c>) per the Gen1 API docs, "Shelly 3EM: /status"
    /// (https://shelly-api-docs.shelly.cloud/gen1/#shelly-3em-status); values as published from a real 3EM in
    /// github.com/zebrajaeger/node-red-contrib-shelly-3em README (its L1/L2/L3 are emeters[0..2]).
    /// </summary>
    public const string Gen1Shelly3EMStatus = """
        {
            "relays": [
                {
                    "ison": false,
                    "has_timer": false,
                    "timer_started": 0,
                    "timer_duration": 0,
                    "timer_remaining": 0,
                    "overpower": false,
                    "is_valid": true,
                    "source": "http"
                }
            ],
            "emeters": [
                { "power": 197.77, "pf": 0.74, "current": 1.14, "voltage": 236.27, "is_valid": true, "total": 1184633.1, "total_returned": 1158.3 },
                { "power": 21.34, "pf": 0.31, "current": 0.3, "voltage": 235.44, "is_valid": true, "total": 331873.1, "total_returned": 487.7 },
                { "power": 8.83, "pf": 0.24, "current": 0.15, "voltage": 235.13, "is_valid": true, "total": 349600.5, "total_returned": 293.7 }
            ],
            "total_power": 227.94,
            "fs_mounted": true
        }
        """;

    /// <summary>
    /// Gen2 Shelly Plus Plug S <c>GET /shelly</c> (same document as <c>Shelly.GetDeviceInfo</c>, shape per
    /// https://shelly-api-docs.shelly.cloud/gen2/ComponentsAndServices/Shelly#shellygetdeviceinfo), with the values a
    /// Plus Plug S on firmware 0.14.4 reports as quoted in public client test code.
    /// </summary>
    public const string Gen2PlusPlugSShelly = """
        {
            "name": "My ShellyPlusPlugS",
            "id": "shellyplusplugs-80646fd61f2c",
            "mac": "80646FD61F2C",
            "model": "SNPL-00112EU",
            "gen": 2,
            "fw_id": "20230510-081027/0.14.4-g4da93ee",
            "ver": "0.14.4",
            "app": "PlusPlugS",
            "auth_en": false,
            "auth_domain": null
        }
        """;

    /// <summary>
    /// Gen2 Shelly Plus 1PM <c>GET /shelly</c>: the documented GetDeviceInfo shape with a Plus 1PM's model id
    /// (SNSW-001P16EU) and app name; id, mac and firmware are illustrative.
    /// </summary>
    public const string Gen2Plus1PMShelly = """
        {
            "name": null,
            "id": "shellyplus1pm-a8032ab12345",
            "mac": "A8032AB12345",
            "model": "SNSW-001P16EU",
            "gen": 2,
            "fw_id": "20230913-114010/1.0.3-gbdfd9b3",
            "ver": "1.0.3",
            "app": "Plus1PM",
            "auth_en": false,
            "auth_domain": null
        }
        """;

    /// <summary>
    /// Gen2+ <c>GET /rpc/Switch.GetStatus?id=0</c> of a metering switch (Plus Plug S, Plus 1PM), from the Gen2 API
    /// docs, "Switch: Status" example (https://shelly-api-docs.shelly.cloud/gen2/ComponentsAndServices/Switch#status).
    /// <c>aenergy.total</c> is in Wh. Note the docs example has <c>freq</c>; older firmware and some models omit it.
    /// </summary>
    public const string Gen2SwitchStatus = """
        {
            "id": 0,
            "source": "WS_in",
            "output": false,
            "apower": 0,
            "voltage": 225.9,
            "current": 0,
            "freq": 50,
            "aenergy": {
                "total": 11.679,
                "by_minute": [0, 0, 0],
                "minute_ts": 1654511972
            },
            "ret_aenergy": {
                "total": 5.817,
                "by_minute": [0, 0, 0],
                "minute_ts": 1654511615
            },
            "temperature": {
                "tC": 53.3,
                "tF": 127.9
            }
        }
        """;

    /// <summary>
    /// Gen2+ error body for a switch id that does not exist (code -105 = invalid argument, per the Gen2 docs' error
    /// codes). The fake sends it with HTTP 500; which status a device uses is NOT VERIFIED, and the driver reads the
    /// body on any non-200 status.
    /// </summary>
    public const string Gen2InvalidIdError = """{"code":-105,"message":"Argument 'id', value 3 not found!"}""";
}
