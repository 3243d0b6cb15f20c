"""Flask extensions, created unbound; `create_app` binds them (and Flask-Migrate's, which
only an app that may run migrations has)."""

from flask_babel import Babel
from flask_login import LoginManager
from flask_mail import Mail
from flask_sqlalchemy import SQLAlchemy
from flask_wtf import CSRFProtect

from tracker.models.base import Base

db = SQLAlchemy(model_class=Base)
mail = Mail()
login = LoginManager()
csrf = CSRFProtect()
babel = Babel()
