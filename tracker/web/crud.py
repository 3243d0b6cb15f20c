"""The create/edit/delete flow that the plain records share."""

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from tracker.extensions import db
from tracker.forms.common import fill_record_choices
from tracker.forms.followups import ConfirmForm
from tracker.operations.records import create_record, delete_record, update_record
from tracker.web.helpers import commit_or_refuse


def save_record_form(form, model, record, fields, record_fields=()):
    """Validate `form` and create or update `record`; returns the saved record or None."""
    fill_record_choices(form)
    if record is not None and not form.is_submitted():
        for name in record_fields:
            form[name].data = getattr(record, f"{name}_id")
    if not form.validate_on_submit():
        return None
    # Empty strings become None; a checkbox's False stays False.
    values = {name: _value(form[name].data) for name in fields}
    values.update({name: form[name].record for name in record_fields})

    def save() -> None:
        nonlocal record
        if record is None:
            record = create_record(model, current_user, **values)
        else:
            update_record(record, current_user, **values)

    return record if commit_or_refuse(form, save) else None


def _value(data):
    return data if isinstance(data, bool) else (data or None)


def delete_view(record, index_endpoint: str, cancel_url: str):
    """Ask for confirmation; on POST soft-delete and go back to the list."""
    form = ConfirmForm()
    if form.validate_on_submit():
        delete_record(record, current_user, form.reason.data)
        db.session.commit()
        flash(_("Eliminado. La coordinación puede restaurarlo."), "success")
        return redirect(url_for(index_endpoint))
    return render_template("confirm_delete.html", form=form, record=record, cancel=cancel_url)
