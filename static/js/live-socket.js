/* A WebSocket that reconnects by itself, with exponential backoff and jitter.
 *
 * VelkomstSocket.open(path, {onOpen, onFrame, onState, query}) returns
 * {send(frame) -> bool, close()}. States passed to onState: "connecting",
 * "live", "offline" (will retry, at least every 30 s, for as long as the page
 * is open: a server or Redis restart only delays; 4503 from the server means
 * the same), "closed" (will not: the server said signed out, ended or too big).
 */
(function () {
  "use strict";

  // Signed out, forbidden, match ended, frame too big: trying again would not help.
  const FINAL_CODES = new Set([4401, 4403, 4409, 4413, 1009]);
  const MAX_DELAY = 30000;
  const PING_EVERY = 25000;
  // Going away, closed without a close frame, service restart.
  const RESTART_CODES = new Set([1001, 1006, 1012]);
  const RESTART_SPREAD = 10000;

  function open(path, handlers) {
    const scheme = window.location.protocol === "https:" ? "wss" : "ws";
    let socket = null;
    let attempts = 0;
    let stopped = false;
    let pingTimer = null;
    let retryTimer = null;
    let wasLive = false;

    function state(name, detail) {
      if (handlers.onState) handlers.onState(name, detail);
    }

    function connect() {
      retryTimer = null;
      const query = handlers.query ? handlers.query() : "";
      state("connecting");
      socket = new WebSocket(`${scheme}://${window.location.host}${path}${query}`);
      socket.addEventListener("open", () => {
        attempts = 0;
        wasLive = true;
        state("live");
        pingTimer = window.setInterval(() => send({ type: "ping" }), PING_EVERY);
        if (handlers.onOpen) handlers.onOpen();
      });
      socket.addEventListener("message", (event) => {
        let frame;
        try {
          frame = JSON.parse(event.data);
        } catch (error) {
          return;
        }
        if (handlers.onFrame) handlers.onFrame(frame);
      });
      socket.addEventListener("close", (event) => {
        window.clearInterval(pingTimer);
        socket = null;
        if (stopped) return;
        if (FINAL_CODES.has(event.code)) {
          stopped = true;
          state("closed", event.code);
          return;
        }
        state("offline");
        const base = Math.min(MAX_DELAY, 500 * 2 ** attempts);
        // The first try after the server went away (restart, deploy, a
        // process killed): every open page sees this at the same moment, so
        // they come back spread over RESTART_SPREAD rather than all within
        // half a second. (A network that comes back wakes the page at once:
        // "online" below.)
        const wait =
          attempts === 0 && wasLive && RESTART_CODES.has(event.code)
            ? 500 + Math.random() * RESTART_SPREAD
            : base / 2 + Math.random() * (base / 2);
        attempts += 1;
        wasLive = false;
        retryTimer = window.setTimeout(connect, wait);
      });
    }

    function send(frame) {
      if (!socket || socket.readyState !== WebSocket.OPEN) return false;
      socket.send(JSON.stringify(frame));
      return true;
    }

    // Come back at once when the network or the tab does.
    function wake() {
      if (!stopped && retryTimer !== null) {
        window.clearTimeout(retryTimer);
        connect();
      }
    }
    window.addEventListener("online", wake);
    document.addEventListener("visibilitychange", () => {
      if (document.visibilityState === "visible") wake();
    });

    connect();
    return {
      send,
      close() {
        stopped = true;
        if (socket) socket.close();
      },
    };
  }

  window.VelkomstSocket = { open };
})();
