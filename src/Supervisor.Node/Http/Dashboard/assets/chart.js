// One metric over a window as a hand-drawn SVG line (no charting library, nothing from a CDN).
"use strict";

const Chart = (() => {
  const H = 220, Left = 44, Right = 10, Top = 10, Bottom = 24;
  const ns = "http://www.w3.org/2000/svg";

  function el(name, attrs, text) {
    const e = document.createElementNS(ns, name);
    for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
    if (text !== undefined) e.textContent = text;
    return e;
  }

  /** The y range: a percentage is always 0–100 (a full battery is not a flat line at the top of an arbitrary scale). */
  function yRange(points, unit) {
    if (unit === "%") return [0, 100];
    let lo = Math.min(...points.map(p => p.v)), hi = Math.max(...points.map(p => p.v));
    if (lo === hi) { lo -= 1; hi += 1; }
    const pad = (hi - lo) * 0.1;
    return [lo - pad, hi + pad];
  }

  function timeLabel(ms, spanMs) {
    const d = new Date(ms);
    return spanMs > 36 * 3600e3 ? d.toLocaleDateString([], { month: "short", day: "numeric" }) + " " + d.toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" })
                                : d.toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });
  }

  /** Draws points [{t: epoch ms, v}] between from and to (epoch ms) into container; says so when there are none. */
  function render(container, points, { unit, from, to, label }) {
    // Drawn at the container's width in pixels, so text and lines are not stretched (and redrawn on each update).
    const W = Math.max(container.clientWidth, 280);
    const svg = el("svg", { viewBox: `0 0 ${W} ${H}`, role: "img", "aria-label": label, "data-points": points.length });
    const x = t => Left + (t - from) / (to - from) * (W - Left - Right);
    svg.append(el("line", { class: "axis", x1: Left, y1: H - Bottom, x2: W - Right, y2: H - Bottom }));
    svg.append(el("line", { class: "axis", x1: Left, y1: Top, x2: Left, y2: H - Bottom }));
    svg.append(el("text", { x: Left, y: H - 6 }, timeLabel(from, to - from)));
    svg.append(el("text", { x: W - Right, y: H - 6, "text-anchor": "end" }, timeLabel(to, to - from)));
    if (points.length === 0) {
      svg.append(el("text", { x: W / 2, y: H / 2, "text-anchor": "middle" }, "no history in this window yet"));
    } else {
      const [lo, hi] = yRange(points, unit);
      const y = v => Top + (1 - (v - lo) / (hi - lo)) * (H - Top - Bottom);
      for (const v of [lo, (lo + hi) / 2, hi]) {
        svg.append(el("line", { class: "axis", x1: Left, y1: y(v), x2: W - Right, y2: y(v), "stroke-dasharray": "2 4" }));
        svg.append(el("text", { x: Left - 4, y: y(v) + 4, "text-anchor": "end" }, `${Math.round(v)}${unit || ""}`));
      }
      const band = points.filter(p => p.min !== undefined);
      if (band.length > 1) {
        const upper = band.map(p => `${x(p.t).toFixed(1)},${y(p.max).toFixed(1)}`);
        const lower = band.slice().reverse().map(p => `${x(p.t).toFixed(1)},${y(p.min).toFixed(1)}`);
        svg.append(el("polygon", { class: "band", points: upper.concat(lower).join(" ") }));
      }
      const d = points.map((p, i) => `${i ? "L" : "M"}${x(p.t).toFixed(1)},${y(p.v).toFixed(1)}`).join(" ");
      svg.append(el("path", { class: "line", d }));
      // Few points (a node that started minutes ago): dots, so a short line at the window's end is still seen.
      if (points.length <= 60) for (const p of points) svg.append(el("circle", { class: "dot", cx: x(p.t).toFixed(1), cy: y(p.v).toFixed(1), r: 2.5 }));
    }
    container.replaceChildren(svg);
  }

  return { render };
})();
