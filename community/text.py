"""What members type, tidied the same way in every form and the chat: the
invisible characters that hide or disguise text are dropped. Pure: no
models, no database."""

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
