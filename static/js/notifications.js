/* Live header badges for signed-in members: unread messages and requests.
 * The counts come from /ws/notifications/ (community/realtime.py) on connect
 * and whenever they change; the server-rendered numbers show until then.
 */
(function () {
  "use strict";

  const badges = document.querySelectorAll("[data-badge]");
  if (!badges.length || !window.VelkomstSocket) return;

  function show(name, count) {
    document.querySelectorAll(`[data-badge="${name}"]`).forEach((badge) => {
      badge.hidden = !count;
      badge.querySelector("[data-badge-count]").textContent = String(count);
      badge.querySelector("[data-badge-text]").textContent = (
        badge.dataset.badgeLabel || "(%s)"
      ).replace("%s", String(count));
    });
  }

  window.VelkomstSocket.open("/ws/notifications/", {
    onFrame(frame) {
      if (frame.type !== "counts") return;
      show("messages", frame.unread_messages || 0);
      show("requests", frame.requests || 0);
      document.dispatchEvent(new CustomEvent("velkomst:counts", { detail: frame }));
    },
  });
})();
