"""POST /analyse, POST /rewrite, the rules and LanguageTool's /v2/check."""

from __future__ import annotations

from typing import Any

from conftest import ROOT, assert_problem

TEXT = (
    "Madame, je vous saurais gré de bien vouloir nous transmettre les pièces justificatives "
    "afférentes à votre demande de RSA avant le 15/07/2025."
)


def test_analysis_routes_analyse_json_gives_the_cli_report(client: Any) -> None:
    response = client.post("/api/v1/analyse", json={"text": TEXT})
    assert response.status_code == 200
    report = response.json()
    assert report["schema"] == 1 and report["profile"] == "clair"
    rules = {f["rule"] for f in report["findings"]}
    assert "DAT-001" in rules
    date = next(f for f in report["findings"] if f["rule"] == "DAT-001")
    assert TEXT[date["start"] : date["end"]] == "15/07/2025"
    suggestion = date["suggestions"][0]
    assert suggestion["id"] == f"DAT-001:{date['start']}-{date['end']}"
    assert suggestion["replacement"] == "15 juillet 2025"


def test_analysis_routes_falc_profile_is_stricter(client: Any) -> None:
    clair = client.post("/api/v1/analyse", json={"text": TEXT}).json()
    falc = client.post("/api/v1/analyse", json={"text": TEXT, "profile": "falc"}).json()
    assert falc["profile"] == "falc"
    assert len(falc["findings"]) >= len(clair["findings"])


def test_analysis_routes_analyse_a_word_file(client: Any) -> None:
    path = ROOT / "corpora" / "word" / "01-indu-rsa.docx"
    files = {"file": (path.name, path.read_bytes(), "application/octet-stream")}
    report = client.post("/api/v1/analyse", files=files, data={"profile": "clair"}).json()
    assert report["source"] == "01-indu-rsa.docx"
    assert report["metrics"]["words"] > 200
    assert report["findings"]


def test_analysis_routes_rewrite_keeps_facts(client: Any) -> None:
    response = client.post("/api/v1/rewrite", json={"text": TEXT, "only": "all"})
    assert response.status_code == 200
    body = response.json()
    assert body["verification"]["ok"] is True
    assert "15 juillet 2025" in body["text"] and "afférentes" not in body["text"]
    assert body["edits"] and body["metrics_after"]["findings"] < body["metrics_before"]["findings"]


def test_analysis_routes_rewrite_applies_only_accepted_ids(client: Any) -> None:
    report = client.post("/api/v1/analyse", json={"text": TEXT}).json()
    date = next(f for f in report["findings"] if f["rule"] == "DAT-001")
    body = client.post(
        "/api/v1/rewrite", json={"text": TEXT, "accepted": [date["suggestions"][0]["id"]]}
    ).json()
    assert [e["rule"] for e in body["edits"]] == ["DAT-001"]
    assert body["text"] == TEXT.replace("15/07/2025", "15 juillet 2025")


def test_analysis_routes_list_and_explain_rules(client: Any) -> None:
    rules = client.get("/api/v1/rules").json()
    assert len(rules) > 30
    jargon = next(r for r in rules if r["id"] == "JAR-001")
    assert jargon["category"] == "jargon" and "clair" in jargon["profiles"]
    detail = client.get("/api/v1/rules/JAR-001").json()
    assert detail["why"] and detail["examples"]
    assert_problem(client.get("/api/v1/rules/XYZ-999"), 404, "XYZ-999")


def test_analysis_routes_languagetool_check(client: Any) -> None:
    text = "Nonobstant votre demande, le dossier est incomplet 😀 ; merci."
    response = client.post("/api/v1/v2/check", data={"text": text, "language": "fr-FR"})
    assert response.status_code == 200
    body = response.json()
    match = next(m for m in body["matches"] if m["rule"]["id"].startswith("JAR"))
    # LanguageTool offsets are UTF-16 units: the emoji after the word does not shift it.
    assert (
        text.encode("utf-16-le")[
            match["offset"] * 2 : (match["offset"] + match["length"]) * 2
        ].decode("utf-16-le")
        == "Nonobstant"
    )
    languages = client.get("/api/v1/v2/languages").json()
    assert languages[0]["code"] == "fr"


def test_analysis_routes_languagetool_refuses_other_languages(client: Any) -> None:
    response = client.post("/api/v1/v2/check", data={"text": "Hello", "language": "en-US"})
    assert_problem(response, 422, "français")


def test_analysis_routes_can_require_a_token(tmp_path: Any) -> None:
    from conftest import add_user, bearer
    from fastapi.testclient import TestClient

    from api.app import create_app
    from api.settings import Settings

    app = create_app(Settings(data_dir=tmp_path / "d", public_analysis=False))
    with TestClient(app) as closed:
        assert_problem(closed.post("/api/v1/analyse", json={"text": TEXT}), 401, "jeton")
        token = add_user(app, "agent@exemple.fr")
        ok = closed.post("/api/v1/analyse", json={"text": TEXT}, headers=bearer(token))
        assert ok.status_code == 200
