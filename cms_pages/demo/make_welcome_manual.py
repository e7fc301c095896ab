"""Build the demo welcome manual, ``assets/welcome-manual.pdf``.

The seed command uploads that PDF as the Wagtail document "Welcome manual"; this
script is how the committed file was produced, kept so it can be changed and
rebuilt. It needs fpdf2, which is *not* a project dependency (the site never
builds PDFs), so run it from a scratch virtualenv:

    python3 -m venv /tmp/pdfvenv && /tmp/pdfvenv/bin/pip install fpdf2
    /tmp/pdfvenv/bin/python cms_pages/demo/make_welcome_manual.py

It uses DejaVu Sans when Debian's fonts-dejavu is installed (for æ, ø, å and
typographic dashes) and falls back to the PDF core font otherwise.
"""

from __future__ import annotations

from pathlib import Path

from fpdf import FPDF

OUTPUT = Path(__file__).resolve().parent / "assets" / "welcome-manual.pdf"
FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")

SEA = (31, 78, 121)
INK = (33, 37, 41)
MUTED = (96, 104, 112)
SAND = (244, 238, 225)

# (heading, [(sub-heading or "", paragraph or bullet list)])
CHAPTERS: list[tuple[str, list[tuple[str, str | list[str]]]]] = [
    (
        "How the programme works",
        [
            (
                "",
                "Velkomst matches volunteer Danish hosts, often whole families, with "
                "international employees who have just moved to Denmark and the "
                "family that came with them. A pair meets once or twice a month: a "
                "walk, a meal, a trip to the museum. The newcomer gets a Danish "
                "network and help to understand everyday life; the host gets new "
                "friends, language practice and insight into another culture.",
            ),
            (
                "Five steps",
                [
                    "Partners: the programme runs together with companies, clubs, "
                    "a university, the municipality and associations.",
                    "Recruiting with clear expectations: hosts and newcomers say "
                    "what they hope for and how much time they can give.",
                    "One information channel: the website, a monthly welcome "
                    "meeting in English and a named contact person.",
                    "Activities: ideas from the start, and shared interests such "
                    "as sailing, running or cooking.",
                    "Follow-up: we ask every pair how it is going and re-match "
                    "when the chemistry is not there.",
                ],
            ),
            (
                "Being matched",
                "We match on age, professional background, leisure interests, "
                "where you live and the languages you speak. Before we introduce "
                "you, both sides agree on what to expect. After the first month "
                "and again after three months we ask each of you, separately, "
                "whether you want to go on.",
            ),
        ],
    ),
    (
        "Being a host",
        [
            (
                "Your role",
                "A host is a friend and a guide to everyday Denmark, not a "
                "case worker. You share your city, your traditions and your "
                "network. You are not expected to solve problems with tax, "
                "housing or residence permits: point the way to the authorities "
                "and to the programme coordinator instead.",
            ),
            (
                "Expected time",
                [
                    "One or two meetings a month, for at least six months.",
                    "A short message in between: how was the first week at school?",
                    "An introduction to one of your own activities: your club, "
                    "your choir, your family's Sunday lunch.",
                ],
            ),
            (
                "What hosts get",
                "Hosts tell us about new friendships, better English or German, "
                "and a fresh look at their own country. Many say it made them "
                "better at explaining what they mean at work, and more open to "
                "hearing what others mean.",
            ),
            (
                "Good first meetings",
                [
                    "Use the conversation wheel: each of you marks the main parts "
                    "of your life (family, work, friends, leisure) and you talk "
                    "about what matters most.",
                    "Cook together: a Danish dish first, then one from the "
                    "newcomer's country.",
                    "Keep the first outing short, free and easy to leave.",
                ],
            ),
        ],
    ),
    (
        "Your first weeks in Denmark",
        [
            (
                "",
                "Everything below exists in English. The International House or "
                "International Citizen Service in your city can help you with "
                "most of it in one visit.",
            ),
            (
                "Checklist",
                [
                    "Register your address and get a CPR number (personal "
                    "identification number). See lifeindenmark.borger.dk.",
                    "Get your yellow health insurance card and choose a doctor.",
                    "Create MitID, the digital ID used by banks and public "
                    "services (mitid.dk).",
                    "Get a tax card and check your preliminary income assessment "
                    "with the Danish Tax Agency (skat.dk).",
                    "Open a Danish bank account and register a NemKonto.",
                    "Find childcare or a school; ask about international schools.",
                    "Sign up for free Danish lessons at a language centre.",
                ],
            ),
            (
                "Useful addresses",
                [
                    "Life in Denmark: lifeindenmark.borger.dk",
                    "New to Denmark (SIRI): nyidanmark.dk",
                    "Work in Denmark: workindenmark.dk",
                    "Health: sundhed.dk",
                    "Public services: borger.dk",
                ],
            ),
        ],
    ),
    (
        "Events, help and contacts",
        [
            (
                "Welcome meetings",
                "Every month we hold a welcome meeting in English, usually on the "
                "first Tuesday from 17:00 to 19:00 at the main library. You hear "
                "about the practical challenges of the first months, meet other "
                "newcomers and hosts, and can ask the coordinator anything.",
            ),
            (
                "We write to you",
                "A web page alone is easy to miss, so we also e-mail every "
                "participant before each event. Reply to sign up.",
            ),
            (
                "Your contact person",
                [
                    "Mette Holm, programme coordinator",
                    "E-mail: mette.holm@velkomst.example",
                    "Phone: +45 12 34 56 78 (weekdays 9-15)",
                    "Speaks English, Danish and German",
                ],
            ),
            (
                "When it does not work",
                "Not every match works, and that is nobody's fault. Tell the "
                "coordinator; we will talk to each of you and find a new match.",
            ),
        ],
    ),
]


