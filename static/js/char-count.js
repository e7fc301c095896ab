/* A live character counter under a text box that has data-char-count (the match
 * request's message, templates/community/request_form.html): "12 of at least 30
 * characters" until the box's minlength is reached, then "42 of at most 2,000
 * characters" (its maxlength). Characters are counted as the server counts them:
 * without the spaces around the text, an emoji as one.
 *
 * Without this script the field's help text says the same rules. The words come
 * from the page, translated by the view (community/views/requests.py), in a
 * <script type="application/json" id="char-count-text">.
 */
(function () {
  "use strict";

  const boxes = document.querySelectorAll("textarea[data-char-count]");
  const source = document.getElementById("char-count-text");
  if (!boxes.length || !source) return;

  const TEXT = JSON.parse(source.textContent);
  const numberFormat = new Intl.NumberFormat(
    document.documentElement.lang === "da" ? "da-DK" : "en-GB",
  );
  const ANNOUNCE_AFTER = 1000; // ms of quiet before a screen reader hears the count

  function fill(template, values) {
    return template.replace(/%\((\w+)\)s/g, (all, name) =>
      name in values ? numberFormat.format(values[name]) : all,
    );
  }

  function enhance(box) {
    const min = Number(box.getAttribute("minlength")) || 0;
    const max = Number(box.getAttribute("maxlength")) || 0;

    const counter = document.createElement("p");
    counter.className = "form-help char-count";
    counter.id = `${box.id}_count`;
    // Read out after a pause in typing, not at every key.
    const announcer = document.createElement("p");
    announcer.className = "visually-hidden";
    announcer.setAttribute("aria-live", "polite");
    box.after(counter, announcer);
    const described = box.getAttribute("aria-describedby");
    box.setAttribute("aria-describedby", described ? `${described} ${counter.id}` : counter.id);

    let timer = null;
    function update() {
      const count = Array.from(box.value.trim()).length;
      const short = count < min;
      counter.textContent = short || !max
        ? fill(TEXT.atLeast, { count, min })
        : fill(TEXT.atMost, { count, max });
      counter.dataset.state = short ? "short" : "enough";
      window.clearTimeout(timer);
      timer = window.setTimeout(() => {
        announcer.textContent = counter.textContent;
      }, ANNOUNCE_AFTER);
    }

    box.addEventListener("input", update);
    update();
    announcer.textContent = "";
    window.clearTimeout(timer);
  }

  boxes.forEach(enhance);
})();
