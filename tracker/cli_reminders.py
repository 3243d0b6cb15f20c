"""`tracker reminders run` and `tracker scheduler`."""

import json
import signal
from datetime import date

import click
from flask import Flask, current_app
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
    again for the same day enqueues and sends nothing new.
    """
    from jobs.run import run_reminders

    day: date | None = today.date() if today else None
    result = run_reminders(day, dry_run=dry_run)
    if as_json:
        click.echo(json.dumps([n.as_json() for n in result.notices], ensure_ascii=False, indent=2))
    else:
        if result.delivery is not None and result.delivery.suppressed:
            click.echo("mail is suppressed (MAIL_SUPPRESS_SEND): reminders wait in the outbox")
        click.echo(result.summary())


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


def register_reminder_commands(app: Flask) -> None:
    app.cli.add_command(reminders)
    app.cli.add_command(scheduler_command)
