/* Live header badges for signed-in members: unread messages and requests.
 * The counts come from /ws/notifications/ (community/realtime/consumers.py) on
 * connect and whenever they change; the server-rendered numbers show until then.
 * A badge's data-badge names its key in the "counts" frame (the keys of
 * community/selectors/notices.py: "requests", "unread_messages"), or several
 * keys separated by spaces to show their sum (the phone header's Menu button).
 */
(function () {
  "use strict";

  const badges = document.querySelectorAll("[data-badge]");
  if (!badges.length || !window.VelkomstSocket) return;

  function show(badge, count) {
    badge.hidden = !count;
    badge.querySelector("[data-badge-count]").textContent = String(count);
    badge.querySelector("[data-badge-text]").textContent = (
      badge.dataset.badgeLabel || "(%s)"
    ).replace("%s", String(count));
  }

  window.VelkomstSocket.open("/ws/notifications/", {
    onFrame(frame) {
      if (frame.type !== "counts") return;
      badges.forEach((badge) =>
        show(
          badge,
          badge.dataset.badge
            .split(" ")
            .reduce((sum, key) => sum + (Number(frame[key]) || 0), 0),
        ),
      );
      document.dispatchEvent(new CustomEvent("velkomst:counts", { detail: frame }));
    },
  });
})();
