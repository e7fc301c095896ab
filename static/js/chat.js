/* The live chat on /messages/<id>/ (templates/community/conversation.html).
 *
 * Without this script the page still works: history plus a plain form. With it:
 * - messages arrive live over /ws/conversations/<id>/ (community/realtime/consumers.py);
 * - every message gets an id made here (client_id) and waits in an outbox kept
 *   in localStorage until the server acknowledges it, so a dropped connection or
 *   a reload never loses it, and a resend never doubles it. A send the server
 *   could not store (error with "retry": true), or one not acknowledged within
 *   ACK_WAIT, goes again on the open socket, with backoff, until it is stored;
 *   only then does it show as sent;
 * - on every (re)connect the server sends everything after the last message
 *   shown; messages are placed by id and shown once;
 * - "Seen", "… is typing" and the connection state;
 * - the pair's meeting box (templates/community/meetings/box.html) is fetched
 *   again when the server says the meetings changed, and after a reconnect.
 */
(function () {
  "use strict";

  const root = document.querySelector("[data-chat]");
  if (!root || !window.VelkomstSocket || root.dataset.live !== "true") return;

  const list = root.querySelector("[data-chat-messages]");
  const form = root.querySelector("[data-chat-form]");
  const input = form ? form.querySelector("textarea") : null;
  const statusEl = root.querySelector("[data-chat-status]");
  const seenEl = root.querySelector("[data-chat-seen]");
  const typingEl = root.querySelector("[data-chat-typing]");
  const meetingEl = root.querySelector("[data-chat-meeting]");
  const meId = Number(root.dataset.me);
  const conversationId = root.dataset.conversation;
  const otherName = root.dataset.otherName;
  const reportUrl = root.dataset.reportUrl;
  const storageKey = `velkomst-outbox-${meId}-${conversationId}`;
  const MAX_LENGTH = 4000;
  const ACK_WAIT = 10000; // ms without an answer before a send goes again
  const MAX_RETRY_DELAY = 30000;
  // The page's words, translated by the template (conversation.html).
  const TEXT = JSON.parse(document.getElementById("chat-text").textContent);
  const STATUS_TEXT = {
    connecting: TEXT.connecting,
    live: TEXT.live,
    offline: TEXT.offline,
    closed: TEXT.ended,
  };

  let lastId = Number(root.dataset.lastId) || 0;
  let otherRead = Number(root.dataset.otherRead) || 0;
  let readSent = 0;
  let readTimer = null;
  let typingTimer = null;
  let lastTyping = 0;
  let outbox = loadOutbox();
  let opened = false;

  // --- The outbox ----------------------------------------------------------------
  function loadOutbox() {
    try {
      const saved = JSON.parse(window.localStorage.getItem(storageKey) || "[]");
      return Array.isArray(saved) ? saved : [];
    } catch (error) {
      return [];
    }
  }

  function saveOutbox() {
    try {
      window.localStorage.setItem(storageKey, JSON.stringify(outbox));
    } catch (error) {
      /* Private mode: the outbox lives as long as the page. */
    }
  }

  function newClientId() {
    if (window.crypto && window.crypto.randomUUID) return window.crypto.randomUUID();
    const bytes = window.crypto.getRandomValues(new Uint8Array(16));
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  }

  // --- Showing messages ------------------------------------------------------------
  // As the server writes them ("13 Nov, 21:34"), in the site's time zone.
  const timeFormat = new Intl.DateTimeFormat(
    document.documentElement.lang === "da" ? "da-DK" : "en-GB",
    {
      day: "numeric",
      month: "short",
      hour: "2-digit",
      minute: "2-digit",
      hourCycle: "h23",
      timeZone: root.dataset.timeZone || undefined,
    },
  );

  function timeText(iso) {
    return timeFormat.format(new Date(iso));
  }

  function bubble({ mine, html, text, createdAt }) {
    const item = document.createElement("li");
    item.className = mine ? "chat-message chat-message--mine" : "chat-message";
    const meta = document.createElement("p");
    meta.className = "chat-message__meta";
    const who = document.createElement("span");
    who.className = "chat-message__who";
    who.textContent = mine ? TEXT.you : otherName;
    meta.append(who);
    if (createdAt) {
      const time = document.createElement("time");
      time.dateTime = createdAt;
      time.textContent = timeText(createdAt);
      meta.append(" ", time);
    }
    const body = document.createElement("div");
    body.className = "chat-message__body";
    if (html !== undefined) {
      body.innerHTML = html; // escaped on the server (services.messaging.message_html)
    } else {
      body.textContent = text;
    }
    item.append(meta, body);
    return item;
  }

  function nearBottom() {
    return list.scrollHeight - list.scrollTop - list.clientHeight < 80;
  }

  function scrollDown() {
    list.scrollTop = list.scrollHeight;
  }

  function dropEmptyNote() {
    const empty = list.querySelector("[data-chat-empty]");
    if (empty) empty.remove();
  }

  function placeById(item, id) {
    const later = Array.from(list.querySelectorAll("[data-id]")).find(
      (el) => Number(el.dataset.id) > id,
    );
    const firstPending = list.querySelector(".chat-message--pending, .chat-message--failed");
    list.insertBefore(item, later || firstPending || null);
  }

  function showMessage(message) {
    if (list.querySelector(`[data-id="${message.id}"]`)) return;
    const stick = nearBottom();
    dropEmptyNote();
    const mine = message.sender_id === meId;
    const item = bubble({ mine, html: message.html, createdAt: message.created_at });
    item.id = `message-${message.id}`;
    item.dataset.id = String(message.id);
    item.dataset.clientId = message.client_id;
    if (!mine) {
      const report = document.createElement("a");
      report.className = "chat-message__report";
      report.href = reportUrl.replace(/\/0\/$/, `/${message.id}/`);
      report.textContent = TEXT.report;
      item.append(report);
      typingEl.hidden = true;
    }
    const pending = list.querySelector(`[data-pending="${message.client_id}"]`);
    if (pending) pending.remove();
    placeById(item, message.id);
    lastId = Math.max(lastId, message.id);
    if (stick || mine) scrollDown();
    updateSeen();
    scheduleRead();
  }

  function showPending(entry) {
    let item = list.querySelector(`[data-pending="${entry.client_id}"]`);
    if (!item) {
      dropEmptyNote();
      item = bubble({ mine: true, text: entry.body });
      item.classList.add("chat-message--pending");
      item.dataset.pending = entry.client_id;
      const state = document.createElement("p");
      state.className = "chat-message__state";
      item.append(state);
      list.append(item);
      scrollDown();
    }
    item.querySelector(".chat-message__state").textContent = TEXT.sending;
    return item;
  }

  function markFailed(clientId, text) {
    const item = list.querySelector(`[data-pending="${clientId}"]`);
    if (!item) return;
    item.classList.remove("chat-message--pending");
    item.classList.add("chat-message--failed");
    item.querySelector(".chat-message__state").textContent = `${TEXT.notSent} ${text}`;
  }

  function updateSeen() {
    const items = list.querySelectorAll("[data-id]");
    const last = items[items.length - 1];
    const mineLast = last && last.classList.contains("chat-message--mine");
    seenEl.hidden = !(mineLast && otherRead >= Number(last.dataset.id));
  }

  function setStatus(name) {
    statusEl.hidden = false;
    statusEl.dataset.state = name;
    statusEl.textContent = STATUS_TEXT[name] || name;
    if (name === "closed" && form) {
      form.querySelector("button[type=submit]").disabled = true;
    }
  }

  // --- The pair's meetings -----------------------------------------------------------
  // Rendered on the server in the member's language, with its buttons' forms.
  let meetingFetch = null;

  function refreshMeeting() {
    if (!meetingEl) return;
    if (meetingFetch) meetingFetch.abort();
    meetingFetch = new AbortController();
    window
      .fetch(meetingEl.dataset.url, {
        credentials: "same-origin",
        signal: meetingFetch.signal,
        headers: { Accept: "text/html" },
      })
      .then((response) => (response.ok ? response.text() : null))
      .then((html) => {
        if (html !== null) meetingEl.innerHTML = html; // escaped on the server
      })
      .catch(() => {
        /* Offline or replaced by a newer fetch: the next change or reconnect refetches. */
      });
  }

  // --- Talking to the server --------------------------------------------------------
  function sendEntry(entry) {
    if (live.send({ type: "send", client_id: entry.client_id, body: entry.body })) {
      entry.sentAt = Date.now();
    }
  }

  function flushOutbox() {
    outbox.forEach((entry) => {
      if (entry.waitUntil && entry.waitUntil > Date.now()) return;
      showPending(entry);
      sendEntry(entry);
    });
  }

  // A send that never heard back (the server went away mid-frame) goes again;
  // the same client_id means it is stored once whatever happened.
  function resendUnanswered() {
    const now = Date.now();
    outbox.forEach((entry) => {
      if (entry.waitUntil && entry.waitUntil > now) return;
      if (entry.sentAt && now - entry.sentAt > ACK_WAIT) sendEntry(entry);
    });
  }
  window.setInterval(resendUnanswered, 2000);

  function retryLater(entry, seconds, text) {
    entry.attempts = (entry.attempts || 0) + 1;
    const backoff = Math.min(MAX_RETRY_DELAY, 1000 * 2 ** (entry.attempts - 1));
    const wait = Math.max((seconds || 0) * 1000, backoff / 2 + Math.random() * (backoff / 2));
    entry.waitUntil = Date.now() + wait;
    entry.sentAt = 0;
    saveOutbox();
    const item = showPending(entry);
    item.querySelector(".chat-message__state").textContent = text;
    window.setTimeout(flushOutbox, wait + 50);
  }

  function scheduleRead() {
    if (document.visibilityState !== "visible" || lastId <= readSent) return;
    window.clearTimeout(readTimer);
    readTimer = window.setTimeout(() => {
      if (lastId > readSent && live.send({ type: "read", up_to: lastId })) {
        readSent = lastId;
      }
    }, 300);
  }

  function handleFrame(frame) {
    switch (frame.type) {
      case "message":
        showMessage(frame.message);
        break;
      case "ack": {
        outbox = outbox.filter((entry) => entry.client_id !== frame.client_id);
        saveOutbox();
        const item = list.querySelector(`[data-pending="${frame.client_id}"]`);
        if (item) item.querySelector(".chat-message__state").textContent = TEXT.sent;
        break;
      }
      case "read":
        if (frame.profile_id !== meId) {
          otherRead = Math.max(otherRead, frame.up_to);
          updateSeen();
        }
        break;
      case "typing":
        typingEl.hidden = false;
        window.clearTimeout(typingTimer);
        typingTimer = window.setTimeout(() => {
          typingEl.hidden = true;
        }, 4000);
        break;
      case "error":
        handleError(frame);
        break;
      case "meeting":
        refreshMeeting();
        break;
      case "closed":
        setStatus("closed");
        break;
      default:
        break;
    }
  }

  function handleError(frame) {
    const entry = outbox.find((e) => e.client_id === frame.client_id);
    if (!entry) return;
    if (frame.code === "rate_limited") {
      retryLater(entry, frame.retry_after || 5, frame.message);
      return;
    }
    if (frame.retry || frame.code === "server_error") {
      // Not stored now: keep it and send it again (same id, so never twice).
      retryLater(entry, frame.retry_after, TEXT.retrying);
      return;
    }
    // Never storable as it is (too long, the match ended): say so and keep the text.
    outbox = outbox.filter((e) => e !== entry);
    saveOutbox();
    markFailed(frame.client_id, frame.message);
  }

  const live = window.VelkomstSocket.open(`/ws/conversations/${conversationId}/`, {
    query: () => `?after=${lastId}`,
    onOpen: () => {
      if (opened) refreshMeeting(); // a change may have come while offline
      opened = true;
      flushOutbox();
      scheduleRead();
    },
    onFrame: handleFrame,
    onState: (name, code) => {
      if (name === "closed" && code === 4401) {
        STATUS_TEXT.closed = TEXT.signedOut;
      } else if (name === "closed" && (code === 4413 || code === 1009)) {
        STATUS_TEXT.closed = TEXT.tooBig;
      } else if (name === "closed") {
        STATUS_TEXT.closed = TEXT.ended;
      }
      setStatus(name);
    },
  });

  // --- The composer -------------------------------------------------------------------
  // An empty or too-long send is refused next to the box, in words, and nothing
  // is sent; the message goes away once the text changes.
  const errorEl = form ? form.querySelector("[data-chat-error]") : null;
  const helpId = form ? form.querySelector("[data-chat-help]").id : "";

  function showError(text) {
    errorEl.textContent = text;
    errorEl.hidden = false;
    input.setAttribute("aria-invalid", "true");
    input.setAttribute("aria-describedby", `${errorEl.id} ${helpId}`);
    input.focus();
  }

  function clearError() {
    if (errorEl.hidden) return;
    errorEl.hidden = true;
    errorEl.textContent = "";
    input.removeAttribute("aria-invalid");
    input.setAttribute("aria-describedby", helpId);
  }

  if (form && input) {
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      const body = input.value.trim();
      if (!body) {
        showError(TEXT.empty);
        return;
      }
      // Counted as the server counts: an emoji is one character.
      if (Array.from(body).length > MAX_LENGTH) {
        showError(TEXT.tooLong);
        return;
      }
      clearError();
      const entry = { client_id: newClientId(), body };
      outbox.push(entry);
      saveOutbox();
      showPending(entry);
      sendEntry(entry);
      input.value = "";
      input.focus();
    });
    input.addEventListener("input", () => {
      clearError();
      const now = Date.now();
      if (now - lastTyping > 2000 && input.value.trim()) {
        lastTyping = now;
        live.send({ type: "typing" });
      }
    });
    input.addEventListener("keydown", (event) => {
      if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
        event.preventDefault();
        form.requestSubmit();
      }
    });
  }

  document.addEventListener("visibilitychange", scheduleRead);
  outbox.forEach(showPending);
  scrollDown();
  updateSeen();
})();
