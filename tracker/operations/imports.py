"""Turning a parsed form into records: the report or project, its follow-ups, its notes.

Idempotent by natural keys: the same form imported again finds its activity (name and start),
its report (activity and person), its project (name) and each follow-up (source, kind and
title), and creates only what is missing. An updated project sheet updates the project through
the ordinary operations, so every change lands in the project's history.
"""

import hashlib
from dataclasses import dataclass, field

from flask import current_app
from sqlalchemy import select

from tracker.clock import local_today
from tracker.extensions import db
from tracker.importers import MilestoneOffsets, ParsedProject, ParsedReport, milestones
from tracker.models import (
    Activity,
    Attachment,
    FollowUp,
    HandoverNote,
    Organization,
    ParticipationReport,
    Person,
    Project,
    User,
)
from tracker.models.enums import (
    ActivityKind,
    FollowUpKind,
    FollowUpStatus,
    InstitutionRole,
    OrganizationKind,
    ProjectStatus,
    ResultOutcome,
)
from tracker.operations import followups as followup_ops
from tracker.operations import reports as report_ops
from tracker.operations.activities import create_activity, series_named
from tracker.operations.attachments import store_attachment
from tracker.operations.history import record_audit
from tracker.operations.import_followups import (
    ResponsibleFinder,
    add_imported_items,
    match_key,
    rows_from_parsed,
)
from tracker.operations.projects import create_project, set_institution, update_project
from tracker.operations.report_items import ItemRow, title_and_description
from tracker.operations.upload_parsing import parse_file


@dataclass
class ImportResult:
    """What one import did, for the command line and the flash message."""

    kind: str
    record: object
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    #: What a coordinator should check (a stated responsible nobody knows…).
    warnings: list[str] = field(default_factory=list)

    @property
    def changed_anything(self) -> bool:
        return bool(self.created or self.updated)


class OrganizationMatcher:
    """Finds organizations by name or acronym, ignoring accents and case (one query)."""

    def __init__(self):
        self.by_key: dict[str, Organization] = {}
        for org in db.session.scalars(
            select(Organization).where(Organization.deleted_at.is_(None))
        ):
            self._remember(org)

    def _remember(self, org: Organization) -> None:
        self.by_key.setdefault(match_key(org.name), org)
        if org.acronym:
            self.by_key.setdefault(match_key(org.acronym), org)

    def get(
        self, name: str, acronym: str | None = None, country: str | None = None, actor=None
    ) -> Organization:
        for candidate in (acronym, name):
            org = self.by_key.get(match_key(candidate)) if candidate else None
            if org is not None and (
                not country or not org.country or match_key(org.country) == match_key(country)
            ):
                return org
        taken = match_key(name) in self.by_key
        unique_name = f"{name} ({country or acronym})" if taken else name
        org = Organization(
            name=unique_name[:200], acronym=acronym, country=country, kind=_guess_kind(name)
        )
        db.session.add(org)
        db.session.flush()
        record_audit(org, actor, "imported", {"name": [None, org.name]})
        self._remember(org)
        return org


def _same_country(known: str | None, given: str | None) -> bool:
    return not known or not given or match_key(known) == match_key(given)


def _guess_kind(name: str) -> OrganizationKind:
    key = match_key(name)
    if key.startswith("embajada"):
        return OrganizationKind.EMBASSY
    if "onu" in key.split() or "naciones unidas" in key or key.startswith(("pnud", "unicef")):
        return OrganizationKind.UN_AGENCY
    if key.startswith(("gobierno", "ministerio", "instituto", "secretaria")):
        return OrganizationKind.GOVERNMENT
    return OrganizationKind.OTHER


def own_organization() -> Organization | None:
    return db.session.scalar(select(Organization).filter_by(is_own=True).limit(1))


def _person_named(name: str, position: str | None, actor: User | None) -> Person:
    wanted = match_key(name)
    candidates = db.session.scalars(
        select(Person).where(
            Person.deleted_at.is_(None), Person.name.ilike(f"%{name.split()[-1]}%")
        )
    ).all()
    for person in candidates:
        if match_key(person.name) == wanted:
            return person
    person = Person(name=name[:200], position=(position or None) and position[:200])
    person.organization = own_organization()
    db.session.add(person)
    db.session.flush()
    record_audit(person, actor, "imported", {"name": [None, person.name]})
    return person


