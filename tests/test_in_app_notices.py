"""In-app notices of follow-ups, as their readers see them on /novedades: assigned to you, a
comment on what you own or follow, an @mention, a followed follow-up's change; one notice per
reader per change, never to whoever made it, none for what was rolled back; the profile's
"also by mail" choice; and no statement per item when a bulk change tells its owners."""

from datetime import date, timedelta

import pytest
from sqlalchemy import event, select

from tracker.clock import local_today
from tracker.models import AuditEvent, FollowUp, FollowUpWatcher, UserNotice
from tracker.models.enums import FollowUpStatus, Role
from tracker.operations import followups as ops
from tracker.operations.bulk import BulkAction, BulkChange, apply_bulk
from tracker.operations.user_notices import write_announced


@pytest.fixture
def coordinator(make):
    return make.user(Role.COORDINATOR, name="Carla Coordinadora", email="carla@example.org")


@pytest.fixture
def berta(make):
    return make.user(Role.MEMBER, name="Berta Núñez Solís", email="bnunez@example.org")


def logged_in(app, user):
    client = app.test_client()
    client.login(user)
    return client


def notices_of(db, user) -> list[UserNotice]:
    return db.session.scalars(
        select(UserNotice).filter_by(user_id=user.id).order_by(UserNotice.id)
    ).all()


def bell(client) -> str:
    return client.get("/novedades/").get_data(as_text=True)


def watcher_ids(db, followup) -> set[int]:
    return set(
        db.session.scalars(select(FollowUpWatcher.user_id).filter_by(followup_id=followup.id))
    )


def test_assigned_by_someone_else_is_told_and_follows_it(app, db, make, coordinator, berta):
    client = logged_in(app, coordinator)
    response = client.submit(
        "/seguimientos/nuevo",
        {"kind": "task", "title": "Enviar la nota verbal", "owner": berta.person_id,
         "priority": "normal"},
    )  # fmt: skip
    assert response.status_code == 302
    followup = db.session.scalars(select(FollowUp)).one()
    assert notices_of(db, coordinator) == []  # never told of one's own change
    (notice,) = notices_of(db, berta)
    assert notice.kind == "followup_assigned"
    assert watcher_ids(db, followup) == {berta.id}

    reader = logged_in(app, berta)
    assert "Carla Coordinadora le asignó «Enviar la nota verbal»." in bell(reader)
    assert '<span class="badge count" aria-label="1 sin leer">1</span>' in bell(reader)
    opened = reader.get(f"/novedades/{notice.id}")
    assert opened.headers["Location"] == f"/seguimientos/{followup.id}"
    assert 'aria-label="1 sin leer"' not in bell(reader)


def test_assigning_oneself_tells_nobody(app, db, make, berta):
    client = logged_in(app, berta)
    client.submit(
        "/seguimientos/nuevo",
        {"kind": "task", "title": "Lo mío", "owner": berta.person_id, "priority": "normal"},
    )
    assert db.session.scalars(select(UserNotice)).all() == []


def test_an_owner_without_an_account_or_disabled_gets_no_notice(db, make, coordinator):
    ops.create_followup(coordinator, title="Sin cuenta", owner=make.person())
    disabled = make.user(Role.MEMBER)
    disabled.is_enabled = False
    ops.create_followup(coordinator, title="Desactivada", owner=disabled.person)
    db.session.commit()
    assert db.session.scalars(select(UserNotice)).all() == []


def test_a_new_owner_is_told_and_the_old_one_who_follows_sees_the_change(
    app, db, make, coordinator, berta
):
    ana = make.user(Role.MEMBER, name="Ana Mora")
    followup = make.followup(owner=ana.person, actor=coordinator, title="Agenda del foro")
    client = logged_in(app, coordinator)
    response = client.submit(
        f"/seguimientos/{followup.id}/editar",
        {"kind": "task", "title": "Agenda del foro", "owner": berta.person_id,
         "priority": "normal", "version": str(followup.version)},
    )  # fmt: skip
    assert response.status_code == 302
    assert [n.kind for n in notices_of(db, berta)] == ["followup_assigned"]
    assert [n.kind for n in notices_of(db, ana)] == ["followup_assigned", "followup_changed"]
    text = bell(logged_in(app, ana))
    assert (
        "Carla Coordinadora cambió «Agenda del foro»: responsable: Ana Mora → Berta Núñez Solís"
        in text
    )


