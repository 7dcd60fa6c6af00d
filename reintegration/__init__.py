"""reintegration: case management for people back in the community after prison."""

from collections.abc import Mapping
from pathlib import Path

from flask import Flask

from reintegration.config import (
    check_production_settings,
    config_for,
    default_sqlite_url,
    settings_from_environment,
)
from reintegration.core.files import private_folder, private_sqlite_file

PACKAGE_DIR = Path(__file__).resolve().parent


def resource_dir(name: str) -> Path:
    """templates/, static/ and migrations/ stand beside the package in a checkout and are
    shipped inside it (reintegration/_shipped/) by a wheel."""
    beside = PACKAGE_DIR.parent / name
    return beside if beside.is_dir() else PACKAGE_DIR / "_shipped" / name


def create_app(config: str | Mapping | None = None) -> Flask:
    """Build the application.

    ``config`` is a mode name ("development", "testing", "production") or a mapping of
    settings applied over the mode chosen by REINTEGRATION_ENV (or the mapping's ``MODE``);
    its ``INSTANCE_PATH`` moves the instance folder (tests keep theirs in a temporary one).
    """
    overrides = dict(config) if isinstance(config, Mapping) else {}
    mode = config if isinstance(config, str) else overrides.get("MODE")
    app = Flask(
        __name__,
        template_folder=str(resource_dir("templates")),
        static_folder=str(resource_dir("static")),
        instance_path=overrides.pop("INSTANCE_PATH", None),
        instance_relative_config=True,
    )
    configure(app, mode, overrides)
    register_extensions(app)
    register_models()
    register_blueprints(app)
    register_errors(app)
    register_cli(app)
    register_jinja(app)
    register_notifications(app)
    register_deadline_recounts(app)
    return app


def configure(app: Flask, mode: str | None, overrides: dict) -> None:
    app.config.from_object(config_for(mode))
    app.config.update(settings_from_environment())
    app.config.update(overrides)
    if not app.config.get("SQLALCHEMY_DATABASE_URI"):
        private_folder(Path(app.instance_path))
        app.config["SQLALCHEMY_DATABASE_URI"] = default_sqlite_url(app.instance_path)
    private_sqlite_file(app.config["SQLALCHEMY_DATABASE_URI"])
    if app.config["MODE"] == "production":
        check_production_settings(app.config)


def register_extensions(app: Flask) -> None:
    from reintegration.core import i18n, security
    from reintegration.core.database import enable_sqlite_pragmas
    from reintegration.extensions import babel, csrf, db, limiter, login_manager, migrate

    db.init_app(app)
    with app.app_context():
        enable_sqlite_pragmas(db.engine)
    migrate.init_app(app, db, directory=str(resource_dir("migrations")))
    csrf.init_app(app)
    limiter.init_app(app)
    babel.init_app(app, locale_selector=i18n.select_locale, default_domain="messages")
    login_manager.init_app(app)
    security.init_app(app)
    from reintegration.accounts import auth

    auth.init_login_manager(login_manager)
    app.before_request(auth.send_to_password_change)


def register_models() -> None:
    """Every table in the metadata whatever the views import (Alembic's autogenerate reads
    the whole schema), and each domain's personal data declared beside its models
    (``<domain>/personal_data.py``, see core/personal_data.py), which the access report,
    anonymisation and tests/privacy/test_declarations.py read."""
    import reintegration.auditlog.personal_data
    import reintegration.casework.models
    import reintegration.casework.personal_data
    import reintegration.core.once
    import reintegration.employment.models
    import reintegration.employment.personal_data
    import reintegration.imports.personal_data
    import reintegration.loans.personal_data
    import reintegration.notifications.personal_data
    import reintegration.offline.models
    import reintegration.offline.personal_data
    import reintegration.people.personal_data
    import reintegration.privacy.models
    import reintegration.privacy.personal_data
    import reintegration.training.models
    import reintegration.training.personal_data  # noqa: F401


