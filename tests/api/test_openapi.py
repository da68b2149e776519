"""The OpenAPI description: French, with examples; and a schemathesis run over it finds no
server error (a bounded number of generated requests per operation)."""

from __future__ import annotations

from typing import Any

import pytest
import schemathesis
from conftest import add_user
from hypothesis import HealthCheck, settings

from api.app import create_app
from api.settings import Settings


def test_openapi_is_described_in_french(client: Any) -> None:
    schema = client.get("/api/v1/openapi.json").json()
    operations = [op for path in schema["paths"].values() for op in path.values()]
    assert len(operations) >= 15
    for operation in operations:
        assert operation.get("summary"), operation
    summaries = " ".join(op["summary"] for op in operations)
    assert "Analyser une lettre" in summaries and "Télécharger la lettre" in summaries
    analyse = schema["paths"]["/api/v1/analyse"]["post"]["requestBody"]["content"]
    assert set(analyse) == {"application/json", "multipart/form-data"}
    assert analyse["application/json"]["schema"]["examples"][0]["text"].startswith("Madame")


@pytest.fixture(scope="module")
def fuzzed_app(tmp_path_factory: pytest.TempPathFactory) -> Any:
    from fastapi.testclient import TestClient

    app = create_app(
        Settings(data_dir=tmp_path_factory.mktemp("fuzz"), max_text_chars=2_000, warm_up=False)
    )
    with TestClient(app):  # runs the start-up (migrations, purge)
        pass
    app.state.fuzz_token = add_user(app, "fuzz@exemple.fr")
    return app


def test_openapi_no_server_error(fuzzed_app: Any) -> None:
    from hypothesis import given

    schema = schemathesis.openapi.from_asgi("/api/v1/openapi.json", fuzzed_app)
    headers = {"Authorization": f"Bearer {fuzzed_app.state.fuzz_token}"}
    checked = 0
    for result in schema.get_all_operations():
        operation = result.ok()

        @given(case=operation.as_strategy())
        @settings(max_examples=12, deadline=None, suppress_health_check=list(HealthCheck))
        def no_server_error(case: Any) -> None:
            case.headers = {**(case.headers or {}), **headers}
            response = case.call()
            assert response.status_code < 500, (case.method, case.path, response.text[:300])
            if response.status_code >= 400:
                kind = str(response.headers.get("content-type", [""])[0])
                assert kind.startswith("application/problem+json"), (case.path, kind)

        no_server_error()
        checked += 1
    assert checked >= 15
