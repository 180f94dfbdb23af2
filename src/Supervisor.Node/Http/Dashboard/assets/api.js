// The dashboard's only way to the node: fetch() with the API key on every call (or, after a password login, the
// session cookie the browser sends by itself), and the live stream read with fetch() + ReadableStream (a browser
// EventSource cannot send an Authorization header), parsed as SSE here.
"use strict";

const Api = (() => {
  const KeyName = "supervisor.apiKey";
  const key = () => sessionStorage.getItem(KeyName);
  /** The key's header when the tab holds one; none after a password login (the cookie is sent instead). */
  const auth = () => key() ? { Authorization: `Bearer ${key()}` } : {};

  /** A failed call: the problem's detail (RFC 9457) when the node sent one, the status otherwise. */
  class ApiError extends Error {
    constructor(status, detail) { super(detail); this.status = status; }
  }

  async function problem(response) {
    try {
      const body = await response.json();
      return new ApiError(response.status, body.detail || body.title || `HTTP ${response.status}`);
    } catch { return new ApiError(response.status, `HTTP ${response.status} ${response.statusText}`); }
  }

  async function get(path) {
    const response = await fetch(path, { headers: { ...auth(), Accept: "application/json" } });
    if (!response.ok) throw await problem(response);
    return response.json();
  }

  /** A mutation (POST, no body); the answer's JSON, or an ApiError with the problem's detail. */
  async function post(path) {
    const response = await fetch(path, { method: "POST", headers: { ...auth(), Accept: "application/json" } });
    if (!response.ok) throw await problem(response);
    return response.json();
  }

  /** Password login: the node sets an HttpOnly session cookie; answers {name, role}, or throws the node's refusal (401, 429). */
  async function login(user, password) {
    const response = await fetch("/api/v1/login", { method: "POST", headers: { "Content-Type": "application/json", Accept: "application/json" },
      body: JSON.stringify({ user, password }) });
    if (!response.ok) throw await problem(response);
    return response.json();
  }

  const logout = () => fetch("/api/v1/logout", { method: "POST" });

  /** Splits a buffer into complete SSE frames ("\n\n"-separated); returns the frames and what is left over. */
  function parseFrames(buffer) {
    const frames = [];
    const blocks = buffer.replace(/\r\n?/g, "\n").split("\n\n");
    const rest = blocks.pop();
    for (const block of blocks) {
      const frame = { id: null, event: "message", data: [] };
      for (const line of block.split("\n")) {
        if (line === "" || line.startsWith(":")) continue; // a comment: the keep-alive
        const colon = line.indexOf(":");
        const field = colon < 0 ? line : line.slice(0, colon);
        const value = colon < 0 ? "" : line.slice(colon + 1).replace(/^ /, "");
        if (field === "id") frame.id = value;
        else if (field === "event") frame.event = value;
        else if (field === "data") frame.data.push(value);
      }
      if (frame.data.length) frames.push({ id: frame.id, event: frame.event, data: JSON.parse(frame.data.join("\n")) });
    }
    return { frames, rest };
  }

  /**
   * Keeps the stream open: each frame goes to onFrame, connection changes to onState("live" | "reconnecting").
   * After an error it reconnects with Last-Event-ID (the node replays what was missed) and a growing back-off;
   * a 401/403 is not retried but handed to onDenied. Returns a function that stops it.
   */
  function stream({ onFrame, onState, onDenied }) {
    let lastId = null, delay = 1000, stopped = false, controller = null;
    async function once() {
      controller = new AbortController();
      const headers = { ...auth(), Accept: "text/event-stream" };
      if (lastId) headers["Last-Event-ID"] = lastId;
      const response = await fetch("/api/v1/stream", { headers, signal: controller.signal, cache: "no-store" });
      if (response.status === 401 || response.status === 403) { stopped = true; onDenied(await problem(response)); return; }
      if (!response.ok) throw await problem(response);
      const reader = response.body.getReader();
      const decoder = new TextDecoder();
      let buffer = "";
      for (;;) {
        const { value, done } = await reader.read();
        if (done) throw new Error("the stream ended");
        buffer += decoder.decode(value, { stream: true });
        const parsed = parseFrames(buffer);
        buffer = parsed.rest;
        for (const frame of parsed.frames) {
          if (frame.id) lastId = frame.id;
          delay = 1000; // a frame came: the next outage starts again with a short wait
          onState("live");
          onFrame(frame);
        }
      }
    }
    (async () => {
      while (!stopped) {
        try { await once(); } catch (e) { if (stopped) break; console.warn("stream:", e.message); }
        if (stopped) break;
        onState("reconnecting");
        await new Promise(r => setTimeout(r, delay));
        delay = Math.min(delay * 2, 15000);
      }
    })();
    return () => { stopped = true; controller?.abort(); };
  }

  return {
    get, post, login, logout, stream, parseFrames, ApiError,
    hasKey: () => !!key(),
    setKey: k => sessionStorage.setItem(KeyName, k),
    clearKey: () => sessionStorage.removeItem(KeyName),
  };
})();
