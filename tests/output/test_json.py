"""The JSON report: the contract the API and the workshop reuse."""

from __future__ import annotations

import json

from simplify.output.json import report_dict


def test_json_report_is_serialisable_and_offsets_are_code_points(run) -> None:  # type: ignore[no-untyped-def]
    text = "Objet : l’aide 😀\n\nIl vous appartient de transmettre l’avis afférent avant le 15/07/2024."
    data = json.loads(json.dumps(report_dict(run(text), "lettre.txt")))
    assert data["source"] == "lettre.txt" and data["profile"] == "clair"
    for finding in data["findings"]:
        assert text[finding["start"] : finding["end"]] == finding["text"]
    rules = {f["rule"] for f in data["findings"]}
    assert {"IMP-001", "JAR-001", "DAT-001"} <= rules
    date = next(f for f in data["findings"] if f["rule"] == "DAT-001")
    assert date["suggestions"][0]["replacement"] == "15 juillet 2024"
    assert date["suggestions"][0]["safety"] == "safe"


def test_json_falc_profile_adds_weekday_and_stricter_limits(run) -> None:  # type: ignore[no-untyped-def]
    text = "Objet : rendez-vous\n\nVotre rendez-vous avec le service social de la mairie est fixé au 15/07/2024 dans nos locaux."
    clair, falc = report_dict(run(text)), report_dict(run(text, profile="falc"))
    date = next(f for f in falc["findings"] if f["rule"] == "DAT-001")
    assert date["suggestions"][0]["replacement"] == "lundi 15 juillet 2024"
    assert not any(f["rule"] == "LEN-001" for f in clair["findings"])
    assert any(f["rule"] == "LEN-001" for f in falc["findings"])
