"""Settings are typed, built in the factory, and every one is documented."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import ROOT


def test_settings_are_all_documented() -> None:
    from api.settings import Settings

    documented = (ROOT / "docs" / "api.md").read_text(encoding="utf-8")
    for name in Settings.model_fields:
        assert f"`SIMPLIFY_{name.upper()}`" in documented, name


def test_settings_come_from_the_environment(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from api.settings import Settings

    monkeypatch.setenv("SIMPLIFY_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("SIMPLIFY_RETENTION_DAYS", "30")
    settings = Settings()
    assert settings.data_dir == tmp_path and settings.retention_days == 30
    assert settings.resolved_database_url == f"sqlite:///{tmp_path.resolve()}/simplify.sqlite3"


def test_settings_refuse_nonsense(monkeypatch: pytest.MonkeyPatch) -> None:
    from pydantic import ValidationError

    from api.settings import Settings

    monkeypatch.setenv("SIMPLIFY_MAX_UPLOAD_BYTES", "-5")
    with pytest.raises(ValidationError):
        Settings()


def test_settings_import_reads_nothing() -> None:
    import api.app
    import api.settings

    assert not hasattr(api.settings, "settings") and not hasattr(api.app, "app")