def register_blueprints(app: Flask) -> None:
    from reintegration.accounts.views import admin_bp as accounts_admin_bp
    from reintegration.accounts.views import auth_bp
    from reintegration.auditlog.views import bp as audit_bp
    from reintegration.calendar.views import bp as calendar_bp
    from reintegration.casework.views import bp as casework_bp
    from reintegration.casework.views.follow_up_rules import bp as follow_up_rules_bp
    from reintegration.casework.views.follow_ups import bp as follow_ups_bp
    from reintegration.core.views import bp as core_bp
    from reintegration.employment.views import bp as employment_bp
    from reintegration.geo.views import bp as geo_bp
    from reintegration.imports.views import bp as imports_bp
    from reintegration.loans.views import bp as loans_bp
    from reintegration.notifications.views import bp as notifications_bp
    from reintegration.offline import bp as offline_bp
    from reintegration.people.views import bp as people_bp
    from reintegration.privacy.views import bp as privacy_bp
    from reintegration.reports.views import bp as reports_bp
    from reintegration.training.views import bp as training_bp

    app.register_blueprint(core_bp)
    app.register_blueprint(auth_bp)
    app.register_blueprint(accounts_admin_bp)
    app.register_blueprint(audit_bp)
    app.register_blueprint(geo_bp)
    app.register_blueprint(calendar_bp)
    app.register_blueprint(people_bp)
    app.register_blueprint(notifications_bp)
    app.register_blueprint(loans_bp)
    app.register_blueprint(casework_bp)
    app.register_blueprint(follow_ups_bp)
    app.register_blueprint(follow_up_rules_bp)
    app.register_blueprint(reports_bp)
    app.register_blueprint(training_bp)
    app.register_blueprint(employment_bp)
    app.register_blueprint(imports_bp)
    app.register_blueprint(privacy_bp)
    app.register_blueprint(offline_bp)
    # The JSON API under /api/v1/, its document, and the API token pages.
    from reintegration.api import init_app as init_api

    init_api(app)


def register_errors(app: Flask) -> None:
    from reintegration.core.errors import register_error_handlers

    register_error_handlers(app)


def register_cli(app: Flask) -> None:
    from reintegration.accounts.cli import users_cli
    from reintegration.backups.cli import backup_cli
    from reintegration.calendar.cli import calendar_cli
    from reintegration.demo.cli import seed_demo_command
    from reintegration.geo.cli import geo_cli
    from reintegration.imports.cli import imports_cli
    from reintegration.scheduling.cli import scheduler_cli

    app.cli.add_command(users_cli)
    app.cli.add_command(geo_cli)
    app.cli.add_command(calendar_cli)
    app.cli.add_command(seed_demo_command)
    app.cli.add_command(scheduler_cli)
    app.cli.add_command(backup_cli)
    app.cli.add_command(imports_cli)


def register_notifications(app: Flask) -> None:
    """What e-mails may carry, known to every process from its start (the scheduler may
    send before it has built anything)."""
    from reintegration.notifications.services import register_attachment
    from reintegration.reports.services.delivery import report_pdf
    from reintegration.reports.services.notices import REPORT_PDF

    register_attachment(app, REPORT_PDF, report_pdf)


def register_deadline_recounts(app: Flask) -> None:
    """The working-day deadlines counted again when the calendar changes: arrivals (people),
    follow-ups on a new holiday (casework), the organisation's review and the bank's
    decision (loans); the calendar calls them without importing any of them."""
    from reintegration.calendar.services import DEADLINE_RECOUNTS
    from reintegration.casework.services.schedule import move_off_new_holidays
    from reintegration.loans.services.workflow import (
        recount_bank_deadlines,
        recount_review_deadlines,
    )
    from reintegration.people.services.registration import recount_arrival_deadlines

    app.extensions[DEADLINE_RECOUNTS] = (
        recount_arrival_deadlines,
        move_off_new_holidays,
        recount_review_deadlines,
        recount_bank_deadlines,
    )


def register_jinja(app: Flask) -> None:
    from reintegration.core import i18n, navigation
    from reintegration.menu import GROUPS, MENU
    from reintegration.people import case_sections

    i18n.register_filters(app)
    navigation.register(app, MENU, GROUPS)
    case_sections.init_app(app)
