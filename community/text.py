"""What members type, tidied the same way in every form and the chat: the
invisible characters that hide or disguise text are dropped. Pure: no
models, no database."""

import re
import unicodedata

# Longer passwords are refused at sign-up and wherever one is asked for again.
MAX_PASSWORD_LENGTH = 4096

# Zero-width characters and bidi overrides (which show text reversed, or as
# something else). ZWJ and ZWNJ stay: Persian and Indic names and emoji
# sequences need them.
_HIDDEN = dict.fromkeys(
    [
        *map(ord, "\u200b\u2060\ufeff\u200e\u200f"),  # zero-width, LRM, RLM
        *range(0x202A, 0x202F),  # bidi embeddings and overrides
        *range(0x2066, 0x206A),  # bidi isolates
    ]
)


def without_hidden(text: str) -> str:
    """``text`` without zero-width characters and bidi controls."""
    return text.translate(_HIDDEN)


def is_visible(text: str) -> bool:
    """Whether ``text`` shows anything: a character that is not white space, a
    control or an invisible format character."""
    return any(unicodedata.category(char)[0] not in "CZ" for char in text)


_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+")
# Digits in groups, as phone numbers are written: "+45 12 34 56 78",
# "12345678", "(+45) 1234-5678".
_DIGIT_RUN = re.compile(r"\+?\(?\+?\d[\d().\- ]*\d")
_YEAR = re.compile(r"^(19|20)\d\d$")


def contact_details_in(text: str) -> bool:
    """Whether ``text`` holds an e-mail address or a phone number (eight
    digits or more in one run; a run of years such as "2010-2020" is not one)."""
    if _EMAIL.search(text):
        return True
    for run in _DIGIT_RUN.findall(text):
        groups = re.findall(r"\d+", run)
        if sum(map(len, groups)) < 8:
            continue
        if not run.startswith("+") and all(_YEAR.match(group) for group in groups):
            continue
        return True
    return False
