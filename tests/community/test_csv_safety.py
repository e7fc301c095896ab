"""CSV downloads never hand a spreadsheet a formula: not as = + - @, not as a
look-alike that Unicode folds into one (NFKC), not behind spaces, tabs, line
breaks or invisible characters."""

import csv
import io

import pytest

from community.coordination.downloads import csv_download, csv_safe
from tests.factories import make_event, make_member

HOSTILE = [
    "=1+1",
    "+1+1",
    "-1+1",
    "@SUM(A1)",
    '=HYPERLINK("http://evil.example","click")',
    "\t=1+1",
    "\r=1+1",
    "\n=1+1",
    "\tplain text after a tab",
    " =1+1",
    "\u00a0=1+1",  # no-break space
    "\u3000＝1+1",  # ideographic space, full-width equals
    "\u200b=1+1",  # zero-width space
    "\ufeff=1+1",  # byte order mark
    "\u202e=1+1",  # right-to-left override
    "＝1+1",  # full-width
    "＋1+1",
    "－1+1",
    "＠SUM(A1)",
    "﹦1+1",  # small forms
    "﹢1+1",
    "﹣1+1",
    "﹫SUM(A1)",
    "⁼1+1",  # superscript and subscript
    "₌1+1",
    "⁺1+1",
    "⁻1+1",
    "−1+1",  # U+2212 minus sign
    "‐1+1",  # hyphen
    "–1+1",  # en dash
    "—1+1",  # em dash
    "➖1+1",  # heavy minus
    "➕1+1",  # heavy plus
    "⩵1",  # two equals signs in one character
    "=\u0338 1",  # = with a combining slash: NFKC makes it ≠, a spreadsheet sees =
    -5,
]

HARMLESS = [
    "Lucía Fernández",
    "Ørsted, Aarhus",
    "1+1",
    "a=b",
    "e-mail",
    "",
    "42",
    "2025-03-01",
    "≠ not a formula",
    "'already quoted",
]


@pytest.mark.parametrize("cell", HOSTILE, ids=ascii)
def test_a_cell_a_spreadsheet_could_run_is_kept_as_text(cell):
    assert csv_safe(cell) == "'" + str(cell)


@pytest.mark.parametrize("cell", HARMLESS, ids=ascii)
def test_an_ordinary_cell_is_left_alone(cell):
    assert csv_safe(cell) == cell


def test_the_download_writes_every_hostile_cell_as_text():
    response = csv_download(
        "members.csv", ["name", "note"], [[cell, "ok"] for cell in HOSTILE]
    )
    assert response["Content-Disposition"] == 'attachment; filename="members.csv"'
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0] == ["name", "note"]
    assert [row[0] for row in rows[1:]] == ["'" + str(cell) for cell in HOSTILE]
    assert all(row[1] == "ok" for row in rows[1:])


@pytest.mark.django_db
def test_the_event_sign_ups_download_keeps_a_full_width_formula_as_text(
    event_index, coordinator_client
):
    from community.services.events import event_signup

    event = make_event(event_index, title="Welcome meeting", capacity=5)
    member = make_member(role="host", display_name='＝HYPERLINK("evil")')
    event_signup(profile=member, event_id=event.pk, party_size=1)

    response = coordinator_client.get(f"/admin/community/events/{event.pk}/?format=csv")

    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[1][0] == '\'＝HYPERLINK("evil")'
