using Supervisor.Domain.Http;
using static Supervisor.Configuration.Tests.LoaderTestSupport;

namespace Supervisor.Configuration.Tests;

/// <summary>
/// A bad value anywhere in the configuration is reported at its own HOCON path with the fix in the message: one table
/// per way of writing the mistake (a section added to <see cref="LoaderTestSupport.Base"/>, or ups-a's own keys), each
/// row naming the setting, its path and the words of the fix.
/// </summary>
public sealed class BadValueAtPathTests
{
    [Theory]
    // metrics requiring a key with no key configured should be refused with the fix
    [InlineData("supervisor.http { enabled = on, metrics.require-key = on }", "supervisor.http.metrics.require-key", "supervisor http new-key --name prometheus --role viewer")]
    // metrics outbox timeout of zero should be refused at its path
    [InlineData("supervisor.http.metrics.outbox-timeout = 0s", "supervisor.http.metrics.outbox-timeout", "more than 0")]
    // a session secret too short to key every node's login cookies should be refused with how to make one
    [InlineData("supervisor.http.session-secret = \"short-secret\"", "supervisor.http.session-secret", "is 12 characters")]
    // a session secret from an environment variable that is not set should be refused at its path
    [InlineData("supervisor.http.session-secret = \"env:SUPERVISOR_TEST_UNSET_SESSION_SECRET\"", "supervisor.http.session-secret", "\"env:SUPERVISOR_TEST_UNSET_SESSION_SECRET\": environment variable")]
    // stats should report a retention that is not a duration at its path
    [InlineData("supervisor.stats.retention.hourly = forever", "supervisor.stats.retention.hourly", "not a duration")]
    // stats should refuse a raw retention longer than the five minute one
    [InlineData("supervisor.stats.retention { raw = 100d, five-minute = 90d }", "supervisor.stats.retention.raw", "raise five-minute or lower raw")]
    // stats should refuse a queue smaller than a batch
    [InlineData("supervisor.stats { queue-size = 10, batch-size = 100 }", "supervisor.stats.queue-size", "")]
    // journal should require a connection string for postgresql
    [InlineData("supervisor.journal.provider = postgresql", "supervisor.journal.connection-string", "provider = postgresql needs one of connection-string")]
    // journal should name an unset environment variable
    [InlineData("supervisor.journal { provider = postgresql, connection-string-env = SUPERVISOR_TEST_NOT_SET_ANYWHERE }", "supervisor.journal.connection-string-env", "\"SUPERVISOR_TEST_NOT_SET_ANYWHERE\" is not set")]
    // failsafe should refuse an action that is not allow listed
    [InlineData("supervisor.agent.failsafe.sequence = [poweroff, rm-rf]", "supervisor.agent.failsafe.sequence[1]", "\"rm-rf\" is not an action of this agent (actions: poweroff)")]
    // akka level should refuse an unknown word naming the choices
    // type = ssh: the host key must be pinned, by exactly one of known-hosts / host-key, as ssh-keygen -lf prints it
    [InlineData("supervisor.agent.actions.nas { type = ssh, host = nas, user = u, key = \"/k\", command = x }", "supervisor.agent.actions.nas.host-key", "the host key is not pinned; set known-hosts")]
    [InlineData("supervisor.agent.actions.nas { type = ssh, host = nas, user = u, key = \"/k\", command = x, known-hosts = kh, host-key = \"SHA256:ikHiXqr2msxT4NKdOXrPuPLTe9/zBui0efkjGb45BQw\" }", "supervisor.agent.actions.nas.host-key", "set only one of known-hosts and host-key")]
    [InlineData("supervisor.agent.actions.nas { type = ssh, host = nas, user = u, key = \"/k\", command = x, host-key = \"16:27:ac:a5\" }", "supervisor.agent.actions.nas.host-key", "is not a SHA256 fingerprint")]
    [InlineData("supervisor.agent.actions.nas { type = ssh, host = nas, user = u, key = \"/k\", host-key = \"SHA256:ikHiXqr2msxT4NKdOXrPuPLTe9/zBui0efkjGb45BQw\" }", "supervisor.agent.actions.nas.command", "missing; give the remote command line")]
    [InlineData("supervisor.agent.actions.nas { type = ssh, user = u, key = \"/k\", command = x, host-key = \"SHA256:ikHiXqr2msxT4NKdOXrPuPLTe9/zBui0efkjGb45BQw\" }", "supervisor.agent.actions.nas.host", "missing; give the remote host")]
    [InlineData("supervisor.agent.actions.nas { type = ssh, host = nas, user = u, command = x, host-key = \"SHA256:ikHiXqr2msxT4NKdOXrPuPLTe9/zBui0efkjGb45BQw\" }", "supervisor.agent.actions.nas.key", "missing; give the private key file")]
    // type = nut-fsd: server, ups, username and password are required; server is host or host:port
    [InlineData("supervisor.agent.actions.fsd { type = nut-fsd, server = nas, ups = ups1, username = u }", "supervisor.agent.actions.fsd.password", "missing; give that user's password")]
    [InlineData("supervisor.agent.actions.fsd { type = nut-fsd, server = nas, username = u, password = p }", "supervisor.agent.actions.fsd.ups", "missing; give the UPS name")]
    [InlineData("supervisor.agent.actions.fsd { type = nut-fsd, ups = ups1, username = u, password = p }", "supervisor.agent.actions.fsd.server", "missing; give the upsd to tell")]
    [InlineData("supervisor.agent.actions.fsd { type = nut-fsd, server = \"nas:port\", ups = ups1, username = u, password = p }", "supervisor.agent.actions.fsd.server", "is not host or host:port")]
    [InlineData("supervisor.log.akka-level = chatty", "supervisor.log.akka-level", "debug, info, warning, error, off")]
    // placement should refuse an unknown mode naming the choices
    [InlineData("supervisor.placement.mode = spread", "supervisor.placement.mode", "singleton, sharded")]
    [InlineData("supervisor.placement { mode = sharded, partitions = 0 }", "supervisor.placement.partitions", "use 1 to 1000")]
    [InlineData("supervisor.placement { mode = sharded, partitions = 1001 }", "supervisor.placement.partitions", "use 1 to 1000")]
    [InlineData("supervisor.notifications.channels.c { type = ntfy }", "supervisor.notifications.channels.c.topic", "missing; write e.g. topic = power-alerts")]
    [InlineData("supervisor.notifications.channels.c { type = webhook }", "supervisor.notifications.channels.c.url", "missing; write e.g. url =")]
    [InlineData("supervisor.notifications.channels.c { type = webhook, url = \"ftp://x/y\" }", "supervisor.notifications.channels.c.url", "the value is not an http:// or https:// URL")]
    [InlineData("supervisor.notifications.channels.c { type = gotify, token = x, server = \"https://u:pw@gotify\" }", "supervisor.notifications.channels.c.server", "holds a user name or password")]
    [InlineData("supervisor.notifications.channels.c { type = apprise, server = \"notaurl\", key = k }", "supervisor.notifications.channels.c.server", "\"notaurl\" is not an http:// or https:// URL")]
    [InlineData("supervisor.notifications.channels.c { type = telegram, chat-id = 1 }", "supervisor.notifications.channels.c.token", "missing; write e.g. token = \"env:TELEGRAM_BOT_TOKEN\"")]
    [InlineData("supervisor.notifications.channels.c { type = gotify, token = x }", "supervisor.notifications.channels.c.server", "missing")]
    [InlineData("supervisor.notifications.channels.c { type = email, host = h, from = f }", "supervisor.notifications.channels.c.to", "no recipients")]
    [InlineData("supervisor.notifications.channels.c { type = email, host = h, from = f, to = [a], security = ssl }", "supervisor.notifications.channels.c.security", "use one of starttls, tls, none")]
    [InlineData("supervisor.notifications.channels.c { type = command, command = [] }", "supervisor.notifications.channels.c.command", "run without a shell")]
    [InlineData("supervisor.notifications.channels.c { type = apprise, server = \"http://a\" }", "supervisor.notifications.channels.c.key", "missing; set key")]
    [InlineData("supervisor.notifications.channels.c { type = ntfy, topic = t, timeout = 5 }", "supervisor.notifications.channels.c.timeout", "has no unit")]
    [InlineData("supervisor.notifications.channels.c { type = ntfy, topic = t, title = \"{device} down\" }", "supervisor.notifications.channels.c.title", "unknown placeholder {device}")]
    [InlineData("supervisor.notifications.channels.c { type = ntfy, topic = t, message = \"charge {field.charge\" }", "supervisor.notifications.channels.c.message", "never closed")]
    [InlineData("supervisor.notifications.channels.c { type = webhook, url = \"http://h/\", secret = \"whsec_no base64!\" }", "supervisor.notifications.channels.c.secret", "not base64")]
    [InlineData("supervisor.groups.rack-a.degraded-counts-as = maybe", "supervisor.groups.rack-a.degraded-counts-as", "unknown value \"maybe\"; use one of healthy, critical")]
    [InlineData("supervisor.groups.rack-a.shutdown.on-power-restored = ignore", "supervisor.groups.rack-a.shutdown.on-power-restored", "unknown value \"ignore\"; use one of abort, continue")]
    [InlineData("supervisor.groups.rack-a.min-healthy = two", "supervisor.groups.rack-a.min-healthy", "\"two\" is not a whole number")]
    [InlineData("supervisor.groups.rack-a.min-healthy = 2", "supervisor.groups.rack-a.min-healthy", "2 is more than the group's 1 member(s)")]
    [InlineData("supervisor.groups.rack-a.members = ups-a", "supervisor.groups.rack-a.members", "must be a list, not \"ups-a\"")]
    [InlineData("supervisor.groups.rack-a.members = []", "supervisor.groups.rack-a.members", "the group has no members")]
    [InlineData("supervisor.groups.rack-a.shutdown.phases = []", "supervisor.groups.rack-a.shutdown.phases", "no phases")]
    [InlineData("supervisor.groups.rack-a.shutdown = off", "supervisor.groups.rack-a.shutdown", "must be an object")]
    [InlineData("supervisor.groups.rack-a.startup-grace = later", "supervisor.groups.rack-a.startup-grace", "\"later\" is not a duration; write e.g. 2s or 500ms (or auto)")]
    // docker and proxmox actions (issue 16)
    [InlineData("supervisor.agent.actions.d { type = docker, socket = \"docker.sock\" }", "supervisor.agent.actions.d.socket", "is not an absolute path")]
    [InlineData("supervisor.agent.actions.d { type = docker, time = -1 }", "supervisor.agent.actions.d.time", "is negative")]
    [InlineData("supervisor.agent.actions.d { type = docker, url = \"https://h:2376\" }", "supervisor.agent.actions.d.url", "TLS engines are not supported")]
    [InlineData("supervisor.agent.actions.d { type = docker, url = \"http://h:2375\", socket = \"/run/docker.sock\" }", "supervisor.agent.actions.d", "set only one of socket")]
    [InlineData("supervisor.agent.actions.d { type = docker, containers = [\"a/b\"] }", "supervisor.agent.actions.d.containers[0]", "not a container name or id")]
    [InlineData("supervisor.agent.actions.p { type = proxmox, node = pve, token-id = \"u@pve!t\", token-secret = s }", "supervisor.agent.actions.p.url", "missing; write e.g. url = \"https://pve:8006\"")]
    [InlineData("supervisor.agent.actions.p { type = proxmox, url = \"https://pve:8006\", node = pve, token-id = \"u@pve!t\" }", "supervisor.agent.actions.p.token-secret", "missing; write e.g. token-secret = \"env:PROXMOX_TOKEN_SECRET\"")]
    [InlineData("supervisor.agent.actions.p { type = proxmox, url = \"https://pve:8006\", node = pve, token-id = \"u@pve!t\", token-secret = \"env:SUPERVISOR_TEST_NOT_SET_ANYWHERE\" }", "supervisor.agent.actions.p.token-secret", "\"SUPERVISOR_TEST_NOT_SET_ANYWHERE\" is not set")]
    [InlineData("supervisor.agent.actions.p { type = proxmox, url = \"http://pve:8006\", node = pve, token-id = \"u@pve!t\", token-secret = s }", "supervisor.agent.actions.p.url", "is not an https:// URL")]
    [InlineData("supervisor.agent.actions.p { type = proxmox, url = \"https://pve:8006\", node = pve, token-id = \"root@pam\", token-secret = s }", "supervisor.agent.actions.p.token-id", "write user@realm!name")]
    [InlineData("supervisor.agent.actions.p { type = proxmox, url = \"https://pve:8006\", node = pve, token-id = \"u@pve!t\", token-secret = s, vms = [web] }", "supervisor.agent.actions.p.vms[0]", "\"web\" is not a vmid")]
    [InlineData("supervisor.agent.actions.p { type = proxmox, url = \"https://pve:8006\", node = pve, token-id = \"u@pve!t\", token-secret = s, vms = [42] }", "supervisor.agent.actions.p.vms[0]", "they start at 100")]
    [InlineData("supervisor.agent.actions.p { type = proxmox, url = \"https://pve:8006\", node = pve, token-id = \"u@pve!t\", token-secret = s, fingerprint = \"AB:CD\" }", "supervisor.agent.actions.p.fingerprint", "not a SHA-256 fingerprint")]
    [InlineData("supervisor.agent.actions.p { type = proxmox, url = \"https://pve:8006\", node = pve, token-id = \"u@pve!t\", token-secret = s, tls-ca = \"/nonexistent/ca.pem\" }", "supervisor.agent.actions.p.tls-ca", "not found; give the CA certificate (PEM or DER) that signed the Proxmox node's certificate")]
    public void A_bad_section_value_should_be_the_one_error_at_its_path_with_the_fix(string setting, string path, string fix) =>
        AssertRejected(Base + "\n" + setting, path, fix);