class Manual(FPDF):
    """An A4 booklet with a running footer."""

    font_family_name = "Helvetica"

    def footer(self) -> None:
        if self.page_no() == 1:
            return
        self.set_y(-15)
        self.set_font(self.font_family_name, size=9)
        self.set_text_color(*MUTED)
        self.cell(0, 10, f"Velkomst welcome manual  ·  page {self.page_no()}")


def register_fonts(pdf: Manual) -> None:
    regular, bold = FONT_DIR / "DejaVuSans.ttf", FONT_DIR / "DejaVuSans-Bold.ttf"
    if regular.exists() and bold.exists():
        pdf.add_font("DejaVu", "", str(regular))
        pdf.add_font("DejaVu", "B", str(bold))
        pdf.font_family_name = "DejaVu"


def cover(pdf: Manual) -> None:
    pdf.add_page()
    pdf.set_fill_color(*SAND)
    pdf.rect(0, 0, 210, 297, style="F")
    pdf.set_fill_color(*SEA)
    pdf.rect(0, 190, 210, 107, style="F")
    pdf.set_fill_color(242, 183, 5)
    pdf.ellipse(140, 40, 40, 40, style="F")
    pdf.set_xy(20, 100)
    pdf.set_text_color(*SEA)
    pdf.set_font(pdf.font_family_name, "B", 34)
    pdf.cell(0, 16, "Welcome to Denmark", new_x="LMARGIN", new_y="NEXT")
    pdf.set_x(20)
    pdf.set_font(pdf.font_family_name, "", 16)
    pdf.set_text_color(*INK)
    pdf.multi_cell(
        170,
        8,
        "The Velkomst welcome manual for newcomers and their Danish hosts",
    )
    pdf.set_xy(20, 210)
    pdf.set_text_color(255, 255, 255)
    pdf.set_font(pdf.font_family_name, "", 12)
    pdf.multi_cell(
        170,
        7,
        "Velkomst host programme\nDokk1, Hack Kampmanns Plads 2, 8000 Aarhus C\n"
        "mette.holm@velkomst.example  ·  +45 12 34 56 78\n\n"
        "A demo document: the people and addresses in it are examples.",
    )


def chapter(pdf: Manual, number: int, title: str, sections) -> None:
    pdf.add_page()
    pdf.set_text_color(*SEA)
    pdf.set_font(pdf.font_family_name, "B", 22)
    pdf.cell(0, 14, f"{number}. {title}", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)
    for subheading, content in sections:
        if subheading:
            pdf.set_text_color(*SEA)
            pdf.set_font(pdf.font_family_name, "B", 13)
            pdf.cell(0, 9, subheading, new_x="LMARGIN", new_y="NEXT")
        pdf.set_text_color(*INK)
        pdf.set_font(pdf.font_family_name, "", 11)
        if isinstance(content, str):
            pdf.multi_cell(0, 6, content, new_x="LMARGIN", new_y="NEXT")
        else:
            for item in content:
                pdf.set_x(pdf.l_margin + 4)
                pdf.multi_cell(0, 6, f"•  {item}", new_x="LMARGIN", new_y="NEXT")
                pdf.ln(1)
        pdf.ln(4)


def build(output: Path = OUTPUT) -> Path:
    pdf = Manual(format="A4")
    pdf.set_margins(20, 20, 20)
    pdf.set_auto_page_break(auto=True, margin=20)
    register_fonts(pdf)
    pdf.set_title("Welcome manual")
    pdf.set_author("Velkomst host programme")
    pdf.set_subject("Welcome information for newcomers and hosts")
    cover(pdf)
    for number, (title, sections) in enumerate(CHAPTERS, start=1):
        chapter(pdf, number, title, sections)
    pdf.output(str(output))
    return output


if __name__ == "__main__":
    path = build()
    print(f"Wrote {path} ({path.stat().st_size // 1024} KB)")
