"""The rules: GET /rules and GET /rules/{id}."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends

from api.deps import EngineDep, analysis_access
from api.errors import Problem
from api.schemas import RuleOut, RuleSummary
from simplify.rules.context import Rule
from simplify.rules.registry import RuleSet

router = APIRouter(prefix="/rules", tags=["règles"], dependencies=[Depends(analysis_access)])


def _profiles(rules: RuleSet, rule: Rule) -> list[str]:
    spec = rule.spec
    return [
        name
        for name, profile in rules.profiles.items()
        if spec.id not in profile.disabled
        and spec.category.value not in profile.disabled_categories
    ]


def _summary(rules: RuleSet, rule: Rule) -> dict[str, Any]:
    spec = rule.spec
    return {
        "id": spec.id,
        "name": spec.name,
        "category": spec.category.value,
        "category_label": spec.category.label,
        "severity": spec.severity.value,
        "profiles": _profiles(rules, rule),
        "summary": spec.message,
    }


@router.get("", response_model=list[RuleSummary], summary="Lister les règles")
def list_rules(engine: EngineDep) -> list[dict[str, Any]]:
    return [_summary(engine.rules, rule) for rule in engine.rules.rules]


@router.get(
    "/{rule_id}",
    response_model=RuleOut,
    summary="Expliquer une règle",
    description="La règle, pourquoi elle existe, que faire, et ses exemples.",
)
def get_rule(rule_id: str, engine: EngineDep) -> dict[str, Any]:
    rule = engine.rules.find(rule_id)
    if rule is None:
        raise Problem(
            404, f"Aucune règle ne s'appelle « {rule_id[:60]} » ; voir GET /api/v1/rules."
        )
    spec = rule.spec
    return _summary(engine.rules, rule) | {
        "why": spec.why,
        "fix": spec.fix,
        "references": list(spec.references),
        "examples": [
            {"text": e.text, "flag": e.flag, "replacement": e.replacement} for e in spec.fire
        ]
        + [{"text": text, "flag": None, "replacement": None} for text in spec.passing],
    }