def test_a_comment_reaches_the_owner_and_makes_the_author_a_follower(
    app, db, make, coordinator, berta
):
    followup = make.followup(owner=berta.person, title="Informe al ministerio")
    client = logged_in(app, coordinator)
    client.submit(f"/seguimientos/{followup.id}/comentar", {"text": "¿Cómo va esto?"})
    # Made by the system (an import), so she was told it is hers, then of the comment.
    assert [n.kind for n in notices_of(db, berta)] == ["followup_assigned", "followup_comment"]
    assert "Carla Coordinadora comentó «Informe al ministerio»: ¿Cómo va esto?" in bell(
        logged_in(app, berta)
    )
    assert coordinator.id in watcher_ids(db, followup)
    # The owner answers: the coordinator follows it now, so she is told; the owner is not.
    ops.add_comment(followup, berta, "Listo mañana.")
    db.session.commit()
    assert [n.kind for n in notices_of(db, coordinator)] == ["followup_comment"]
    assert len(notices_of(db, berta)) == 2


@pytest.mark.parametrize(
    "text",
    [
        "@bnunez ¿lo revisa?",  # the e-mail's first part
        "Gracias, @BNUNEZ.",  # case, and a full stop after it
        "@berta ¿lo revisa?",  # a word of her name, accent-free
        "@núñez ¿lo revisa?",  # another word, with accents
        "@BertaNuñezSolis, mire esto",  # the whole name without spaces
    ],
)
def test_a_mention_tells_the_person_named(db, make, coordinator, berta, text):
    followup = make.followup(title="Convenio")
    ops.add_comment(followup, coordinator, text)
    db.session.commit()
    (notice,) = notices_of(db, berta)
    assert notice.kind == "followup_mention"
    assert notice.item_id == followup.id


@pytest.mark.parametrize(
    "text",
    [
        "@nadie sabe",  # nobody by that name
        "@maria ¿lo ve?",  # two Marías: ambiguous, nobody is told
        "escriba a bnunez@example.org",  # an address, not a mention
        "sin menciones",
    ],
)
def test_an_unknown_or_ambiguous_mention_tells_nobody(db, make, coordinator, berta, text):
    make.user(Role.MEMBER, name="María Rojas")
    make.user(Role.MEMBER, name="María Vargas")
    followup = make.followup(title="Convenio")
    ops.add_comment(followup, coordinator, text)
    db.session.commit()
    assert db.session.scalars(select(UserNotice)).all() == []


def test_an_owner_who_follows_and_is_mentioned_gets_one_notice(app, db, make, coordinator, berta):
    followup = make.followup(owner=berta.person, actor=coordinator, title="Viaje a Lima")
    assert berta.id in watcher_ids(db, followup)  # assigned, so following
    ops.add_comment(followup, coordinator, "@bnunez @bnunez ¿tiene los pasajes?")
    db.session.commit()
    assert [n.kind for n in notices_of(db, berta)] == ["followup_assigned", "followup_mention"]
    text = bell(logged_in(app, berta))
    assert (
        "Carla Coordinadora le mencionó en «Viaje a Lima»: @bnunez @bnunez ¿tiene los pasajes?"
        in text
    )


def test_followers_are_told_of_status_and_due_date_not_of_a_new_title(
    app, db, make, coordinator, berta
):
    followup = make.followup(title="Carta de intención", due_on=date(2026, 12, 1))
    db.session.add(FollowUpWatcher(followup_id=followup.id, user_id=berta.id))
    db.session.commit()
    ops.change_status(followup, coordinator, FollowUpStatus.IN_PROGRESS, local_today())
    ops.reschedule(followup, coordinator, date(2026, 12, 15), "La embajada pidió más tiempo")
    ops.update_followup(followup, coordinator, title="Carta de intención firmada")
    db.session.commit()
    assert [n.kind for n in notices_of(db, berta)] == ["followup_changed"] * 2
    text = bell(logged_in(app, berta))
    assert "Carla Coordinadora cambió «Carta de intención»: estado: Abierto → En curso" in text
    assert (
        "cambió «Carta de intención»: fecha límite: 1 dic 2026 → 15 dic 2026 "
        "(La embajada pidió más tiempo)" in text
    )


def test_a_change_from_a_mail_link_names_no_one(app, db, make, berta):
    followup = make.followup(title="Minuta")
    db.session.add(FollowUpWatcher(followup_id=followup.id, user_id=berta.id))
    db.session.commit()
    ops.change_status(followup, None, FollowUpStatus.DONE, local_today())
    db.session.commit()
    assert "«Minuta» cambió: estado: Abierto → Cumplido" in bell(logged_in(app, berta))


