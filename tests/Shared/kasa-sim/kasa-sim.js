// Kasa simulator for Supervisor's tests (started by tests/Shared/RealServers/KasaSimulator.cs).
// Runs tplink-smarthome-simulator devices on loopback plus an HTTP control port, then prints ONE JSON line
// on stdout: {"control":P,"devices":{"hs110":{"port":N,"deviceId":"…","children":[…]},…}}.
// Usage: node kasa-sim.js '{"hs110":0,"hs110v2":0,"hs300":0,"hs100":0}' [controlPort]
//   (0 = pick a free port; a fixed port lets a test restart the simulator where the driver expects it).
// Control (all GET, 400 + message on a bad request):
//   /set?dev=hs110&power=0&current=0&voltage=230&total=1.5   (floats in W, A, V, kWh; v2 models scale them)
//   /set?dev=hs300&child=2&power=0          child = index 0..5 or a full child id
//   /relay?dev=hs110&state=0   /relay?dev=hs300&child=2&state=0
'use strict';
const http = require('http');
const { Device } = require('tplink-smarthome-simulator');

const ports = JSON.parse(process.argv[2] || '{"hs110":0,"hs110v2":0,"hs300":0,"hs100":0}');
const controlPort = Number(process.argv[3] || 0);

// Fixed identities and readings, so tests can assert exact values.
const specs = {
  hs110: { model: 'hs110', data: { alias: 'Sim HS110', mac: '50:c7:bf:00:00:01', deviceId: 'SIMHS110',
    emeter: { realtime: { voltage: 230.1, current: 0.52, power: 120.5, total: 12.3 } } } },
  hs110v2: { model: 'hs110v2', data: { alias: 'Sim HS110v2', mac: '50:c7:bf:00:00:03', deviceId: 'SIMHS110V2' } },
  hs300: { model: 'hs300', data: { alias: 'Sim HS300', mac: '50:c7:bf:00:00:02', deviceId: 'SIMHS300' } },
  hs100: { model: 'hs100', data: { alias: 'Sim HS100', mac: '50:c7:bf:00:00:04', deviceId: 'SIMHS100' } },
};

const devices = {};
function makeDevice(name, port) {
  const spec = specs[name];
  if (!spec) throw new Error(`unknown device ${name}; known: ${Object.keys(specs).join(', ')}`);
  const d = new Device({ model: spec.model, address: '127.0.0.1', port, data: spec.data });
  // The hs110v2 model merges its own defaults OVER the data passed in, and HS300 children all copy one default
  // realtime; set the values after construction. v2 replies floor(value * 1000), so these are exact in binary.
  if (name === 'hs110v2') d.data.emeter.realtime = { voltage: 229.875, current: 1.125, power: 258.625, total: 3.5 };
  (d.children || []).forEach((kid, i) => {
    kid.emeter.realtime = { voltage: 120.5 + 0.25 * i, current: 0.125 * (i + 1), power: 12.5 * (i + 1), total: 1.5 * (i + 1) };
  });
  // Without an 'error' listener a split frame or a client RST crashes node (test-servers.md §1, gotcha 4).
  d.deviceNetworking.on('error', (e) => console.error(`${name} error: ${e.message || e}`));
  return d;
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// The simulator binds UDP first (port 0 -> an ephemeral N) and then TCP on the same N. N can already be held by
// some other process's outgoing TCP connection (both come from the ephemeral range), and then the TCP listen
// fails with EADDRINUSE (seen in CI, ~1 run in 10 with many tests running). Retry: a fresh N for port 0, the
// same port after a pause for a fixed port (a restart on the ports the driver under test expects).
async function startDevice(name, port) {
  let lastError;
  for (let attempt = 1; attempt <= 20; attempt++) {
    const d = makeDevice(name, port);
    try {
      await d.start();
      return d;
    } catch (e) {
      lastError = e;
      console.error(`${name}: start attempt ${attempt} on port ${port || 'auto'} failed: ${e.message || e}; retrying`);
      // The library schedules its own late re-listen on EADDRINUSE (after rejecting); it would leave a stray
      // listener holding the port we retry on, so disarm it before freeing the UDP socket.
      if (d.deviceNetworking.server) d.deviceNetworking.server.listen = () => d.deviceNetworking.server;
      try { await d.stop(); } catch (_) { /* half-started: nothing more to free */ }
      await sleep(port === 0 ? 50 : 250);
    }
  }
  throw lastError;
}

function deviceOf(q) {
  const d = devices[q.get('dev')];
  if (!d) throw new Error(`unknown dev ${q.get('dev')}`);
  return d;
}

// The child object (sysinfo + emeter) of a strip: ?child=2 (index) or ?child=SIMHS30002 (id).
function childOf(d, c) {
  const kid = /^\d+$/.test(c) ? d.children[Number(c)] : d.data.children[c];
  if (!kid) throw new Error(`unknown child ${c}`);
  return kid;
}

// The simulator keeps V/A/W/kWh floats for every model and scales them for v2 replies.
function realtimeOf(q) {
  const d = deviceOf(q);
  return q.has('child') ? childOf(d, q.get('child')).emeter.realtime : d.data.emeter.realtime;
}

http.createServer((req, res) => {
  try {
    const u = new URL(req.url, 'http://x');
    const q = u.searchParams;
    if (u.pathname === '/set') {
      const rt = realtimeOf(q);
      for (const k of ['power', 'current', 'voltage', 'total']) if (q.has(k)) rt[k] = Number(q.get(k));
      res.end(JSON.stringify(rt) + '\n');
    } else if (u.pathname === '/relay') {
      const d = deviceOf(q);
      const state = Number(q.get('state'));
      if (q.has('child')) childOf(d, q.get('child')).sysinfo.state = state;
      else d.api.system.set_relay_state({ state });
      res.end('ok\n');
    } else {
      res.statusCode = 404;
      res.end('unknown path\n');
    }
  } catch (e) {
    res.statusCode = 400;
    res.end(`${e.message || e}\n`);
  }
}).listen(controlPort, '127.0.0.1', function onListening() {
  const control = this.address().port;
  Promise.all(Object.entries(ports).map(async ([name, port]) => { devices[name] = await startDevice(name, port); })).then(() => {
    const info = {};
    for (const [name, d] of Object.entries(devices)) {
      info[name] = { port: d.port, deviceId: d.data.system.sysinfo.deviceId,
        children: (d.children || []).map((c) => c.sysinfo.id) };
    }
    console.log(JSON.stringify({ control, devices: info }));
  }, (e) => {
    console.error(`start failed: ${e.message || e}`);
    process.exit(2);
  });
});

process.on('SIGTERM', () => process.exit(0));
