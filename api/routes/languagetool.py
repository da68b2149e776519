"""LanguageTool-compatible checking, so LanguageTool editor plugins can use the service:
point them at http://HOST:8000/api/v1 as their server."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Form

from api.deps import EngineDep, SettingsDep, analysis_access
from api.errors import Problem
from api.routes.inputs import in_worker, text_too_long
from simplify.output.languagetool import languagetool_dict

router = APIRouter(prefix="/v2", tags=["LanguageTool"], dependencies=[Depends(analysis_access)])
_LANGUAGES = [{"name": "French", "code": "fr", "longCode": "fr-FR"}]


@router.post(
    "/check",
    summary="Vérifier un texte (compatible LanguageTool)",
    description="Champs de formulaire `text` et `language` (fr, fr-FR ou auto), comme "
    "l'API LanguageTool ; la réponse a la même forme (`matches`, décalages en UTF-16).",
)
async def check(
    engine: EngineDep,
    settings: SettingsDep,
    language: Annotated[str, Form(description="fr, fr-FR ou auto", max_length=20)],
    text: Annotated[str, Form(description="Le texte à vérifier.")] = "",
    profile: Annotated[str, Form(pattern="^(clair|falc)$")] = "clair",
) -> dict[str, Any]:
    if language != "auto" and language.split("-")[0].lower() != "fr":
        raise Problem(
            422, f"Langue « {language[:20]} » non prise en charge : seul le français (fr)."
        )
    if len(text) > settings.max_text_chars:
        raise text_too_long(settings.max_text_chars)

    def run() -> dict[str, Any]:
        return languagetool_dict(engine.analyse(text, profile))

    return await in_worker(settings, run)


@router.get("/languages", summary="Langues prises en charge (compatible LanguageTool)")
def languages() -> list[dict[str, str]]:
    return _LANGUAGES