    /// <summary>A malformed entry here can also leave a sibling key unset, so other errors may come with it.</summary>
    [Theory]
    [InlineData("supervisor.http.listen = \"8080\"", "supervisor.http.listen", "host:port")]
    [InlineData("supervisor.http.listen = \"127.0.0.1:99999\"", "supervisor.http.listen", "host:port")]
    [InlineData("supervisor.http.api-keys.ops { hash = \"sha256:abc\" }", "supervisor.http.api-keys.ops.role", "viewer | operator | admin")]
    [InlineData("supervisor.http.api-keys.ops { role = operator }", "supervisor.http.api-keys.ops.hash", "supervisor http new-key --name ops --role operator")]
    [InlineData("supervisor.http.api-keys.ops { hash = \"HASH\", role = root }", "supervisor.http.api-keys.ops.role", "root")]
    [InlineData("supervisor.http.tls { cert = \"/nonexistent/cert.pem\" }", "supervisor.http.tls.cert", "not found")]
    [InlineData("supervisor.nut-server.listen = \"3493\"", "supervisor.nut-server.listen", "127.0.0.1:3493")]
    [InlineData("supervisor.nut-server.listen = \"nas.example:3493\"", "supervisor.nut-server.listen", "not an IP address")]
    [InlineData("supervisor.nut-server.users.nas { role = secondary }", "supervisor.nut-server.users.nas.password", "env:NUT_PASSWORD")]
    [InlineData("supervisor.nut-server.users.nas { password = pw }", "supervisor.nut-server.users.nas.role", "role = secondary")]
    [InlineData("supervisor.nut-server.users.nas { password = pw, role = boss }", "supervisor.nut-server.users.nas.role", "boss")]
    [InlineData("supervisor.nut-server.users.nas { password = \"env:NUT_TEST_UNSET_VARIABLE\", role = secondary }", "supervisor.nut-server.users.nas.password", "NUT_TEST_UNSET_VARIABLE")]
    [InlineData("supervisor.nut-server.users.nas { password = \"\", role = secondary }", "supervisor.nut-server.users.nas.password", "empty")]
    [InlineData("supervisor.nut-server.users = 5", "supervisor.nut-server.users", "users { nas")]
    [InlineData("supervisor.nut-server.max-connections = 0", "supervisor.nut-server.max-connections", "at least 1")]
    [InlineData("supervisor.nut-server.max-line-length = 10", "supervisor.nut-server.max-line-length", "at least 64")]
    [InlineData("supervisor.nut-server.idle-timeout = 0s", "supervisor.nut-server.idle-timeout", "longer than 0s")]
    [InlineData("supervisor.mqtt.broker = \"1883\"", "supervisor.mqtt.broker", "192.168.1.10:1883")]
    [InlineData("supervisor.mqtt.password = pw", "supervisor.mqtt.username", "needs its user")]
    [InlineData("supervisor.mqtt { password = \"env:MQTT_TEST_UNSET_VARIABLE\", username = u }", "supervisor.mqtt.password", "MQTT_TEST_UNSET_VARIABLE")]
    [InlineData("supervisor.mqtt.topic-prefix = \"power/#\"", "supervisor.mqtt.topic-prefix", "no +, #")]
    [InlineData("supervisor.mqtt.discovery-prefix = \"home assistant\"", "supervisor.mqtt.discovery-prefix", "discovery-prefix = homeassistant")]
    [InlineData("supervisor.mqtt.node-id = \"rack/1\"", "supervisor.mqtt.node-id", "node-id = rack-1")]
    [InlineData("supervisor.mqtt.min-interval = 0s", "supervisor.mqtt.min-interval", "longer than 0s")]
    [InlineData("supervisor.mqtt.tls-ca = \"/nonexistent/ca.pem\"", "supervisor.mqtt.tls-ca", "the MQTT broker's certificate")]
    public void A_bad_server_value_should_be_reported_at_its_path_with_the_fix(string setting, string path, string fix) =>
        AssertErrorAt(Base + "\n" + setting.Replace("HASH", ApiKeyHash.Of("k")), path, fix);

