"""The migrations build the whole schema and match the models."""

from sqlalchemy import inspect

from reintegration.extensions import db


def test_flask_db_check_reports_no_drift(runner):
    result = runner.invoke(args=["db", "check"])
    assert result.exit_code == 0, result.output


def test_schema_has_every_model_table(app):
    with app.app_context():
        tables = set(inspect(db.engine).get_table_names())
    assert set(db.metadata.tables) <= tables
