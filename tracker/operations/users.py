"""Accounts. Every account is a Person, created with it when it has none yet."""

from flask_babel import gettext as _
from sqlalchemy import func

from tracker.emails import checked_email
from tracker.extensions import db
from tracker.models import Person, User
from tracker.models.enums import Role
from tracker.operations.errors import OperationError
from tracker.operations.history import apply_changes, record_audit

MIN_PASSWORD_LENGTH = 10


def create_user(
    email: str,
    password: str,
    role: Role | str,
    name: str | None = None,
    person: Person | None = None,
    actor: User | None = None,
) -> User:
    """A new account, with its person (found by email, or created)."""
    email = checked_email(email)
    if db.session.scalar(db.select(User.id).where(func.lower(User.email) == email)):
        raise OperationError(_("Ya existe una cuenta con ese correo."), "email")
    _check_new_password(password)
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


def _check_new_password(password: str) -> None:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise OperationError(
            _("La contraseña debe tener al menos %(n)d caracteres.", n=MIN_PASSWORD_LENGTH),
            "password",
        )


def update_account(
    user: User, role: Role, is_enabled: bool, new_password: str | None, actor: User
) -> bool:
    """An admin's change of role, enabled state or password; True when something changed.
    Any of them ends the account's open sessions (and remember-me cookies)."""
    if new_password:
        _check_new_password(new_password)
    changes = apply_changes(user, {"role": role, "is_enabled": is_enabled})
    if new_password:
        user.set_password(new_password)
        changes["password"] = ["***", "***"]
    if not changes:
        return False
    user.end_sessions()
    record_audit(user, actor, "updated", changes)
    db.session.flush()
    return True


def change_own_password(user: User, current_password: str, new_password: str) -> None:
    """The account holder's password change; every session of the account ends (the caller
    starts a new one for the browser that made the change)."""
    if not user.check_password(current_password):
        raise OperationError(_("La contraseña actual no es correcta."), "current_password")
    _check_new_password(new_password)
    user.set_password(new_password)
    user.end_sessions()
    record_audit(user, user, "updated", {"password": ["***", "***"]})
    db.session.flush()
