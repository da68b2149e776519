"""Rule type `detector`: a rule whose check is a detector written in code."""

from __future__ import annotations

from collections.abc import Iterator

from simplify.rules.context import Context, Params, Resources, Rule
from simplify.rules.detectors import DETECTORS
from simplify.rules.model import Finding, RuleSpec
from simplify.rules.render import render
from simplify.rules.yamlsource import PackError


class DetectorRule(Rule):
    type_name = "detector"

    def __init__(self, spec: RuleSpec, resources: Resources) -> None:
        name = spec.params.get("detector")
        if name not in DETECTORS:
            raise PackError(
                f"{spec.source} : règle {spec.id} : détecteur inconnu {name!r} "
                f"(connus : {', '.join(sorted(DETECTORS))})"
            )
        self.detector = DETECTORS[str(name)]
        super().__init__(spec, resources)

    def accepted_parameters(self) -> tuple[str, ...]:
        return ("detector", *self.detector.parameters)

    def check(self, ctx: Context) -> Iterator[Finding]:
        for hit in self.detector.function(ctx, self.params):
            text = ctx.doc.text[hit.start : hit.end]
            message = hit.message or render(self.spec.message, text=text, **hit.fields)
            yield self.finding(
                ctx,
                hit.start,
                hit.end,
                message=message,
                suggestions=hit.suggestions,
                severity=hit.severity,
                scope=hit.scope,
            )


__all__ = ["DetectorRule", "Params"]
