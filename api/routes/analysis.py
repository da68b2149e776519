"""Stateless analysis: POST /analyse and POST /rewrite; nothing is stored."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Request

from api.deps import EngineDep, SettingsDep, analysis_access
from api.errors import Problem
from api.routes.inputs import body_doc, in_worker, read_sent, text_too_long
from api.schemas import AnalyseIn, ReportOut, RewriteIn, RewriteOut
from simplify.output.json import report_dict
from simplify.output.revision import revision_dict

router = APIRouter(tags=["analyse"], dependencies=[Depends(analysis_access)])


@router.post(
    "/analyse",
    response_model=ReportOut,
    summary="Analyser une lettre",
    description="Analyse un texte (JSON) ou un fichier (multipart, champ `file`) et renvoie "
    "le rapport : mesures de lisibilité, score de clarté et remarques avec leurs propositions. "
    "Rien n'est enregistré.",
    openapi_extra=body_doc(AnalyseIn),
    responses={413: {"description": "Trop volumineux"}, 415: {"description": "Type refusé"}},
)
async def analyse_letter(
    request: Request, settings: SettingsDep, engine: EngineDep
) -> dict[str, Any]:
    sent = await read_sent(request, settings, AnalyseIn)
    profile = sent.fields.get("profile") or settings.default_profile

    def run() -> dict[str, Any]:
        if sent.is_file:
            letter = engine.read(sent.name, sent.data)
            if len(letter.text) > settings.max_text_chars:
                raise text_too_long(settings.max_text_chars)
            report = engine.analyse(
                letter.text, profile, markdown=letter.markdown, shape=letter.shape
            )
            return report_dict(report, letter.name)
        text = sent.data.decode()
        report = engine.analyse(text, profile, markdown=bool(sent.fields.get("markdown")))
        return report_dict(report)

    return await in_worker(settings, run)


@router.post(
    "/rewrite",
    response_model=RewriteOut,
    summary="Réécrire une lettre",
    description="Réécrit la lettre avec ses propositions (les sûres par défaut, toutes avec "
    "`only=all`, ou celles de `accepted`) et vérifie que chaque fait est gardé : dates, "
    "montants, références, champs de fusion. Rien n'est enregistré.",
    openapi_extra=body_doc(
        RewriteIn,
        {"only": {"type": "string", "enum": ["safe", "all"]}},
    ),
)
async def rewrite_letter(
    request: Request, settings: SettingsDep, engine: EngineDep
) -> dict[str, Any]:
    sent = await read_sent(request, settings, RewriteIn)
    profile = sent.fields.get("profile") or settings.default_profile
    only = sent.fields.get("only") or "safe"
    if only not in {"safe", "all"}:
        raise Problem(422, "only : valeur non permise (attendu : safe ou all).")

    def run() -> dict[str, Any]:
        if sent.is_file:
            letter = engine.read(sent.name, sent.data)
            text, markdown, shape = letter.text, letter.markdown, letter.shape
            if len(text) > settings.max_text_chars:
                raise text_too_long(settings.max_text_chars)
        else:
            text, markdown, shape = sent.data.decode(), bool(sent.fields.get("markdown")), None
        revision = engine.rewrite(
            text,
            profile,
            only=only,
            accepted=sent.fields.get("accepted"),
            markdown=markdown,
            shape=shape,
        )
        return revision_dict(revision)

    return await in_worker(settings, run)
