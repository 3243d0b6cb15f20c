"""`tracker reminders run` and `tracker scheduler` (each imports the jobs when it runs)."""

import json
import signal
from datetime import date

import click
from flask import current_app
from flask.cli import with_appcontext

reminders = click.Group("reminders", help="Plan and send the reminder mails.")


@reminders.command("run")
@click.option(
    "--today",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    default=None,
    help="Plan for this day (YYYY-MM-DD) instead of today in TRACKER_TIMEZONE.",
)
@click.option("--dry-run", is_flag=True, help="Only plan: write nothing, send nothing.")
@click.option("--json", "as_json", is_flag=True, help="Print the planned notices as JSON.")
@with_appcontext
def run_command(today, dry_run: bool, as_json: bool) -> None:
    """Plan, enqueue and deliver the reminders of one day.

    Ends with `planned=N enqueued=N sent=N failed=N`, counted in outbox rows (one per item,
    rule, slot and recipient, copies included; a recipient gets them in one mail). Running it
    again for the same day enqueues and sends nothing new. With --dry-run, one line per
    recipient first: who would get a mail, in which language, how many lines per section.
    """
    from jobs.run import run_reminders

    day: date | None = today.date() if today else None
    result = run_reminders(day, dry_run=dry_run)
    if as_json:
        click.echo(json.dumps([n.as_json() for n in result.notices], ensure_ascii=False, indent=2))
    else:
        if dry_run:
            for line in recipient_lines(result.notices, result.today):
                click.echo(line)
        if result.delivery is not None and result.delivery.suppressed:
            click.echo("mail is suppressed (MAIL_SUPPRESS_SEND): reminders wait in the outbox")
        click.echo(result.summary())


#: How the dry run names the digest's sections (jobs.preview.SECTIONS, in that order).
SECTION_WORDS = {
    "overdue": "vencidos",
    "soon": "por vencer",
    "reports": "informes",
    "projects": "proyectos",
    "news": "novedades",
}


def recipient_lines(notices, today: date) -> list[str]:
    """`Ana Pérez <ana@…> (es): vencidos=2 por vencer=1 …`, one per recipient, read-only."""
    from jobs.preview import SECTIONS, preview
    from tracker.models.base import utcnow

    lines = []
    for entry in preview(notices, today, utcnow()):
        who = entry.email if entry.name == entry.email else f"{entry.name} <{entry.email}>"
        counts = " ".join(f"{SECTION_WORDS[name]}={entry.count(name)}" for name in SECTIONS)
        lines.append(f"{who} ({entry.language}): {counts}")
    return lines


@click.command("scheduler")
@with_appcontext
def scheduler_command() -> None:
    """Run the scheduled jobs in the foreground (production: one such process).

    A second one started by mistake, or as a standby, stays idle while the first holds the
    lease in the database, and takes over if the first stops.
    """
    from jobs.scheduler import JOBS, JobRunner, build_scheduler

    app = current_app._get_current_object()
    runner = JobRunner(app)
    scheduler = build_scheduler(app, runner, blocking=True)

    def stop(signum, frame) -> None:
        scheduler.shutdown(wait=False)

    signal.signal(signal.SIGTERM, stop)
    click.echo(f"scheduler {runner.holder}: " + ", ".join(job.id for job in JOBS))
    try:
        scheduler.start()
    except KeyboardInterrupt:
        pass
    finally:
        if scheduler.running:
            scheduler.shutdown(wait=False)
        runner.release()
        click.echo("scheduler stopped")
