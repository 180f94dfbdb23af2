// Renders the fleet as the API shows it. Every value goes in as text (never as HTML): names come from a config file.
"use strict";

const Views = (() => {
  function h(tag, attrs = {}, ...children) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs)) {
      if (typeof v === "function") e.addEventListener(k.replace(/^on/, ""), v); // onclick: () => … is a listener, not an attribute
      else if (v !== undefined && v !== null) e.setAttribute(k, v);
    }
    for (const c of children.flat(Infinity)) if (c !== null && c !== undefined) e.append(c instanceof Node ? c : String(c));
    return e;
  }

  const span = s => s == null ? "–" : s < 90 ? `${Math.round(s)} s` : s < 5400 ? `${Math.round(s / 60)} min` : `${(s / 3600).toFixed(1)} h`;
  const ago = iso => iso ? span((Date.now() - Date.parse(iso)) / 1000) + " ago" : "never";
  const clock = iso => new Date(iso).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit", second: "2-digit" });

  /** One card per device; onBatterySince holds when this page first saw each device on battery. */
  function devices(container, list, onBatterySince) {
    container.replaceChildren(...list.map(d => {
      const rows = [
        ["State", d.rawStatus ?? (d.onBattery ? "on battery" : d.onBattery === false ? "on line" : "–")],
        ["Charge", d.chargePercent == null ? "–" : `${d.chargePercent.toFixed(1)} %`],
        ["Runtime", d.runtimeSeconds == null ? "–" : span(d.runtimeSeconds) + (d.runtimeEstimated ? " (est.)" : "")],
      ];
      if (d.loadPercent != null) rows.push(["Load", `${d.loadPercent.toFixed(0)} %`]);
      if (d.powerWatts != null) rows.push(["Power", `${d.powerWatts.toFixed(0)} W`]);
      if (d.onBattery) rows.push(["On battery", onBatterySince[d.id] ? `since ${clock(onBatterySince[d.id])}` : "yes"]);
      rows.push(["Last reading", ago(d.lastReadingAt)]);
      // data-last-reading: when the shown figures were read (tests check a reading newer than a fail-over arrived).
      return h("article", { class: "card", "data-device": d.id, "data-health": d.health, "data-last-reading": d.lastReadingAt ?? "" },
        h("h3", {}, d.id, h("span", { class: "health" }, d.health)),
        h("p", { class: "reason" }, `${d.driver} · ${d.reason}`),
        h("dl", {}, rows.map(([k, v]) => [h("dt", {}, k), h("dd", {}, v)])));
    }));
  }

  /** "2 of 3 healthy, need 2", as the API's /groups says it; members in maintenance are left out of the count. */
  function quorum(g) {
    const away = (g.inMaintenance || []).length;
    const counted = g.healthy == null ? `starting, need ${g.minHealthy}` : `${g.healthy} of ${g.members - away} healthy, need ${g.minHealthy}`;
    return counted + (away ? ` (${away} in maintenance)` : "");
  }

  function groups(container, list, devicesById) {
    container.replaceChildren(...list.map(g => h("div", { class: "group", "data-group": g.id, "data-health": g.state },
      h("div", {}, h("strong", {}, g.id), " ", h("span", { class: "health" }, g.state)),
      h("div", { class: "quorum" }, quorum(g)),
      g.runtimeSeconds != null ? h("div", { class: "muted" }, `runtime ${span(g.runtimeSeconds)}`) : null,
      h("ul", { class: "members" }, (g.memberIds || []).map(id => {
        const health = (g.inMaintenance || []).includes(id) ? "MAINTENANCE" : devicesById[id]?.health ?? "UNKNOWN";
        return h("li", { "data-health": health, title: health }, `${id} · ${health}`);
      })))));
  }

  /**
   * The saga phase by phase, each step with its outcome; detail is {saga, steps} as GET /sagas/{id} answers.
   * onAbort (operator keys and up only): a running saga gets an Abort button that calls it with the saga's id.
   */
  function saga(container, detail, onAbort) {
    if (!detail?.saga) { container.replaceChildren(h("p", { class: "muted" }, "No shutdown saga yet.")); return; }
    const s = detail.saga;
    const phases = [...new Set(detail.steps.map(st => st.phase))];
    container.replaceChildren(
      h("div", { class: "saga", "data-saga": s.sagaId, "data-health": s.status.toUpperCase() },
        h("div", {}, h("strong", {}, s.sagaId), " ", h("span", { class: "health" }, s.status)),
        h("div", { class: "muted" }, `group ${s.groupId} · phase ${s.phaseNumber} of ${s.phases}${s.phase ? ` (${s.phase})` : ""}` +
          (s.startedAt ? ` · started ${clock(s.startedAt)}` : "") + (s.endedAt ? ` · ended ${clock(s.endedAt)}` : "") +
          (s.endReason ? ` · ${s.endReason}` : "")),
        s.endedAt ? null : h("div", { class: "muted" }, `${s.succeeded} succeeded, ${s.failed} failed, ${s.timedOut} timed out, ${s.unfinished} unfinished of ${s.steps}`),
        onAbort && /running/i.test(s.status)
          ? h("button", { type: "button", id: "saga-abort", class: "danger", onclick: () => onAbort(s.sagaId) }, "Abort")
          : null),
      ...phases.flatMap(p => [
        h("div", { class: "phase" }, p),
        h("table", { class: "steps" }, h("tbody", {}, detail.steps.filter(st => st.phase === p).flatMap(st => [
          h("tr", { class: "step", "data-step": st.stepId, "data-health": st.status.toUpperCase() },
            h("td", {}, `${st.host}: ${st.action}`, st.irreversible ? h("span", { class: "badge" }, "irreversible") : null),
            h("td", { class: "status" }, st.status),
            h("td", {}, [st.attempts > 1 ? `${st.attempts} tries` : null, st.seconds != null ? `${st.seconds.toFixed(1)} s` : null,
              st.exitCode != null ? `exit ${st.exitCode}` : null, st.detail].filter(Boolean).join(" · "))),
          ...(st.targets || []).map(t => target(st, t))])))]));
  }

  /** A typed action's outcome for one VM / container / host, on its own row under the step (a command has none). */
  function target(st, t) {
    const health = t.succeeded ? "SUCCEEDED" : "FAILED";
    return h("tr", { class: "target", "data-step": st.stepId, "data-target": t.target, "data-health": health },
      h("td", {}, t.target), h("td", { class: "status" }, t.succeeded ? "OK" : "FAILED"), h("td", {}, t.detail));
  }

  function event(e) {
    return h("li", { "data-event": e.id, "data-severity": e.severity },
      h("time", { datetime: e.time }, clock(e.time)),
      h("span", {}, h("span", { class: "kind" }, `${e.kind} · ${e.subject}`), h("br"), e.message));
  }

  function cluster(container, c) {
    container.replaceChildren(
      h("p", {}, "Supervisor runs on ", h("strong", { id: "supervisor-node" }, c.supervisorNode ?? "no node (none is Up with role supervisor)")),
      h("ul", { class: "cluster-members" }, c.members.map(m => h("li", { "data-member": m.address },
        m.address, m.address === c.self ? h("span", { class: "badge" }, "this page") : null,
        m.isLeader ? h("span", { class: "badge" }, "leader") : null, m.runsSupervisor ? h("span", { class: "badge" }, "supervisor") : null,
        h("div", { class: "muted" }, `${m.status}${m.reachable ? "" : " · UNREACHABLE"} · roles ${m.roles.join(", ") || "none"}`)))));
  }

  return { devices, groups, saga, event, cluster, quorum };
})();
