"""Small builders for StreamField data in Wagtail's raw JSON shape.

The demo texts in ``content.py`` are written with these, so they read like an
outline of the page. Images and documents are named by their demo key (e.g.
``"picnic"``); ``resolve`` swaps the keys for database ids when the seed runs.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from typing import Any

Block = dict[str, Any]


def _block(block_type: str, value: Any) -> Block:
    return {"type": block_type, "value": value}


def _items(values: list[Any]) -> list[Block]:
    """A ListBlock's items in Wagtail's block format (each its own id, given by
    ``resolve``), which translation tools need to tell the items apart."""
    return [{"type": "item", "value": value} for value in values]


def heading(text: str, level: str = "h2") -> Block:
    return _block("heading", {"text": text, "level": level})


def paragraph(html: str) -> Block:
    return _block("paragraph", html)


def callout(title: str, html: str, tone: str = "info") -> Block:
    return _block("callout", {"tone": tone, "title": title, "body": html})


def tip(title: str, html: str) -> Block:
    return callout(title, html, tone="tip")


def links(title: str, items: list[tuple[str, str, str]]) -> Block:
    return _block(
        "links",
        {
            "title": title,
            "links": _items(
                [
                    {"title": text, "url": url, "description": description}
                    for text, url, description in items
                ]
            ),
        },
    )


def steps(title: str, items: list[str]) -> Block:
    return _block("steps", {"title": title, "steps": _items(items)})


def faq(title: str, items: list[tuple[str, str]]) -> Block:
    return _block(
        "faq",
        {
            "title": title,
            "items": _items([{"question": q, "answer": a} for q, a in items]),
        },
    )


def image(key: str, alt_text: str, caption: str = "") -> Block:
    return _block("image", {"image": key, "alt_text": alt_text, "caption": caption})


def document(key: str, title: str = "", description: str = "") -> Block:
    return _block(
        "document", {"document": key, "title": title, "description": description}
    )


def resolve(
    blocks: list[Block], *, images: Mapping[str, int], documents: Mapping[str, int]
) -> list[Block]:
    """Return a copy of ``blocks`` with demo keys replaced by ids and a fresh
    block id on each block and list item (Wagtail uses these ids for revisions
    and comments, wagtail-localize for the segments it translates)."""
    resolved: list[Block] = []
    for block in blocks:
        value = block["value"]
        if block["type"] == "image":
            value = {**value, "image": images[value["image"]]}
        elif block["type"] == "document":
            value = {**value, "document": documents[value["document"]]}
        resolved.append(
            {"type": block["type"], "value": _with_item_ids(value), "id": _new_id()}
        )
    return resolved


def _new_id() -> str:
    return str(uuid.uuid4())


def _with_item_ids(value: Any) -> Any:
    if isinstance(value, dict):
        return {key: _with_item_ids(item) for key, item in value.items()}
    if isinstance(value, list):
        return [
            {**item, "value": _with_item_ids(item["value"]), "id": _new_id()}
            if isinstance(item, dict) and item.get("type") == "item"
            else _with_item_ids(item)
            for item in value
        ]
    return value
