"""The Danish catalogue is complete: every English string in the code and the
templates has a Danish translation that is neither empty nor fuzzy, and the
compiled catalogue that is committed (so a fresh machine needs no GNU gettext to
run the site) says the same as the source catalogue.

The strings are extracted the way ``manage.py makemessages`` does, into a copy
of the tree in a temporary folder, so a new English string cannot land without
its Danish translation. That needs GNU gettext (``make test`` installs it).
"""

import ast
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest

ROOT = Path(__file__).resolve().parents[2]
CATALOGUE = ROOT / "locale/da/LC_MESSAGES/django.po"
COMPILED = ROOT / "locale/da/LC_MESSAGES/django.mo"
SOURCES = ["community", "cms_pages", "config", "templates", "manage.py"]


@pytest.fixture(scope="module")
def extracted(tmp_path_factory) -> polib.POFile:
    if shutil.which("xgettext") is None or shutil.which("msgmerge") is None:
        pytest.fail("GNU gettext is missing: 'make test' installs it as root")
    tree = tmp_path_factory.mktemp("tree")
    for name in SOURCES:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, tree / name, ignore=shutil.ignore_patterns("*.pyc"))
        else:
            shutil.copy(source, tree / name)
    (tree / "locale/da/LC_MESSAGES").mkdir(parents=True)
    shutil.copy(CATALOGUE, tree / "locale/da/LC_MESSAGES/django.po")
    subprocess.run(
        [sys.executable, "manage.py", "makemessages", "-l", "da", "--no-obsolete"],
        cwd=tree,
        check=True,
        capture_output=True,
        env={"DJANGO_SETTINGS_MODULE": "config.settings.test", "PATH": "/usr/bin:/bin"}
        | {"PYTHONPATH": str(tree)},
    )
    return polib.pofile(str(tree / "locale/da/LC_MESSAGES/django.po"))


def _where(entry: polib.POEntry) -> str:
    places = ", ".join(f"{path}:{line}" for path, line in entry.occurrences[:3])
    return f"{entry.msgid[:70]!r} ({places})"


def test_every_english_string_has_a_danish_translation(extracted):
    missing = [_where(entry) for entry in extracted.untranslated_entries()]
    assert missing == [], "Untranslated:\n" + "\n".join(missing)


def test_no_danish_translation_is_fuzzy(extracted):
    """A changed English string makes its old Danish fuzzy: translate it again."""
    fuzzy = [_where(entry) for entry in extracted.fuzzy_entries()]
    assert fuzzy == [], "Fuzzy (English changed):\n" + "\n".join(fuzzy)


def test_the_catalogue_holds_no_string_the_code_no_longer_has(extracted):
    current = {(e.msgctxt, e.msgid) for e in extracted if not e.obsolete}
    kept = {(e.msgctxt, e.msgid) for e in polib.pofile(str(CATALOGUE)) if e.msgid}
    assert sorted(kept - current, key=str) == []


def test_the_compiled_catalogue_matches_its_source():
    source = {
        (e.msgctxt, e.msgid): e.msgstr or e.msgstr_plural
        for e in polib.pofile(str(CATALOGUE))
        if e.msgid and e.translated() and "fuzzy" not in e.flags
    }
    compiled = {
        (e.msgctxt, e.msgid): e.msgstr or e.msgstr_plural
        for e in polib.mofile(str(COMPILED))
        if e.msgid
    }
    assert compiled == source, (
        "Run: .venv/bin/python manage.py compilemessages -l da --ignore=.venv"
    )


# The names xgettext looks for (makemessages' keywords): a string passed to a
# translation function under any other name is never extracted, so it would stay
# English on the Danish pages with no test noticing.
EXTRACTED_NAMES = {
    "_", "gettext", "gettext_lazy", "gettext_noop", "ngettext", "ngettext_lazy",
    "pgettext", "pgettext_lazy", "npgettext", "npgettext_lazy",
}  # fmt: skip


def test_translation_functions_are_imported_under_names_makemessages_reads():
    renamed = []
    for name in ("community", "cms_pages", "config"):
        for path in sorted((ROOT / name).rglob("*.py")):
            tree = ast.parse(path.read_text(), filename=str(path))
            for node in ast.walk(tree):
                if isinstance(node, ast.ImportFrom) and node.module in {
                    "django.utils.translation",
                    "django.utils.translation.trans_real",
                }:
                    renamed += [
                        f"{path.relative_to(ROOT)}:{node.lineno} {alias.name} as "
                        f"{alias.asname}"
                        for alias in node.names
                        if alias.asname and alias.asname not in EXTRACTED_NAMES
                    ]
    assert renamed == [], "Never extracted:\n" + "\n".join(renamed)
