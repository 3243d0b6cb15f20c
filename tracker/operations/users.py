"""Accounts. Every account is a Person, created with it when it has none yet."""

from flask_babel import gettext as _
from sqlalchemy import func

from tracker.emails import checked_email
from tracker.extensions import db
from tracker.models import Person, User
from tracker.models.enums import Role
from tracker.operations.errors import OperationError
from tracker.operations.history import record_audit

MIN_PASSWORD_LENGTH = 10


def create_user(
    email: str,
    password: str,
    role: Role | str,
    name: str | None = None,
    person: Person | None = None,
    actor: User | None = None,
) -> User:
    email = checked_email(email)
    if db.session.scalar(db.select(User.id).where(func.lower(User.email) == email)):
        raise OperationError(_("Ya existe una cuenta con ese correo."), "email")
    if len(password) < MIN_PASSWORD_LENGTH:
        raise OperationError(
            _("La contraseña debe tener al menos %(n)d caracteres.", n=MIN_PASSWORD_LENGTH),
            "password",
        )
    if person is None:
        person = db.session.scalar(db.select(Person).where(func.lower(Person.email) == email))
    if person is None:
        person = Person(name=name or email.split("@")[0], email=email)
        db.session.add(person)
    elif person.user is not None:
        raise OperationError(_("Esa persona ya tiene una cuenta."), "person")
    user = User(email=email, role=Role(role), person=person)
    user.set_password(password)
    db.session.add(user)
    db.session.flush()
    record_audit(user, actor, "created", {"email": [None, email], "role": [None, user.role.value]})
    return user


def set_role(user: User, role: Role, actor: User) -> None:
    if user.role != role:
        record_audit(user, actor, "updated", {"role": [user.role.value, role.value]})
        user.role = role
        db.session.flush()
