"""Load rule packs, lexicons and profiles into a RuleSet; pick the rules a profile turns on."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from simplify.rules.context import Resources, Rule
from simplify.rules.lexicon import load_acronyms, load_jargon
from simplify.rules.model import Category, Example, RuleSpec, Severity
from simplify.rules.profiles import Profile, load_profiles
from simplify.rules.types import RULE_TYPES
from simplify.rules.yamlsource import LocatedDict, PackError, load_yaml, where

STATUSES = frozenset({"stable", "preview", "deprecated"})
_REQUIRED = (
    "id",
    "name",
    "type",
    "category",
    "severity",
    "message",
    "why",
    "status",
    "since",
    "examples",
)
_ENTRY_KEYS = frozenset({*_REQUIRED, "fix", "references", "params"})


def builtin_dir() -> Path:
    """The packs shipped with the engine (the repository's rules/ folder)."""
    return Path(str(resources.files("simplify_rules")))


@dataclass
class RuleSet:
    rules: list[Rule]
    profiles: dict[str, Profile]
    resources: Resources

    def __post_init__(self) -> None:
        self.by_id = {rule.spec.id: rule for rule in self.rules}
        self.by_name = {rule.spec.name: rule for rule in self.rules}

    def profile(self, name: str) -> Profile:
        if name not in self.profiles:
            raise KeyError(name)
        return self.profiles[name]

    def active(self, profile: Profile, disabled: Iterable[str] = ()) -> list[Rule]:
        """Rules on for a profile, minus those switched off for this run (by id or name)."""
        off = set(disabled)
        return [
            rule
            for rule in self.rules
            if profile.enables(rule.spec.id, rule.spec.category.value)
            and rule.spec.id not in off
            and rule.spec.name not in off
            and rule.spec.status != "deprecated"
        ]

    def find(self, key: str) -> Rule | None:
        return self.by_id.get(key) or self.by_id.get(key.upper()) or self.by_name.get(key)


@cache
def load_builtin() -> RuleSet:
    return load_rule_set(())


def load_rule_set(extra_dirs: Sequence[Path]) -> RuleSet:
    """Built-in packs, then each user folder of packs; a later rule replaces one with its id."""
    base = builtin_dir()
    shared = _builtin_resources(base)
    profiles = load_profiles(base / "profiles.yaml")
    specs: dict[str, RuleSpec] = {}
    for folder in (base / "packs", *extra_dirs):
        if not folder.is_dir():
            raise PackError(f"{folder} : dossier de règles introuvable")
        files = sorted(folder.glob("*.yaml")) + sorted(folder.glob("*.yml"))
        if folder != base / "packs" and not files:
            raise PackError(f"{folder} : aucun fichier .yaml de règles dans ce dossier")
        for path in files:
            for spec in load_pack(path):
                specs[spec.id] = spec
    rules = [RULE_TYPES[spec.type](spec, shared) for spec in specs.values()]
    names: dict[str, str] = {}
    for rule in rules:
        if rule.spec.name in names:
            raise PackError(
                f"{rule.spec.source} : nom « {rule.spec.name} » déjà pris par "
                f"{names[rule.spec.name]}"
            )
        names[rule.spec.name] = rule.spec.id
    return RuleSet(rules=rules, profiles=profiles, resources=shared)


@cache
def _builtin_resources(base: Path) -> Resources:
    """The lexicons, read once per process (user packs add rules, not lexicon entries)."""
    return Resources(
        jargon=load_jargon(base / "lexicon" / "jargon.yaml"),
        acronyms=load_acronyms(base / "lexicon" / "acronyms.yaml"),
        base_dir=base,
    )


def load_pack(path: Path) -> list[RuleSpec]:
    data = load_yaml(path)
    if not isinstance(data, dict) or "rules" not in data:
        raise PackError(f"{path}:1 : un pack est un dictionnaire avec une clé « rules »")
    entries = data["rules"]
    if not isinstance(entries, list):
        raise PackError(f"{where(path, data, 'rules')} : « rules » doit être une liste")
    specs = []
    seen: set[str] = set()
    for entry in entries:
        spec = _spec(path, entry)
        if spec.id in seen:
            raise PackError(f"{spec.source} : identifiant {spec.id} en double")
        seen.add(spec.id)
        specs.append(spec)
    return specs


def _spec(path: Path, entry: Any) -> RuleSpec:
    if not isinstance(entry, LocatedDict):
        raise PackError(f"{where(path, entry)} : une règle doit être un dictionnaire")
    for key in entry:
        if key not in _ENTRY_KEYS:
            raise PackError(f"{where(path, entry, key)} : clé « {key} » inconnue")
    for key in _REQUIRED:
        if key not in entry:
            raise PackError(f"{where(path, entry)} : clé « {key} » manquante")

    def choice(key: str, allowed: Iterable[str]) -> str:
        value = entry[key]
        if value not in set(allowed):
            raise PackError(
                f"{where(path, entry, key)} : clé « {key} » : {value!r} n'est pas parmi "
                f"{', '.join(sorted(allowed))}"
            )
        return str(value)

    def text(key: str, default: str | None = None) -> str:
        value = entry.get(key, default)
        if not isinstance(value, str) or not value.strip():
            raise PackError(f"{where(path, entry, key)} : clé « {key} » : texte non vide attendu")
        return value.strip()

    rule_type = choice("type", RULE_TYPES)
    category = Category(choice("category", [c.value for c in Category]))
    severity = Severity(choice("severity", [s.value for s in Severity]))
    status = choice("status", STATUSES)
    references = entry.get("references") or []
    if not isinstance(references, list):
        raise PackError(f"{where(path, entry, 'references')} : clé « references » : liste attendue")
    params = entry.get("params") or {}
    if not isinstance(params, dict):
        raise PackError(f"{where(path, entry, 'params')} : clé « params » : dictionnaire attendu")
    fire, passing, passing_layout = _examples(path, entry)
    return RuleSpec(
        id=text("id"),
        name=text("name"),
        type=rule_type,
        category=category,
        severity=severity,
        message=text("message"),
        why=text("why"),
        fix=text("fix", "") if entry.get("fix") else "",
        references=tuple(str(r) for r in references),
        status=status,
        since=str(entry["since"]),
        fire=fire,
        passing=passing,
        passing_layout=passing_layout,
        params=dict(params),
        source=where(path, entry),
    )


def _examples(
    path: Path, entry: LocatedDict
) -> tuple[tuple[Example, ...], tuple[str, ...], tuple[Example, ...]]:
    examples = entry["examples"]
    if not isinstance(examples, dict):
        raise PackError(
            f"{where(path, entry, 'examples')} : clé « examples » : "
            f"dictionnaire avec « fire » et « pass » attendu"
        )
    fire_items = examples.get("fire") or []
    pass_items = examples.get("pass") or []
    if not fire_items or not pass_items:
        raise PackError(
            f"{where(path, entry, 'examples')} : il faut au moins un exemple "
            f"« fire » et un exemple « pass »"
        )
    fire = []
    for item in fire_items:
        if not isinstance(item, dict) or not isinstance(item.get("text"), str):
            raise PackError(
                f"{where(path, examples, 'fire')} : un exemple « fire » a une clé "
                f"« text » et une clé « flag »"
            )
        flag = item.get("flag")
        if flag is not None and flag not in item["text"]:
            raise PackError(f"{where(path, item)} : « flag » ({flag!r}) n'est pas dans le texte")
        fire.append(Example(item["text"], flag, item.get("replacement"), _layout(path, item)))
    passing: list[str] = []
    passing_layout: list[Example] = []
    for item in pass_items:
        if isinstance(item, dict) and isinstance(item.get("text"), str) and "layout" in item:
            passing_layout.append(Example(item["text"], layout=_layout(path, item)))
        elif isinstance(item, str):
            passing.append(item)
        else:
            raise PackError(
                f"{where(path, examples, 'pass')} : un exemple « pass » est un texte, ou "
                f"« text » et « layout » pour une règle de mise en page"
            )
    return tuple(fire), tuple(passing), tuple(passing_layout)


def _layout(path: Path, item: dict[str, Any]) -> dict[str, Any] | None:
    layout = item.get("layout")
    if layout is None:
        return None
    if not isinstance(layout, dict):
        raise PackError(f"{where(path, item, 'layout')} : « layout » : dictionnaire attendu")
    return dict(layout)