def read_items(parsed: ParsedReport) -> list[ItemRow]:
    """The report's commitments and actions as rows, with the deadlines and the known
    responsibles their text states (see tracker.operations.import_followups)."""
    return rows_from_parsed(parsed, ResponsibleFinder(OrganizationMatcher().by_key))


def _ensure_followups(
    existing: list[FollowUp],
    kind: FollowUpKind,
    texts: list[str],
    result: ImportResult,
    actor: User | None,
    **values,
) -> None:
    """Create a follow-up per text unless one of that kind and title is already there."""
    known = {(f.kind, match_key(f.title)) for f in existing}
    for text in texts:
        title, description = title_and_description(text)
        if (kind, match_key(title)) in known:
            continue
        followup = followup_ops.create_followup(
            actor, kind=kind, title=title, description=description, **values
        )
        existing.append(followup)
        known.add((kind, match_key(title)))
        result.created.append(f"{kind.value}: {title}")


def import_report(
    parsed: ParsedReport,
    actor: User | None,
    attachment: Attachment | None = None,
    rows: list[ItemRow] | None = None,
) -> ImportResult:
    """Create (or find) the activity, participant, report, follow-ups and handover notes.

    `rows` are the commitments and actions as a coordinator corrected them in the preview;
    without them (the command line) they are read from `parsed`, each with the deadline and
    the responsible its text states.
    """
    if not parsed.person.name or not parsed.activity.name or not parsed.activity.start_date:
        raise ValueError("a report needs the person's name, the activity's name and dates")
    start = parsed.activity.start_date
    end = parsed.activity.end_date or start
    matcher = OrganizationMatcher()
    activity = db.session.scalar(
        select(Activity).where(
            Activity.deleted_at.is_(None),
            Activity.start_on == start,
            Activity.name == parsed.activity.name[:300],
        )
    )
    result = ImportResult("participation_report", None)
    if activity is None:
        activity = create_activity(
            actor,
            name=parsed.activity.name[:300],
            series_name=parsed.activity.series,
            kind=ActivityKind(parsed.activity.kind or "other"),
            start_on=start,
            end_on=end,
            organizers=[matcher.get(name, actor=actor) for name in parsed.activity.organizers],
        )
        result.created.append(f"activity: {activity.name}")
    person = _person_named(parsed.person.name, parsed.person.position, actor)
    report = db.session.scalar(
        select(ParticipationReport).filter_by(activity_id=activity.id, person_id=person.id)
    )
    if report is None:
        report = report_ops.add_participant(activity, person, actor, parsed.report.role)
        report_ops.update_report(
            report,
            actor,
            contribution=parsed.report.contribution,
            motive=parsed.report.motive,
            achievements="\n".join(parsed.report.achievements) or None,
            lessons="\n".join(parsed.report.lessons) or None,
            comments=parsed.report.comments,
        )
        report_ops.submit_report(report, actor, notify=False)
        result.created.append(f"report: {person.name}")
    result.record = report
    if attachment is not None and attachment.report_id is None:
        attachment.report_id = report.id

    if rows is None:
        rows = read_items(parsed)
    existing = list(
        db.session.scalars(select(FollowUp).filter_by(report_id=report.id, deleted_at=None))
    )
    changes, warnings = add_imported_items(report, rows, actor, local_today(), existing)
    result.warnings.extend(warnings)
    result.created.extend(f"{f.kind.value}: {f.title}" for f in changes.created)

    series = activity.series or series_named(parsed.activity.series)
    if series is not None:
        activity.series = series
        db.session.flush()
        notes = select(HandoverNote.text).filter_by(series_id=series.id)
        known = {match_key(text) for text in db.session.scalars(notes)}
        for text in parsed.handover_notes:
            if match_key(text) not in known:
                db.session.add(HandoverNote(series=series, report=report, text=text))
                known.add(match_key(text))
                result.created.append(f"handover_note: {text[:60]}")
    db.session.flush()
    return result


def _project_values(parsed: ParsedProject) -> dict:
    return {
        "name": parsed.name[:300],
        "thematic_area": parsed.thematic_area,
        "country": parsed.country,
        "city": parsed.city,
        "beneficiaries": parsed.beneficiaries,
        "planned_start_on": parsed.start_date,
        "duration_months": parsed.duration_months,
        "status": ProjectStatus(parsed.status or "pipeline"),
        "general_objective": parsed.general_objective,
        "specific_objectives": "\n".join(parsed.specific_objectives) or None,
        "description": parsed.description,
        "information_updated_on": parsed.information_updated_on,
    }


