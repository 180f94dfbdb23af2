// Wires the page: login with an API key, the live stream into the views, and the calls the stream does not carry
// (saga steps, events backlog, cluster, history for the graph).
"use strict";

(() => {
  const $ = id => document.getElementById(id);
  const MaxEvents = 50;
  // A device frame's field for each graphable metric, so the graph grows with the stream between history calls.
  const LiveField = { charge: "chargePercent", runtime: "runtimeSeconds", power: "powerWatts", load: "loadPercent" };
  const state = { canSteer: false, devices: [], groups: [], byId: {}, onBatterySince: {}, eventIds: new Set(), chart: { device: null, metric: "charge", since: "1h", points: [], unit: "%" } };
  let stop = null, sagaTimer = null;

  function showLogin(error, what = "key") {
    stop?.(); stop = null;
    $("dashboard").hidden = true; $("connection").hidden = true; $("logout").hidden = true; $("login").hidden = false;
    $("login-error").hidden = !error; $("login-error").textContent = error ? `The node refused the ${what}: ${error}` : "";
    $("key").focus();
  }

  function connection(s) {
    const c = $("connection");
    c.hidden = false; c.className = `connection ${s === "live" ? "live" : "down"}`;
    c.textContent = s === "live" ? "live" : s === "connecting" ? "connecting…" : "reconnecting…";
  }

  function setDevices(list) {
    state.devices = list;
    state.byId = Object.fromEntries(list.map(d => [d.id, d]));
    for (const d of list) {
      if (d.onBattery && !state.onBatterySince[d.id]) state.onBatterySince[d.id] = d.lastReadingAt ?? new Date().toISOString();
      if (!d.onBattery) delete state.onBatterySince[d.id];
    }
    Views.devices($("devices"), list, state.onBatterySince);
    Views.groups($("groups"), state.groups, state.byId);
  }

  function onFrame(f) {
    if (f.event === "snapshot") {
      state.groups = f.data.groups;
      setDevices(f.data.devices);
      fillDeviceChoice();
      refreshSaga(f.data.sagas);
      loadCluster();
    } else if (f.event === "device") {
      setDevices(state.devices.some(d => d.id === f.data.id) ? state.devices.map(d => d.id === f.data.id ? f.data : d) : [...state.devices, f.data]);
      growChart(f.data);
    } else if (f.event === "group") {
      // A group frame carries the counts; member ids and maintenance come from the snapshot.
      state.groups = state.groups.map(g => g.id === f.data.id ? { ...g, ...f.data } : g);
      Views.groups($("groups"), state.groups, state.byId);
    } else if (f.event === "event") {
      addEvents([f.data], true);
      if (f.data.kind.startsWith("saga.")) { clearTimeout(sagaTimer); sagaTimer = setTimeout(() => refreshSaga(), 250); }
      if (f.data.kind.startsWith("cluster.") || f.data.kind.startsWith("member.")) loadCluster();
    }
  }

  function addEvents(list, newest) {
    const ul = $("events");
    for (const e of list) {
      if (state.eventIds.has(e.id)) continue;
      state.eventIds.add(e.id);
      newest ? ul.prepend(Views.event(e)) : ul.append(Views.event(e));
    }
    while (ul.children.length > MaxEvents) ul.lastElementChild.remove();
  }

  /** The running saga from the snapshot, else the latest in the journal; then its steps. */
  async function refreshSaga(fromSnapshot) {
    try {
      const sagas = fromSnapshot?.length ? fromSnapshot : await Api.get("/api/v1/sagas");
      const latest = sagas.find(s => /running/i.test(s.status)) ?? sagas[sagas.length - 1];
      Views.saga($("saga"), latest ? await Api.get(`/api/v1/sagas/${encodeURIComponent(latest.sagaId)}`) : null, state.canSteer ? abortSaga : null);
    } catch (e) { $("saga").textContent = `Cannot show the saga: ${e.message}`; }
  }

  /** The Abort button: asks first (no further step is sent; one already sent may still run), then shows the outcome. */
  async function abortSaga(id) {
    if (!confirm(`Abort saga ${id}? No further step is sent; a step already sent may still run.`)) return;
    try { await Api.post(`/api/v1/sagas/${encodeURIComponent(id)}/abort`); }
    catch (e) { alert(`The node did not abort saga ${id}: ${e.message}`); }
    refreshSaga();
  }

  async function loadCluster() {
    try { Views.cluster($("cluster"), await Api.get("/api/v1/cluster")); }
    catch (e) { $("cluster").textContent = `Cannot show the cluster: ${e.message}`; }
  }

  async function loadEvents() {
    try {
      const page = await Api.get(`/api/v1/events?since=24h&limit=${MaxEvents * 4}`);
      addEvents(page.events.slice(-MaxEvents).reverse(), false);
    } catch (e) { $("events").replaceChildren(Object.assign(document.createElement("li"), { textContent: `Cannot list events: ${e.message}` })); }
  }

  function fillDeviceChoice() {
    const select = $("chart-device");
    if (select.options.length === state.devices.length) return;
    select.replaceChildren(...state.devices.map(d => new Option(d.id, d.id)));
    if (!state.chart.device && state.devices.length) { state.chart.device = state.devices[0].id; loadChart(); }
    select.value = state.chart.device;
  }

  const sinceMs = s => ({ h: 3600e3, d: 86400e3 })[s.slice(-1)] * parseInt(s, 10);

  async function loadChart() {
    const c = state.chart;
    if (!c.device) return;
    try {
      const v = await Api.get(`/api/v1/history/${encodeURIComponent(c.device)}?metric=${encodeURIComponent(c.metric)}&since=${c.since}&points=300`);
      c.unit = v.unit;
      c.points = v.points.map(p => ({ t: Date.parse(p.time), v: p.avg, min: p.count > 1 ? p.min : undefined, max: p.max }));
      const metrics = $("chart-metric");
      if (metrics.options.length !== v.metrics.length) { metrics.replaceChildren(...v.metrics.map(m => new Option(m, m))); metrics.value = c.metric; }
    } catch (e) { c.points = []; c.unit = null; console.warn("history:", e.message); }
    drawChart();
  }

  function drawChart() {
    const c = state.chart, to = Date.now(), from = to - sinceMs(c.since);
    c.points = c.points.filter(p => p.t >= from);
    Chart.render($("chart"), c.points, { unit: c.unit, from, to, label: `${c.device} ${c.metric}, last ${c.since}` });
  }

  function growChart(d) {
    const c = state.chart, field = LiveField[c.metric];
    if (d.id !== c.device || !field || d[field] == null || !d.lastReadingAt) return;
    const t = Date.parse(d.lastReadingAt);
    if (c.points.length && c.points[c.points.length - 1].t >= t) return;
    c.points.push({ t, v: d[field] });
    drawChart();
  }

  async function open() {
    $("login").hidden = true; $("dashboard").hidden = false; $("logout").hidden = false;
    // Which buttons to show: operator and admin may steer (the node checks again on every call).
    try { state.canSteer = /^(operator|admin)$/.test((await Api.get("/api/v1/whoami")).role); } catch { state.canSteer = false; }
    connection("connecting");
    loadEvents();
    stop = Api.stream({ onFrame, onState: connection, onDenied: e => { Api.clearKey(); showLogin(e.message); } });
  }

  $("login-form").addEventListener("submit", e => {
    e.preventDefault();
    Api.setKey($("key").value.trim());
    $("key").value = "";
    open();
  });
  $("password-form").addEventListener("submit", async e => {
    e.preventDefault();
    const password = $("password").value;
    $("password").value = "";
    Api.clearKey(); // the session cookie speaks for this tab now
    try { await Api.login($("user").value.trim(), password); open(); }
    catch (err) { showLogin(err.message, "login"); }
  });
  $("logout").addEventListener("click", async () => { Api.clearKey(); await Api.logout(); location.reload(); });
  $("chart-device").addEventListener("change", e => { state.chart.device = e.target.value; loadChart(); });
  $("chart-metric").addEventListener("change", e => { state.chart.metric = e.target.value; loadChart(); });
  $("chart-ranges").addEventListener("click", e => {
    const since = e.target.dataset?.since;
    if (!since) return;
    for (const b of $("chart-ranges").children) b.classList.toggle("active", b === e.target);
    state.chart.since = since; loadChart();
  });
  window.addEventListener("resize", () => { if (state.chart.device) drawChart(); });
  setInterval(() => { if (state.devices.length) Views.devices($("devices"), state.devices, state.onBatterySince); }, 5000); // "last reading 12 s ago" stays true

  // A key in this tab, or a session cookie from an earlier password login (whoami answers 200), opens the dashboard.
  Api.hasKey() ? open() : Api.get("/api/v1/whoami").then(open, () => showLogin());
})();
