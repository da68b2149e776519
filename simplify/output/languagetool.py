"""The report in LanguageTool's /v2/check answer shape, for existing editor plugins.

LanguageTool runs on Java strings, so its offsets count UTF-16 code units; this adapter
converts from the engine's code-point offsets (they differ only around emoji and other
characters outside the Basic Multilingual Plane).
"""

from __future__ import annotations

from typing import Any

from simplify.analysis import Report
from simplify.rules.model import Severity
from simplify.version import __version__

_ISSUE_TYPE = {Severity.INFO: "style", Severity.WARNING: "style", Severity.ERROR: "misspelling"}
_CONTEXT = 40


def utf16_offsets(text: str) -> list[int]:
    """UTF-16 offset of every code-point offset of text (one more entry for the end)."""
    offsets = [0] * (len(text) + 1)
    position = 0
    for index, char in enumerate(text):
        offsets[index] = position
        position += 2 if ord(char) > 0xFFFF else 1
    offsets[len(text)] = position
    return offsets


def languagetool_dict(report: Report) -> dict[str, Any]:
    text = report.text
    utf16 = utf16_offsets(text)
    matches = []
    for finding in report.findings:
        start, end = finding.start, finding.end
        if finding.scope == "document" and start == end:
            end = min(len(text), start + 1)
        context_start = max(0, start - _CONTEXT)
        context_text = text[context_start : min(len(text), end + _CONTEXT)]
        sentence = next(
            (text[s.start : s.end] for s in report.document.sentences if s.start <= start < s.end),
            "",
        )
        matches.append(
            {
                "message": finding.message,
                "shortMessage": finding.category.label,
                "offset": utf16[start],
                "length": utf16[end] - utf16[start],
                "replacements": [
                    {"value": s.replacement} for s in finding.suggestions if s.replacement
                ],
                "context": {
                    "text": context_text,
                    "offset": utf16[start] - utf16[context_start],
                    "length": utf16[end] - utf16[start],
                },
                "sentence": sentence,
                "type": {"typeName": "Hint" if finding.severity is Severity.INFO else "Other"},
                "rule": {
                    "id": finding.rule,
                    "subId": finding.name,
                    "description": finding.message,
                    "issueType": _ISSUE_TYPE[finding.severity],
                    "category": {
                        "id": finding.category.value.upper().replace("-", "_"),
                        "name": finding.category.label,
                    },
                },
                "ignoreForIncompleteSentence": False,
                "contextForSureMatch": 0,
            }
        )
    return {
        "software": {
            "name": "simplify",
            "version": __version__,
            "buildDate": None,
            "apiVersion": 1,
            "premium": False,
            "status": "",
        },
        "warnings": {"incompleteResults": False},
        "language": {
            "name": "French",
            "code": "fr",
            "detectedLanguage": {"name": "French", "code": "fr", "confidence": 1.0},
        },
        "matches": matches,
    }
