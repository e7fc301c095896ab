"""``python manage.py seed_demo``: load the demo site once; later runs are no-ops.

``make run`` calls it on every start, so it must be quick when there is nothing
to do. The work lives in ``cms_pages.demo`` and ``community.demo`` so tests can
call it directly. It lives in the community app because it loads both (the CMS
never imports the community app).
"""

from django.core.management.base import BaseCommand

from cms_pages.demo import seed_demo_content
from cms_pages.demo.translate import translate_demo_content
from community.demo import seed_members
from community.demo.approvals import seed_waiting_hosts
from community.demo.members import summary_lines


class Command(BaseCommand):
    help = (
        "Create the English demo site (pages, activity ideas, events, images, the "
        "welcome manual, partners, site details and local accounts), about 60 "
        "demo members with requests and matches, and the Danish translations of "
        "the pages hosts read, if missing."
    )

    def handle(self, *args, **options) -> None:
        report = seed_demo_content()
        style = self.style.SUCCESS if report.created_anything else self.style.NOTICE
        self.stdout.write(style(report.summary()))

        members = seed_members()
        style = self.style.SUCCESS if members["created"] else self.style.NOTICE
        self.stdout.write(style("\n".join(summary_lines(members))))
        waiting = seed_waiting_hosts()
        if waiting:
            self.stdout.write(
                self.style.SUCCESS(
                    f"Hosts waiting for a coordinator's approval: {waiting}."
                )
            )

        # After the members: their sign-ups and programmes refer to the English
        # sources, of which these are translations.
        danish = translate_demo_content()
        if danish.created_anything:
            self.stdout.write(self.style.SUCCESS(danish.summary()))