    [Theory]
    [InlineData("driver = nut, host = \"127.0.0.1\", ups = ups1, triggers { charge = 150 }", "supervisor.devices.ups-a.triggers.charge", "150 is not a percentage")]
    [InlineData("driver = nut, host = \"127.0.0.1\", ups = ups1, triggers { fsd = maybe }", "supervisor.devices.ups-a.triggers.fsd", "\"maybe\" is not on/off")]
    [InlineData("driver = nut, host = \"127.0.0.1\", ups = ups1, triggers { depletion = fast }", "supervisor.devices.ups-a.triggers.depletion", "must be off or an object")]
    [InlineData("driver = nut, host = \"127.0.0.1\", ups = ups1, triggers { depletion { rate = 0 } }", "supervisor.devices.ups-a.triggers.depletion.rate", "0 is not a usable rate")]
    [InlineData("driver = nut, host = \"127.0.0.1\", ups = ups1, triggers = off", "supervisor.devices.ups-a.triggers", "must be an object")]
    [InlineData("driver = nut, host = \"127.0.0.1\", ups = ups1, stale-after = 1s", "supervisor.devices.ups-a.stale-after", "1s is shorter than poll-interval 2s")]
    [InlineData("driver = nut, host = \"127.0.0.1\", ups = ups1, port = http", "supervisor.devices.ups-a.port", "\"http\" is not a whole number")]
    [InlineData("driver = nut, host = \"127.0.0.1\", ups = ups1, port = 70000", "supervisor.devices.ups-a.port", "70000 is not a TCP port")]
    [InlineData("driver = nut, host = \"127.0.0.1\", ups = ups1, host = [a, b]", "supervisor.devices.ups-a.host", "must be a single value, not a list")]
    [InlineData("driver = simulated, profile = wobbly", "supervisor.devices.ups-a.profile", "unknown value \"wobbly\"; use one of steady, outage, flapping, slow-drain, comms-loss")]
    [InlineData("driver = simulated, load-percent = lots", "supervisor.devices.ups-a.load-percent", "\"lots\" is not a number")]
    [InlineData("driver = simulated, low-battery-at = 120", "supervisor.devices.ups-a.low-battery-at", "120 is not a percentage")]
    [InlineData("driver = apcupsd, host = a, port = 0", "supervisor.devices.ups-a.port", "0 is not a TCP port; use 1 to 65535")]
    [InlineData("driver = apcupsd, host = a, port = 70000", "supervisor.devices.ups-a.port", "70000 is not a TCP port")]
    [InlineData("driver = apcupsd, host = a, port = nis", "supervisor.devices.ups-a.port", "\"nis\" is not a whole number; write e.g. port = 3551")]
    [InlineData("driver = apcupsd, host = a, host = [a, b]", "supervisor.devices.ups-a.host", "must be a single value")]
    [InlineData("driver = kasa, host = plug.lan, port = abc", "supervisor.devices.ups-a.port", "\"abc\" is not a whole number")]
    [InlineData("driver = kasa, host = plug.lan, port = 70000", "supervisor.devices.ups-a.port", "70000 is not a TCP port; use 1 to 65535")]
    [InlineData("driver = kasa, host = plug.lan, outlet = -1", "supervisor.devices.ups-a.outlet", "\"-1\" is not an outlet; use the outlet index counted from 0")]
    [InlineData("driver = kasa, host = plug.lan, outlet = [1, 2]", "supervisor.devices.ups-a.outlet", "must be a single value")]
    [InlineData("driver = shelly, host = h, generation = 5", "supervisor.devices.ups-a.generation", "unknown value \"5\"; use one of auto, 1, 2, 3, 4")]
    [InlineData("driver = shelly, host = h, port = 70000", "supervisor.devices.ups-a.port", "70000 is not a TCP port; use 1 to 65535")]
    [InlineData("driver = shelly, host = h, port = eighty", "supervisor.devices.ups-a.port", "\"eighty\" is not a whole number")]
    [InlineData("driver = shelly, host = h, channel = -1", "supervisor.devices.ups-a.channel", "-1 is not a channel")]
    [InlineData("driver = shelly, host = \"http://192.168.1.50/\"", "supervisor.devices.ups-a.host", "\"http://192.168.1.50/\" is not a host name or address; write only the host")]
    [InlineData("driver = shelly, port = 80", "supervisor.devices.ups-a.host", "missing; set the Shelly's host name or address")]
    [InlineData("driver = shelly, host = h, username = admin", "supervisor.devices.ups-a.username", "a username is set but no password")]
    [InlineData("driver = shelly, host = h, password = a, password-env = B", "supervisor.devices.ups-a", "set only one of password, password-file, password-env")]
    [InlineData("driver = nut, host = \"127.0.0.1\", ups = ups1, poll-interval = 20", "supervisor.devices.ups-a.poll-interval", "\"20\" has no unit; write e.g. 20s or 20ms")]
    [InlineData("driver = nut, host = \"127.0.0.1\", ups = ups1, timeout = -3s", "supervisor.devices.ups-a.timeout", "\"-3s\" is not a duration")]
    [InlineData("driver = nut, host = \"127.0.0.1\", ups = ups1, timeout = infinite", "supervisor.devices.ups-a.timeout", "\"infinite\" is not a duration")]
    [InlineData("driver = nut, host = \"127.0.0.1\", ups = ups1, triggers.runtime = soon", "supervisor.devices.ups-a.triggers.runtime", "\"soon\" is not a duration; write e.g. 2s or 500ms (or off)")]
    [InlineData("driver = nut, host = \"127.0.0.1\", ups = ups1, status-interval = 10ms", "supervisor.devices.ups-a.status-interval", "10ms is shorter than 50ms")]
    [InlineData("driver = nut, host = \"127.0.0.1\", ups = ups1, status-interval = 0s", "supervisor.devices.ups-a.status-interval", "0s is shorter than 50ms")]
    [InlineData("driver = nut, host = \"127.0.0.1\", ups = ups1, status-interval = fast", "supervisor.devices.ups-a.status-interval", "\"fast\" is not a duration; write e.g. 2s or 500ms (or off)")]
    [InlineData("driver = nut, host = \"127.0.0.1\", ups = ups1, status-interval = 250", "supervisor.devices.ups-a.status-interval", "\"250\" has no unit; write e.g. 250s or 250ms")]
    [InlineData("driver = modbus, port = 502", "supervisor.devices.ups-a.host", "missing; set the meter's (or its Modbus TCP gateway's) host name or address")]
    [InlineData("driver = modbus, host = m, port = 70000", "supervisor.devices.ups-a.port", "70000 is not a TCP port; use 1 to 65535 (Modbus TCP listens on 502)")]
    [InlineData("driver = modbus, host = m, unit-id = 256", "supervisor.devices.ups-a.unit-id", "256 is not a Modbus unit id; use 0 to 255")]
    [InlineData("driver = modbus, host = m, unit-id = one", "supervisor.devices.ups-a.unit-id", "\"one\" is not a whole number")]
    [InlineData("driver = modbus, host = m, model = sdm999", "supervisor.devices.ups-a.model", "unknown value \"sdm999\"; use one of sdm120, sdm630, custom")]
    [InlineData("driver = modbus, host = m, model = custom", "supervisor.devices.ups-a.registers", "missing; model = custom needs a register map")]
    [InlineData("driver = modbus, host = m\nregisters { power { address = 12 } }", "supervisor.devices.ups-a.registers", "a register map is only read with model = custom, but model is sdm120 (which has a built-in map); set model = custom")]
    [InlineData("driver = modbus, host = m, model = custom, registers = 5", "supervisor.devices.ups-a.registers", "must be an object, not \"5\"")]
    [InlineData("driver = modbus, host = m, model = custom\nregisters {}", "supervisor.devices.ups-a.registers", "empty; list at least one measurement")]
    [InlineData("driver = modbus, host = m, model = custom\nregisters { watts { address = 12 } }", "supervisor.devices.ups-a.registers.watts", "unknown measurement \"watts\"; use any of voltage, current, power, frequency, energy-kwh, charge-percent, runtime-seconds")]
    [InlineData("driver = modbus, host = m, model = custom\nregisters { power = 12 }", "supervisor.devices.ups-a.registers.power", "must be an object, not \"12\"; write e.g. power {")]
    [InlineData("driver = modbus, host = m, model = custom\nregisters { power { type = int16 } }", "supervisor.devices.ups-a.registers.power.address", "missing; set the zero-based register address")]
    [InlineData("driver = modbus, host = m, model = custom\nregisters { power { address = twelve } }", "supervisor.devices.ups-a.registers.power.address", "\"twelve\" is not a register address")]
    [InlineData("driver = modbus, host = m, model = custom\nregisters { power { address = -1 } }", "supervisor.devices.ups-a.registers.power.address", "\"-1\" is not a register address")]
    [InlineData("driver = modbus, host = m, model = custom\nregisters { power { address = 65535 } }", "supervisor.devices.ups-a.registers.power.address", "65535 is outside the Modbus address range; a 2-register value must start at 0 to 65534")]
    [InlineData("driver = modbus, host = m, model = custom\nregisters { power { address = 0x1FFFF, type = int16 } }", "supervisor.devices.ups-a.registers.power.address", "0x1FFFF is outside")]
    [InlineData("driver = modbus, host = m, model = custom\nregisters { power { address = 1, function = 6 } }", "supervisor.devices.ups-a.registers.power.function", "6 is not a register read function; use 3 (read holding registers) or 4 (read input registers)")]
    [InlineData("driver = modbus, host = m, model = custom\nregisters { power { address = 1, type = float64 } }", "supervisor.devices.ups-a.registers.power.type", "unknown value \"float64\"; use one of float32, int16, uint16, int32, uint32")]
    [InlineData("driver = modbus, host = m, model = custom\nregisters { power { address = 1, word-order = middle } }", "supervisor.devices.ups-a.registers.power.word-order", "unknown value \"middle\"; use one of big, little")]
    [InlineData("driver = modbus, host = m, model = custom\nregisters { power { address = 1, scale = 0 } }", "supervisor.devices.ups-a.registers.power.scale", "0 would make every value 0")]
    [InlineData("driver = modbus, host = m, model = custom\nregisters { power { address = 1, scale = lots } }", "supervisor.devices.ups-a.registers.power.scale", "\"lots\" is not a number")]
    public void A_bad_device_value_should_be_the_one_error_at_its_path_starting_with_the_fix(string body, string path, string fix) =>
        Assert.StartsWith(fix, AssertRejected(Device(body), path).Message);
}