def milestone_offsets() -> MilestoneOffsets:
    config = current_app.config
    return MilestoneOffsets(
        midterm_fraction=config["MILESTONE_MIDTERM_FRACTION"],
        final_report_days=config["MILESTONE_FINAL_REPORT_DAYS"],
    )


def import_project(
    parsed: ParsedProject,
    actor: User | None,
    attachment: Attachment | None = None,
    lead: Person | None = None,
) -> ImportResult:
    """Create the project from its sheet, or bring an existing one (same name) up to date."""
    if not parsed.name:
        raise ValueError("a project sheet needs the project's name")
    project = db.session.scalar(
        select(Project).where(Project.deleted_at.is_(None), Project.name == parsed.name[:300])
    )
    result = ImportResult("project_sheet", project)
    values = _project_values(parsed)
    if project is None:
        project = create_project(actor, sdgs=parsed.sdgs, lead=lead, **values)
        result.created.append(f"project: {project.name}")
    else:
        if lead is not None:
            values["lead"] = lead
        changes = update_project(project, actor, sdgs=parsed.sdgs, **values)
        result.updated.extend(f"project.{name}" for name in changes)
    result.record = project
    if attachment is not None and attachment.project_id is None:
        attachment.project_id = project.id

    matcher = OrganizationMatcher()
    for institution in parsed.institutions:
        org = matcher.get(institution.name, institution.acronym, institution.country, actor)
        before = {(i.organization_id, i.role) for i in project.institutions}
        set_institution(project, actor, org, InstitutionRole(institution.role))
        if {(i.organization_id, i.role) for i in project.institutions} != before:
            result.updated.append(f"institution: {org.name}")

    existing = list(
        db.session.scalars(select(FollowUp).filter_by(project_id=project.id, deleted_at=None))
    )
    lead_org = next(
        (i.organization for i in project.institutions if i.role == InstitutionRole.LEAD), None
    )
    common = {"owner": project.lead, "organization": lead_org, "project": project}
    # Expected results are outcomes to assess (not yet, partly, achieved), not tasks that fall
    # due at the project's end: no due date, so nothing counts them overdue or reminds them.
    _ensure_followups(
        existing,
        FollowUpKind.RESULT,
        parsed.results,
        result,
        actor,
        outcome=ResultOutcome.NOT_YET,
        **common,
    )
    _sync_milestones(parsed, existing, result, actor, common)
    db.session.flush()
    return result


def _sync_milestones(parsed, existing, result, actor, common) -> None:
    """Create the timeline's milestones; move the open ones when the sheet's dates moved."""
    planned = milestones(parsed, milestone_offsets())
    by_title = {match_key(f.title): f for f in existing if f.kind == FollowUpKind.MILESTONE}
    for milestone in planned:
        current = by_title.get(match_key(milestone.name))
        if current is None:
            followup = followup_ops.create_followup(
                actor,
                kind=FollowUpKind.MILESTONE,
                title=milestone.name,
                due_on=milestone.due_date,
                **common,
            )
            existing.append(followup)
            result.created.append(f"milestone: {milestone.name}")
            if milestone.due_date == parsed.start_date and parsed.status != "pipeline":
                # A sheet that says the project runs (or ran) says that it started.
                followup_ops.change_status(
                    followup, actor, FollowUpStatus.DONE, milestone.due_date, "Según la ficha"
                )
        elif current.is_open and current.due_on != milestone.due_date:
            followup_ops.reschedule(
                current, actor, milestone.due_date, "Ficha del proyecto actualizada"
            )
            result.updated.append(f"milestone: {milestone.name}")


def import_file(
    data: bytes, filename: str, actor: User | None, lead: Person | None = None
) -> ImportResult:
    """Parse, keep the original as an attachment, and import (nothing new for a known file)."""
    parsed = parse_file(data, filename)
    attachment = _known_attachment(data) or store_attachment(data, filename, actor)
    if isinstance(parsed, ParsedReport):
        return import_report(parsed, actor, attachment)
    return import_project(parsed, actor, attachment, lead=lead)


def _known_attachment(data: bytes) -> Attachment | None:
    """The stored copy of these exact bytes, when they were imported before."""
    digest = hashlib.sha256(data).hexdigest()
    return db.session.scalar(
        select(Attachment)
        .where(
            Attachment.sha256 == digest,
            (Attachment.report_id.is_not(None)) | (Attachment.project_id.is_not(None)),
        )
        .limit(1)
    )
