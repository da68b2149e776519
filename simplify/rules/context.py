"""What a rule sees while checking a letter, and the base class of rule types."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, replace
from functools import cached_property
from pathlib import Path
from typing import Any, ClassVar

from simplify.document import BlockKind, Document, ProtectedKind, normalise_for_lookup
from simplify.rules.lexicon import AcronymList, JargonLexicon, JargonMatch, StreamWord, word_stream
from simplify.rules.model import Finding, RuleSpec, Severity, Suggestion
from simplify.rules.profiles import Profile
from simplify.rules.yamlsource import PackError

# Facts whose inside no rule reads: machine strings, not prose.
OPAQUE_KINDS = frozenset(
    {
        ProtectedKind.PLACEHOLDER,
        ProtectedKind.EMAIL,
        ProtectedKind.URL,
        ProtectedKind.REFERENCE,
        ProtectedKind.PHONE,
        ProtectedKind.MARKUP,
    }
)
PROSE_KINDS = frozenset(
    {
        BlockKind.SUBJECT,
        BlockKind.PARAGRAPH,
        BlockKind.LIST_ITEM,
        BlockKind.HEADING,
        BlockKind.CLOSING,
    }
)


@dataclass(frozen=True)
class Resources:
    """Data shared by rules: lexicons loaded once per rule set."""

    jargon: JargonLexicon
    acronyms: AcronymList
    base_dir: Path


class Context:
    """One analysis: the document, the profile and lazily computed views of the text."""

    def __init__(self, doc: Document, profile: Profile, resources: Resources) -> None:
        self.doc = doc
        self.profile = profile
        self.resources = resources
        self._memo: dict[str, Any] = {}

    def memo(self, key: str, compute: Callable[[], Any]) -> Any:
        """Work shared by several rules of one analysis (computed once, on first use)."""
        if key not in self._memo:
            self._memo[key] = compute()
        return self._memo[key]

    @cached_property
    def lookup_text(self) -> str:
        """The text as patterns read it: same length, ASCII apostrophes, spaces for breaks."""
        return normalise_for_lookup(self.doc.text).replace("\n", " ").replace("\r", " ")

    @cached_property
    def stream(self) -> list[StreamWord]:
        return word_stream(self.doc)

    @cached_property
    def jargon_matches(self) -> list[JargonMatch]:
        return list(self.resources.jargon.matches(self.stream))

    def block_kind(self, offset: int) -> BlockKind:
        return self.doc.blocks[self.doc.block_of(offset)].kind

    def in_prose(self, offset: int) -> bool:
        """Whether offset is in text the reader reads as sentences (not letterhead)."""
        return bool(self.doc.blocks) and self.block_kind(offset) in PROSE_KINDS

    def opaque(self, start: int, end: int) -> bool:
        """Whether [start, end) touches a placeholder, address, reference or phone number."""
        span = self.doc.protected_at(start, end)
        return span is not None and span.kind in OPAQUE_KINDS


class Params:
    """A rule's parameters, read with type checks; unknown keys are errors."""

    def __init__(self, spec: RuleSpec, allowed: Iterable[str]) -> None:
        self.spec = spec
        self.values: Mapping[str, Any] = spec.params
        unknown = set(self.values) - set(allowed)
        if unknown:
            raise PackError(
                f"{spec.source} : règle {spec.id} : paramètre inconnu « {sorted(unknown)[0]} »"
            )

    def _fail(self, key: str, expected: str) -> PackError:
        return PackError(f"{self.spec.source} : règle {self.spec.id} : « {key} » : {expected}")

    def string(self, key: str, default: str | None = None) -> str:
        value = self.values.get(key, default)
        if not isinstance(value, str):
            raise self._fail(key, "texte attendu")
        return value

    def optional_string(self, key: str) -> str | None:
        value = self.values.get(key)
        if value is not None and not isinstance(value, str):
            raise self._fail(key, "texte attendu")
        return value

    def boolean(self, key: str, default: bool) -> bool:
        value = self.values.get(key, default)
        if not isinstance(value, bool):
            raise self._fail(key, "true ou false attendu")
        return value

    def integer(self, key: str, default: int) -> int:
        value = self.values.get(key, default)
        if not isinstance(value, int) or isinstance(value, bool):
            raise self._fail(key, "nombre entier attendu")
        return value

    def strings(self, key: str, default: Iterable[str] = ()) -> tuple[str, ...]:
        value = self.values.get(key, list(default))
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise self._fail(key, "liste de textes attendue")
        return tuple(value)


class Rule:
    """Base of the rule types; a rule type reads its parameters once and checks letters."""

    type_name: ClassVar[str] = ""
    parameters: ClassVar[tuple[str, ...]] = ()

    def __init__(self, spec: RuleSpec, resources: Resources) -> None:
        from simplify.rewrite.registry import REWRITERS, Rewriter

        self.spec = spec
        self.params = Params(spec, (*self.accepted_parameters(), "rewrite"))
        name = self.params.optional_string("rewrite")
        if name is not None and name not in REWRITERS:
            raise PackError(
                f"{spec.source} : règle {spec.id} : réécriture inconnue « {name} » "
                f"(connues : {', '.join(sorted(REWRITERS))})"
            )
        self.rewriter: Rewriter | None = REWRITERS[name] if name else None
        self.configure(self.params, resources)

    def accepted_parameters(self) -> tuple[str, ...]:
        return self.parameters

    def configure(self, params: Params, resources: Resources) -> None:
        """Read parameters (raise PackError on a bad one)."""

    def check(self, ctx: Context) -> Iterable[Finding]:
        raise NotImplementedError

    def finding(
        self,
        ctx: Context,
        start: int,
        end: int,
        *,
        message: str | None = None,
        suggestions: Iterable[Suggestion] = (),
        severity: Severity | None = None,
        data: Mapping[str, Any] | None = None,
        scope: str = "span",
    ) -> Finding:
        chosen = ctx.profile.severity.get(self.spec.id, severity or self.spec.severity)
        found = Finding(
            rule=self.spec.id,
            name=self.spec.name,
            category=self.spec.category,
            severity=chosen,
            start=start,
            end=end,
            text=ctx.doc.text[start:end],
            message=message or self.spec.message,
            suggestions=tuple(suggestions),
            references=self.spec.references,
            scope=scope,
            data=dict(data or {}),
        )
        if self.rewriter is not None:
            rewrites = self.rewriter(ctx, found)
            if rewrites:
                found = replace(found, suggestions=(*rewrites, *found.suggestions))
        return found
