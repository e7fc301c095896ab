import time

from django.core.management.base import BaseCommand, CommandError
from django.db import close_old_connections

from community.jobs import JOBS, jobs_run


class Command(BaseCommand):
    help = (
        "Run the scheduled jobs (community/jobs.py) once, or every N seconds "
        "with --every. Safe to run twice at once."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--every",
            type=int,
            default=0,
            metavar="SECONDS",
            help="Keep running, starting a round every SECONDS (default: once).",
        )
        parser.add_argument(
            "--job",
            action="append",
            dest="jobs",
            choices=[job.name for job in JOBS],
            help="Run only this job (may be repeated).",
        )

    def handle(self, *args, every: int, jobs: list[str] | None, **options):
        if every < 0:
            raise CommandError("--every must be 0 (once) or more seconds.")
        while True:
            started = time.monotonic()
            done = jobs_run(jobs)
            if options["verbosity"] > 1 or not every:
                for name, count in done.items():
                    self.stdout.write(f"{name}: {count}")
            if not every:
                return
            # A long-running process gives its connection back between rounds.
            close_old_connections()
            time.sleep(max(0.0, every - (time.monotonic() - started)))