def test_a_rolled_back_change_tells_nobody(db, make, coordinator, berta):
    followup = make.followup(owner=berta.person, actor=berta, title="Nada")
    ops.add_comment(followup, coordinator, "no llega")
    db.session.rollback()
    db.session.commit()
    assert notices_of(db, berta) == []


def test_bulk_items_refused_in_their_savepoint_tell_nobody(db, make, coordinator, berta):
    open_one = make.followup(owner=berta.person, actor=berta, title="Abierto")
    done = make.followup(owner=berta.person, actor=berta, title="Ya cumplido")
    ops.change_status(done, berta, FollowUpStatus.DONE, local_today())
    db.session.commit()
    change = BulkChange(BulkAction.RESCHEDULE, due_on=local_today() + timedelta(30), reason="r")
    result = apply_bulk([open_one, done], change, coordinator, local_today())
    db.session.commit()
    assert [f.id for f in result.changed] == [open_one.id]
    assert [(n.kind, n.item_id) for n in notices_of(db, berta)] == [
        ("followup_changed", open_one.id)
    ]


def test_mark_one_read_and_all_read(app, db, make, coordinator, berta):
    for n in range(3):
        make.followup(owner=berta.person, actor=coordinator, title=f"Tarea {n}")
    first = notices_of(db, berta)[0]
    client = logged_in(app, berta)
    assert 'aria-label="3 sin leer"' in bell(client)
    client.submit(f"/novedades/{first.id}/leida")
    assert 'aria-label="2 sin leer"' in bell(client)
    client.submit("/novedades/leidas")
    page = bell(client)
    assert "sin leer" not in page
    assert "Carla Coordinadora le asignó «Tarea 2»." in page  # read, still listed
    other = logged_in(app, coordinator)
    assert other.submit(f"/novedades/{first.id}/leida").status_code == 404


def test_the_profile_keeps_the_mail_choice_in_the_history(app, db, make, berta):
    client = logged_in(app, berta)
    page = client.get("/perfil").get_data(as_text=True)
    assert "Recibir estas novedades también en el correo diario" in page
    response = client.submit(
        "/perfil", {"language": "es", "wants_due_soon": "1", "notices_by_mail": "y"}
    )
    assert response.status_code == 302
    db.session.refresh(berta)
    assert berta.notices_by_mail is True
    assert (
        '<input checked id="notices_by_mail" name="notices_by_mail" type="checkbox" value="y">'
        in client.get("/perfil").get_data(as_text=True)
    )
    client.submit("/perfil", {"language": "es", "wants_due_soon": "1"})
    db.session.refresh(berta)
    assert berta.notices_by_mail is False
    audits = db.session.scalars(
        select(AuditEvent)
        .filter_by(entity_type="users", entity_id=berta.id, action="updated")
        .order_by(AuditEvent.id)
    ).all()
    assert [a.changes for a in audits] == [
        {"notices_by_mail": ["False", "True"]},
        {"notices_by_mail": ["True", "False"]},
    ]


def _statements_writing(db, count: int, make, coordinator) -> tuple[int, int]:
    """(statements, notices) of writing the notices of a bulk owner change of `count` items
    that each have a follower; the items' own changes are flushed before counting."""
    people = [make.user(Role.MEMBER) for _ in range(3)]
    items = [
        FollowUp(title=f"Ítem {n}", owner_id=people[n % 3].person_id, status=FollowUpStatus.OPEN)
        for n in range(count)
    ]
    db.session.add_all(items)
    db.session.flush()
    db.session.add_all(
        FollowUpWatcher(followup_id=item.id, user_id=people[(n + 1) % 3].id)
        for n, item in enumerate(items)
    )
    db.session.commit()
    new_owner = make.user(Role.MEMBER).person
    for item in items:
        ops.update_followup(item, coordinator, owner=new_owner)
    db.session.flush()
    statements = []

    def count_statement(*_args):
        statements.append(1)

    event.listen(db.engine, "before_cursor_execute", count_statement)
    try:
        written = write_announced(db.session())
    finally:
        event.remove(db.engine, "before_cursor_execute", count_statement)
    db.session.commit()
    return len(statements), written


def test_telling_500_owners_takes_the_same_statements_as_telling_10(db, make, coordinator):
    few, few_notices = _statements_writing(db, 10, make, coordinator)
    many, many_notices = _statements_writing(db, 500, make, coordinator)
    # Each item: its new owner (assigned) and its follower (changed).
    assert (few_notices, many_notices) == (20, 1000)
    assert many == few
    # Owners' accounts, watchers, notices, new watchers, and who of the readers wants them
    # by mail too.
    assert many <= 5


