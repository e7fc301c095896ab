"""Finding English on a page or in an e-mail that should be Danish.

Three nets, from the most to the least certain:

- the interface's English: the catalogues' source strings, every entry of our
  Danish catalogue (and of allauth's, whose pages and forms we use) whose
  Danish differs from its English. An entry is looked for as a whole phrase
  (its HTML tags stripped, its placeholders matching any short text),
  case-insensitively (CSS may print it in capitals). Left out, because good
  Danish has them too: entries whose Danish contains the English (brand names,
  "Status"), single words shorter than four letters ("To", "Met") and single
  words that are Danish words as well ("Time" is an hour);
- content that has a Danish translation, in its English (a page's English
  title on a Danish page): the caller names it;
- English sentences from anywhere else (content or settings no one
  translated): a line with two or more English words that Danish never uses
  ("the", "and", "you", "with"...; no line of the Danish catalogues has two).

What members typed is taken out first, and text marked as another language
(``lang="en"``, as the link to the English site is) is not looked at: that
English is meant.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import allauth
import polib

ROOT = Path(__file__).resolve().parents[2]
CATALOGUES = [
    ROOT / "locale/da/LC_MESSAGES/django.po",
    Path(allauth.__file__).parent / "locale/da/LC_MESSAGES/django.po",
]
PLACEHOLDER = re.compile(
    r"%\([^)]+\)[sdif]|%[sdif]|\{\{[^}]*\}\}|\{[a-z_]+\}|\{\}", re.IGNORECASE
)
WORD = re.compile(r"[A-Za-z][A-Za-z'’]*")
# English words that are also everyday Danish words, so a Danish page may have
# them: "time" (an hour), "single", "hold" (a team), "bog" (a book).
DANISH_TOO = {"time", "single", "hold", "bog", "fast", "under", "over", "alle"}
# English words Danish does not use ("for", "at", "to", "by" and "a" it does).
ENGLISH_ONLY = {
    "the", "and", "you", "your", "with", "are", "is", "this", "that", "will",
    "what", "if", "of", "we", "our", "it", "be", "not", "never", "when",
    "please", "would", "could", "should", "there", "their", "they", "has",
    "was", "were", "been", "which", "who", "into", "about", "just", "an", "in",
    "on", "or", "from", "my", "me", "can", "do", "does", "how", "some", "any",
    "all", "more", "want", "need", "here",
}  # fmt: skip

# What a page shows or says: its visible text, the text its scripts will show
# (hidden elements, templates, JSON the scripts read), its title and the
# attributes a screen reader reads out; all but what is marked as another
# language.
PAGE_TEXT_SCRIPT = """
() => {
  const foreign = (element) => {
    const holder = element.closest("[lang]");
    return holder !== null && !holder.lang.toLowerCase().startsWith("da");
  };
  const strings = (value) =>
    typeof value === "string" ? [value]
    : value && typeof value === "object" ? Object.values(value).flatMap(strings)
    : [];
  let visible = document.body.innerText;
  const more = [document.title];
  for (const element of document.body.querySelectorAll("*")) {
    if (foreign(element)) {
      if (!foreign(element.parentElement)) {
        visible = visible.replace(element.innerText, " ");
      }
      continue;
    }
    for (const name of ["title", "aria-label", "placeholder", "alt",
                        "aria-description", "aria-roledescription",
                        "aria-valuetext"]) {
      const value = element.getAttribute(name);
      if (value) more.push(value);
    }
    for (const attribute of element.attributes) {
      if (/^data-.*(label|text)$/.test(attribute.name)) more.push(attribute.value);
    }
    if (element.matches("input[type=submit], input[type=button], input[type=reset]")) {
      more.push(element.value);
    }
    if (element.matches("[hidden]")) more.push(element.textContent);
    if (element.matches("template")) more.push(element.content.textContent);
    if (element.matches('script[type="application/json"]')) {
      try { more.push(...strings(JSON.parse(element.textContent))); } catch (e) {}
    }
  }
  return {lang: document.documentElement.lang, text: [visible, ...more].join("\\n")};
}
"""


@dataclass(frozen=True)
class Source:
    """One English source string and how to find it."""

    english: str
    pattern: re.Pattern


def _plain(text: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", text)).split())


def _pattern(english: str) -> re.Pattern | None:
    """A phrase to look for, or None when it is too short or too common."""
    pieces = [piece.strip() for piece in PLACEHOLDER.split(_plain(english))]
    pieces = [piece for piece in pieces if WORD.search(piece)]
    words = [word for piece in pieces for word in WORD.findall(piece)]
    if not words:
        return None
    if len(words) == 1 and (len(words[0]) < 4 or words[0].lower() in _danish_words()):
        return None
    body = r"[^\n]{1,80}?".join(
        r"\s+".join(re.escape(part) for part in piece.split()) for piece in pieces
    )
    start = r"(?<!\w)" if re.match(r"\w", pieces[0]) else ""
    end = r"(?!\w)" if re.search(r"\w$", pieces[-1]) else ""
    return re.compile(start + body + end, re.IGNORECASE)


def _translations(entry: polib.POEntry) -> list[str]:
    return [entry.msgstr, *entry.msgstr_plural.values()]


@cache
def _danish_words() -> frozenset[str]:
    """Words of the Danish translations (placeholders and quoted examples left
    out), and everyday Danish words English also has."""
    words = set(DANISH_TOO)
    for catalogue in CATALOGUES:
        for entry in polib.pofile(str(catalogue)):
            for danish in _translations(entry):
                danish = re.sub(r'"[^"]*"', " ", PLACEHOLDER.sub(" ", danish))
                words |= {word.lower() for word in re.findall(r"[^\W\d_]+", danish)}
    return frozenset(words)


@cache
def english_sources() -> tuple[Source, ...]:
    sources = {}
    for catalogue in CATALOGUES:
        for entry in polib.pofile(str(catalogue)):
            if entry.obsolete or "fuzzy" in entry.flags or not entry.translated():
                continue
            danish = " ".join(_plain(text) for text in _translations(entry))
            for english in filter(None, (entry.msgid, entry.msgid_plural)):
                if _plain(english) in danish or english in sources:
                    continue
                pattern = _pattern(english)
                if pattern is not None:
                    sources[english] = Source(english, pattern)
    return tuple(sources.values())


def english_sentences(text: str) -> list[str]:
    """The lines of ``text`` that read as English."""
    return [
        line.strip()
        for line in text.splitlines()
        if len({word.lower() for word in WORD.findall(line)} & ENGLISH_ONLY) >= 2
    ]


def without(text: str, parts) -> str:
    for part in sorted(parts, key=len, reverse=True):
        text = text.replace(part, "\n")
    return text


def english_in(text: str, *, typed=(), translated=()) -> list[str]:
    """Everything English in ``text``, each with what was found: the
    interface's English, the English of the content in ``translated``, and
    English sentences. The texts in ``typed`` (what members wrote) are taken
    out first."""
    text = without(text, typed)
    found = []
    for source in english_sources():
        match = source.pattern.search(text)
        if match:
            found.append(f"interface text {source.english!r} (as {match[0]!r})")
    for english in translated:
        if re.search(rf"(?<!\w){re.escape(english)}(?!\w)", text, re.IGNORECASE):
            found.append(f"content in English: {english!r}")
    for sentence in english_sentences(text):
        found.append(f"an English sentence: {sentence[:120]!r}")
    return found


def page_text(tab) -> tuple[str, str]:
    """(the language the page says it is in, all its text in Danish or no
    language)."""
    result = tab.evaluate(PAGE_TEXT_SCRIPT)
    return result["lang"], result["text"]
