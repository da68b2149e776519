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
    results = []
    for uri, report in reports:
        text = report.text
        for finding in report.findings:
            start_line, start_column = line_column(text, finding.start)
            end_line, end_column = line_column(text, finding.end)
            results.append(
                {
                    "ruleId": finding.rule,
                    "ruleIndex": rule_index[finding.rule],
                    "level": _LEVEL[finding.severity],
                    "message": {"text": finding.message},
                    "locations": [
                        {
                            "physicalLocation": {
                                "artifactLocation": {"uri": uri},
                                "region": {
                                    "startLine": start_line,
                                    "startColumn": start_column,
                                    "endLine": end_line,
                                    "endColumn": end_column,
                                    "charOffset": finding.start,
                                    "charLength": finding.end - finding.start,
                                },
                            }
                        }
                    ],
                }
            )
    return {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "simplify",
                        "version": __version__,
                        "informationUri": "https://example.invalid/simplify",
                        "rules": descriptors,
                    }
                },
                "results": results,
            }
        ],
    }
