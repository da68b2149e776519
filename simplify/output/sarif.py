"""The reports of one run as SARIF 2.1.0, for CI systems."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from simplify.analysis import Report
from simplify.rules.model import Severity
from simplify.rules.registry import RuleSet
from simplify.version import __version__

_LEVEL = {Severity.INFO: "note", Severity.WARNING: "warning", Severity.ERROR: "error"}
SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"


def line_column(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    column = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return line, column


def region(text: str, start: int, end: int) -> dict[str, int]:
    """A SARIF region for text[start:end]: lines and columns from 1, and the offsets."""
    start_line, start_column = line_column(text, start)
    end_line, end_column = line_column(text, end)
    return {
        "startLine": start_line,
        "startColumn": start_column,
        "endLine": end_line,
        "endColumn": end_column,
        "charOffset": start,
        "charLength": end - start,
    }


def result(
    rule_id: str,
    rule_index: int,
    level: str,
    message: str,
    uri: str,
    where: dict[str, int] | None = None,
) -> dict[str, Any]:
    """One SARIF result located in a file (and in a region of it, when given)."""
    location: dict[str, Any] = {"artifactLocation": {"uri": uri}}
    if where is not None:
        location["region"] = where
    return {
        "ruleId": rule_id,
        "ruleIndex": rule_index,
        "level": level,
        "message": {"text": message},
        "locations": [{"physicalLocation": location}],
    }


def sarif_log(driver: dict[str, Any], results: list[dict[str, Any]]) -> dict[str, Any]:
    """A SARIF 2.1.0 log of one run of the tool `driver` (name, version, rules...)."""
    return {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [{"tool": {"driver": driver}, "results": results}],
    }


def sarif_dict(reports: Sequence[tuple[str, Report]], rules: RuleSet) -> dict[str, Any]:
    used = sorted({f.rule for _, report in reports for f in report.findings})
    rule_index = {rule_id: i for i, rule_id in enumerate(used)}
    descriptors = []
    for rule_id in used:
        rule = rules.find(rule_id)
        spec = rule.spec if rule else None
        descriptors.append(
            {
                "id": rule_id,
                "name": spec.name if spec else rule_id,
                "shortDescription": {"text": spec.message if spec else rule_id},
                "fullDescription": {"text": spec.why if spec else ""},
                "help": {"text": spec.fix if spec else ""},
                "properties": {"category": spec.category.value if spec else None},
            }
        )
    results = [
        result(
            finding.rule,
            rule_index[finding.rule],
            _LEVEL[finding.severity],
            finding.message,
            uri,
            region(report.text, finding.start, finding.end),
        )
        for uri, report in reports
        for finding in report.findings
    ]
    driver = {
        "name": "simplify",
        "version": __version__,
        "informationUri": "https://example.invalid/simplify",
        "rules": descriptors,
    }
    return sarif_log(driver, results)
