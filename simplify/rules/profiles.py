"""Profiles: plain language (clair) and easy-to-read (falc), as data from rules/profiles.yaml."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from simplify.rules.model import Severity
from simplify.rules.yamlsource import PackError, load_yaml, where


@dataclass(frozen=True, slots=True)
class Profile:
    name: str
    label: str
    description: str
    sentence_warning: int  # a body sentence longer than this many words is flagged
    sentence_error: int
    disabled: frozenset[str] = frozenset()
    severity: Mapping[str, Severity] = field(default_factory=dict)
    weekday_in_dates: bool = False
    disabled_categories: frozenset[str] = frozenset()

    def enables(self, rule_id: str, category: str) -> bool:
        """Whether the profile has this rule on (neither it nor its category is off)."""
        return rule_id not in self.disabled and category not in self.disabled_categories


def load_profiles(path: Path) -> dict[str, Profile]:
    data = load_yaml(path)
    if not isinstance(data, dict) or not isinstance(data.get("profiles"), dict):
        raise PackError(f"{path}:1 : clé « profiles » attendue")
    profiles = {}
    for name, item in data["profiles"].items():
        if not isinstance(item, dict):
            raise PackError(f"{where(path, data['profiles'], name)} : profil « {name} » invalide")
        lengths = item.get("sentence_length") or {}
        try:
            warning, error = int(lengths["warning"]), int(lengths["error"])
        except (KeyError, TypeError, ValueError) as problem:
            raise PackError(
                f"{where(path, item, 'sentence_length')} : sentence_length.warning et .error "
                f"(nombres de mots) attendus"
            ) from problem
        severities = {}
        for rule, value in (item.get("severity") or {}).items():
            if value not in {s.value for s in Severity}:
                raise PackError(f"{where(path, item, 'severity')} : gravité inconnue {value!r}")
            severities[str(rule)] = Severity(value)
        profiles[name] = Profile(
            name=name,
            label=str(item.get("label", name)),
            description=str(item.get("description", "")),
            sentence_warning=warning,
            sentence_error=error,
            disabled=frozenset(str(r) for r in (item.get("disable") or [])),
            severity=severities,
            weekday_in_dates=bool(item.get("weekday_in_dates", False)),
            disabled_categories=frozenset(str(c) for c in (item.get("disable_categories") or [])),
        )
    return profiles
