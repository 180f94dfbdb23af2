using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace Supervisor.Tests.RealServers;

public sealed partial class FakeShelly
{
    /// <summary>Body for GET /shelly: the documented document with this model and auth flag.</summary>
    private string DeviceInfo()
    {
        lock (_gate)
        {
            if (Generation >= 2)
            {
                var gen2 = JsonNode.Parse(Model == ShellyModel.PlusPlugS
                    ? ShellyDocumentedPayloads.Gen2PlusPlugSShelly
                    : ShellyDocumentedPayloads.Gen2Plus1PMShelly)!;
                gen2["auth_en"] = _credentials is not null;
                gen2["auth_domain"] = _credentials is null ? null : gen2["id"]!.GetValue<string>();
                return gen2.ToJsonString();
            }
            var gen1 = JsonNode.Parse(ShellyDocumentedPayloads.Gen1Shelly)!;
            gen1["type"] = Model switch { ShellyModel.PlugS => "SHPLG-S", ShellyModel.Shelly1PM => "SHSW-PM", _ => "SHEM-3" };
            gen1["auth"] = _credentials is not null;
            return gen1.ToJsonString();
        }
    }

    /// <summary>
    /// Gen1 GET /status with the live values. Plugs and relays meter their own outlet, so with the relay off they
    /// report 0 W (as a real Plug S does); the 3EM meters the line and its relay only drives a contactor.
    /// </summary>
    private string Gen1Status()
    {
        lock (_gate)
        {
            if (Model == ShellyModel.Shelly3EM)
            {
                var em = JsonNode.Parse(ShellyDocumentedPayloads.Gen1Shelly3EMStatus)!;
                em["relays"]![0]!["ison"] = RelayOn;
                var e0 = em["emeters"]![0]!;
                e0["power"] = PowerWatts;
                e0["voltage"] = Voltage;
                e0["current"] = CurrentAmps;
                e0["total"] = EnergyWh; // emeters count Wh
                return em.ToJsonString();
            }
            var status = JsonNode.Parse(Model == ShellyModel.PlugS
                ? ShellyDocumentedPayloads.Gen1PlugSStatus
                : ShellyDocumentedPayloads.Gen1Shelly1PMStatus)!;
            status["relays"]![0]!["ison"] = RelayOn;
            var meter = status["meters"]![0]!;
            meter["power"] = RelayOn ? PowerWatts : 0;
            meter["total"] = (long)Math.Round(EnergyWh * 60); // meters count watt-minutes, as integers
            return status.ToJsonString();
        }
    }

    /// <summary>Gen2 Switch.GetStatus for switch 0 with the live values (0 W and 0 A while the output is off).</summary>
    private string Gen2SwitchStatus()
    {
        lock (_gate)
        {
            var status = JsonNode.Parse(ShellyDocumentedPayloads.Gen2SwitchStatus)!;
            status["output"] = RelayOn;
            status["apower"] = RelayOn ? PowerWatts : 0;
            status["voltage"] = Voltage;
            status["current"] = RelayOn ? CurrentAmps : 0;
            if (FrequencyHz is { } hz) status["freq"] = hz;
            else status.AsObject().Remove("freq");
            status["aenergy"]!["total"] = EnergyWh;
            return status.ToJsonString();
        }
    }

    /// <summary>Gen1: Basic on every request but /shelly. Null when allowed, else the challenge header.</summary>
    private string? CheckBasic(IReadOnlyDictionary<string, string> headers)
    {
        var c = _credentials;
        if (c is null) return null;
        var expected = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{c.Value.User}:{c.Value.Password}"));
        return headers.TryGetValue("authorization", out var got) && got == expected
            ? null
            : $"Basic realm=\"{DeviceName}\"";
    }

    /// <summary>
    /// Gen2+: HTTP Digest with SHA-256 and qop=auth, realm = device id, as the Gen2 docs' "Authentication" page
    /// describes. Null when the Authorization header carries a correct response, else the challenge header.
    /// </summary>
    private string? CheckDigest(IReadOnlyDictionary<string, string> headers, string method, string target)
    {
        var c = _credentials;
        if (c is null) return null;
        var challenge = $"Digest qop=\"auth\", realm=\"{DeviceName}\", nonce=\"{_nonce}\", algorithm=SHA-256";
        if (!headers.TryGetValue("authorization", out var auth) || !auth.StartsWith("Digest ", StringComparison.OrdinalIgnoreCase))
            return challenge;
        var p = DigestParameters(auth["Digest ".Length..]);
        string Get(string k) => p.TryGetValue(k, out var v) ? v : "";
        var ha1 = Sha256($"{c.Value.User}:{DeviceName}:{c.Value.Password}");
        var ha2 = Sha256($"{method}:{Get("uri")}");
        var expected = Sha256($"{ha1}:{_nonce}:{Get("nc")}:{Get("cnonce")}:{Get("qop")}:{ha2}");
        var ok = Get("username") == c.Value.User && Get("realm") == DeviceName && Get("nonce") == _nonce &&
                 Get("uri") == target && string.Equals(Get("response"), expected, StringComparison.OrdinalIgnoreCase);
        return ok ? null : challenge;
    }

    private static Dictionary<string, string> DigestParameters(string s)
    {
        var result = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var i = 0;
        while (i < s.Length)
        {
            while (i < s.Length && s[i] is ' ' or ',') i++;
            var eq = s.IndexOf('=', i);
            if (eq < 0) break;
            var key = s[i..eq].Trim();
            i = eq + 1;
            string value;
            if (i < s.Length && s[i] == '"')
            {
                var end = s.IndexOf('"', i + 1);
                if (end < 0) end = s.Length;
                value = s[(i + 1)..end];
                i = end + 1;
            }
            else
            {
                var end = s.IndexOf(',', i);
                if (end < 0) end = s.Length;
                value = s[i..end].Trim();
                i = end;
            }
            result[key] = value;
        }
        return result;
    }

    private static string Sha256(string s) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(s))).ToLower(CultureInfo.InvariantCulture);

    private string DeviceName => Model switch
    {
        ShellyModel.PlusPlugS => "shellyplusplugs-80646fd61f2c",
        ShellyModel.Plus1PM => "shellyplus1pm-a8032ab12345",
        ShellyModel.PlugS => "shellyplug-s-1632E8",
        ShellyModel.Shelly1PM => "shelly1pm-1632E8",
        _ => "shellyem3-1632E8",
    };
}