def test_a_bulk_owner_change_through_the_list_tells_each_new_owner(
    app, db, make, coordinator, berta
):
    items = [make.followup(title=f"Lote {n}") for n in range(5)]
    client = logged_in(app, coordinator)
    response = client.submit(
        "/seguimientos/lote",
        {"bulk-ids": [str(f.id) for f in items], "bulk-action": "owner",
         "bulk-owner": str(berta.person_id)},
    )  # fmt: skip
    assert response.status_code == 302
    assert sorted(n.item_id for n in notices_of(db, berta)) == sorted(f.id for f in items)
    assert all(n.kind == "followup_assigned" for n in notices_of(db, berta))


def test_an_import_tells_the_owner_with_an_account_once_per_follow_up(runner, db, make):
    from tracker.demo import REPORT_SEED

    marcela = make.user(Role.MEMBER, name="Marcela Guerrero Campos")
    result = runner.invoke(args=["import", str(REPORT_SEED)])
    assert result.exit_code == 0, result.output
    owned = db.session.scalars(
        select(FollowUp.id).filter_by(owner_id=marcela.person_id).order_by(FollowUp.id)
    ).all()
    assert owned  # the importer found her by name
    notices = notices_of(db, marcela)
    assert [(n.kind, n.item_id) for n in notices] == [("followup_assigned", i) for i in owned]
    assert all(n.details["actor"] == "" for n in notices)  # the command line: nobody


def test_assigned_and_closed_in_one_save_is_one_notice(db, make, coordinator, berta):
    followup = ops.create_followup(coordinator, title="Ya hecho", owner=berta.person)
    ops.change_status(followup, coordinator, FollowUpStatus.DONE, local_today())
    db.session.commit()
    assert [n.kind for n in notices_of(db, berta)] == ["followup_assigned"]
    ops.change_status(followup, coordinator, FollowUpStatus.OPEN, local_today())
    db.session.commit()
    assert [n.kind for n in notices_of(db, berta)] == ["followup_assigned", "followup_changed"]


def test_a_notice_is_worded_when_read_in_the_readers_language(app, db, make, coordinator, berta):
    followup = make.followup(title="Carta", due_on=date(2026, 12, 1))
    db.session.add(FollowUpWatcher(followup_id=followup.id, user_id=berta.id))
    db.session.commit()
    ops.change_status(followup, coordinator, FollowUpStatus.IN_PROGRESS, local_today())
    db.session.commit()
    client = logged_in(app, berta)
    assert "estado: Abierto → En curso" in bell(client)
    client.get("/idioma/en")
    page = bell(client)
    # The same notice, stored once, read in English: the labels come from the catalog.
    assert "Open → In progress" in page
    assert "Abierto" not in page


def _bulk_statements(db, make, coordinator, with_readers: bool) -> int:
    """Statements of a 200-item status change through apply_bulk, committed."""
    owners = [make.user(Role.MEMBER).person if with_readers else make.person() for _ in range(4)]
    items = [make.followup(owner=owners[n % 4], actor=coordinator) for n in range(200)]
    if with_readers:
        follower = make.user(Role.MEMBER)
        db.session.add_all(FollowUpWatcher(followup_id=f.id, user_id=follower.id) for f in items)
    db.session.commit()
    items = db.session.scalars(select(FollowUp).where(FollowUp.id.in_([f.id for f in items])))
    items = list(items)
    statements = []

    def count_statement(*_args):
        statements.append(1)

    event.listen(db.engine, "before_cursor_execute", count_statement)
    try:
        change = BulkChange(BulkAction.STATUS, status=FollowUpStatus.IN_PROGRESS)
        apply_bulk(items, change, coordinator, local_today())
        db.session.commit()
    finally:
        event.remove(db.engine, "before_cursor_execute", count_statement)
    return len(statements)


def test_a_200_item_bulk_change_that_tells_400_readers_costs_five_statements_more(
    db, make, coordinator
):
    silent = _bulk_statements(db, make, coordinator, with_readers=False)
    told = _bulk_statements(db, make, coordinator, with_readers=True)
    notices = db.session.scalars(select(UserNotice).filter_by(kind="followup_changed")).all()
    assert len(notices) == 400  # each item's owner and its follower
    print(f"bulk of 200: {silent} statements telling nobody, {told} telling 400")
    assert told - silent <= 5  # as in test_telling_500_owners_…
