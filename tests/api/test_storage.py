"""The schema: Alembic migrations match the models and run both ways; deletions cascade. On
SQLite (the embedded default) and on PostgreSQL (skipped without one, required in CI)."""

from __future__ import annotations


def test_storage_migrations_match_the_models(database_url: str) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from api.storage.database import make_engine, migrate
    from api.storage.models import Base

    engine = make_engine(database_url)
    migrate(engine)
    with engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    assert differences == []
    engine.dispose()


def test_storage_migrations_downgrade_and_upgrade(database_url: str) -> None:
    from alembic import command
    from alembic.config import Config
    from sqlalchemy import inspect

    from api.storage.database import MIGRATIONS, make_engine, migrate

    engine = make_engine(database_url)
    migrate(engine)
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "base")
    assert set(inspect(engine).get_table_names()) == {"alembic_version"}
    migrate(engine)
    assert {"users", "tokens", "letters", "versions", "decisions", "audits"} <= set(
        inspect(engine).get_table_names()
    )
    engine.dispose()


def test_storage_deleting_a_user_deletes_their_letters_and_audits(database_url: str) -> None:
    from sqlalchemy import func, select

    from api.storage.database import Database, migrate
    from api.storage.models import Audit, Letter, User, Version

    database = Database(database_url)
    migrate(database.engine)
    with database.session() as session:
        user = User(email="a@b.fr", name="A", password_hash="x")
        session.add(user)
        session.flush()
        letter = Letter(
            id="abc",
            owner_id=user.id,
            title="t",
            filename="t.txt",
            format="text",
            size=1,
            sha256="0" * 64,
            profile="clair",
            notes=[],
        )
        letter.versions.append(Version(number=1, text="Bonjour.", source="original"))
        session.add(letter)
        session.add(Audit(id="def", owner_id=user.id, profile="clair", filename="m.zip", size=1))
        session.commit()
        session.delete(user)
        session.commit()
        assert session.scalar(select(func.count()).select_from(Version)) == 0
        assert session.scalar(select(func.count()).select_from(Audit)) == 0
    database.dispose()
