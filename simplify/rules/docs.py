"""Rule documentation generated from the pack entry (never written twice)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from simplify.rules.model import RuleSpec
from simplify.rules.registry import RuleSet
from simplify.rules.rls import RLS_CRITERIA

_SEVERITY_FR = {"info": "conseil", "warning": "à revoir", "error": "à corriger"}


def rule_documentation(spec: RuleSpec, rules: RuleSet) -> str:
    profiles = [
        name
        for name, profile in rules.profiles.items()
        if profile.enables(spec.id, spec.category.value)
    ]
    lines = [
        f"{spec.id} · {spec.name}",
        f"Catégorie : {spec.category.label} ({spec.category.value}) · gravité : "
        f"{_SEVERITY_FR[spec.severity.value]} ({spec.severity.value}) · statut : {spec.status} "
        f"· depuis la version {spec.since}",
        f"Profils : {', '.join(profiles) or 'aucun'} · type de règle : {spec.type}",
        "",
        "Ce que la règle signale",
        f"  {spec.message}",
        "",
        "Pourquoi c'est un problème",
        f"  {spec.why}",
    ]
    if spec.fix:
        lines += ["", "Que faire", f"  {spec.fix}"]
    lines += ["", "Exemples signalés"]
    for example in spec.fire:
        line = f"  - {example.text!s}".replace("\n", " ⏎ ")
        if example.layout:
            line += f"\n      fichier mis en forme : {_layout_text(example.layout)}"
        if example.flag:
            line += f"\n      passage signalé : « {example.flag} »"
        if example.replacement:
            line += f"\n      proposition : « {example.replacement} »"
        lines.append(line)
    lines += ["", "Exemples non signalés"]
    lines += [f"  - {text}".replace("\n", " ⏎ ") for text in spec.passing]
    lines += [
        f"  - {e.text}".replace("\n", " ⏎ ")
        + f"\n      fichier mis en forme : {_layout_text(e.layout)}"
        for e in spec.passing_layout
        if e.layout
    ]
    if spec.references:
        lines += ["", "Références"]
        for reference in spec.references:
            level_label = RLS_CRITERIA.get(reference)
            if level_label:
                level, label = level_label
                lines.append(f"  {reference} (niveau {level}) : {label}")
            else:
                lines.append(f"  {reference}")
    lines += ["", f"Défini dans {spec.source}"]
    return "\n".join(lines)


def _layout_text(layout: Mapping[str, Any]) -> str:
    return ", ".join(f"{key} = {value}" for key, value in layout.items())
