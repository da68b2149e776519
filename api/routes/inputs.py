"""A letter sent to the API: JSON text or a multipart file, within the size limits."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from fastapi import Request
from fastapi.concurrency import run_in_threadpool
from pydantic import BaseModel, ValidationError
from starlette.datastructures import UploadFile

from api.errors import Problem, french_validation
from api.settings import Settings

T = TypeVar("T")


@dataclass
class Sent:
    """What the request carried: a file (name, bytes) or a text, and the JSON fields."""

    name: str
    data: bytes
    fields: dict[str, Any]
    is_file: bool


async def in_worker(settings: Settings, work: Callable[[], T]) -> T:
    """Run CPU-bound work in a worker thread; past the timeout the client gets a 503 (the
    thread cannot be killed and finishes in the background, bounded by the size limits)."""
    try:
        return await asyncio.wait_for(
            run_in_threadpool(work), timeout=settings.request_timeout_seconds
        )
    except TimeoutError as error:
        raise Problem(
            503,
            f"Le traitement a dépassé {settings.request_timeout_seconds:g} secondes et a été "
            f"abandonné ; essayez avec une lettre plus courte.",
        ) from error


def too_large(
    limit: int,
    what: str = "Le fichier",
    advice: str = "retirez les images lourdes ou découpez le document",
) -> Problem:
    return Problem(
        413,
        f"{what} dépasse la limite de {limit // 1_000_000 or limit / 1_000_000} Mo "
        f"({limit} octets) ; {advice}.",
        limit=limit,
    )


def text_too_long(limit: int) -> Problem:
    return Problem(
        413,
        f"Le texte dépasse la limite de {limit} caractères ; envoyez une lettre à la fois.",
        limit=limit,
    )


async def read_sent(request: Request, settings: Settings, model: type[BaseModel]) -> Sent:
    kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if kind == "multipart/form-data":
        return await _multipart(request, settings)
    if kind in {"application/json", ""}:
        body = await request.body()
        if len(body) > settings.max_upload_bytes:
            raise too_large(settings.max_upload_bytes, "La requête")
        try:
            raw = json.loads(body or b"null")
        except (UnicodeDecodeError, json.JSONDecodeError) as error:
            raise Problem(
                422, f"Le corps de la requête n'est pas du JSON valide ({error})."
            ) from error
        try:
            parsed = model.model_validate(raw)
        except ValidationError as error:
            raise Problem(422, _first_error(error)) from error
        fields = parsed.model_dump()
        text = str(fields.get("text", ""))
        if len(text) > settings.max_text_chars:
            raise text_too_long(settings.max_text_chars)
        if not text.strip():
            raise Problem(422, "Le texte est vide ; envoyez le texte de la lettre.")
        return Sent("texte.txt", text.encode(), fields, is_file=False)
    raise Problem(
        415,
        "Envoyez du JSON (application/json, champ text) ou un fichier "
        "(multipart/form-data, champ file).",
        supported=["application/json", "multipart/form-data"],
    )


async def _multipart(request: Request, settings: Settings) -> Sent:
    try:
        form = await request.form(max_files=1, max_fields=20, max_part_size=100_000)
    except Exception as error:  # the multipart parser raises several kinds for broken bodies
        if "Too many" in str(error) or "maximum" in str(error).lower():
            raise Problem(422, f"Formulaire refusé : {error}.") from error
        raise Problem(422, "Le formulaire envoyé est illisible (multipart invalide).") from error
    upload = form.get("file")
    if not isinstance(upload, UploadFile):
        raise Problem(422, "Le champ file manque : joignez le fichier de la lettre.")
    data = await upload.read(settings.max_upload_bytes + 1)
    await upload.close()
    if len(data) > settings.max_upload_bytes:
        raise too_large(settings.max_upload_bytes)
    fields: dict[str, Any] = {k: v for k, v in form.items() if isinstance(v, str)}
    profile = fields.get("profile") or None
    if profile not in {None, "clair", "falc"}:
        raise Problem(422, "profile : valeur non permise (attendu : clair ou falc).")
    fields["profile"] = profile
    fields["markdown"] = fields.get("markdown", "").lower() in {"1", "true", "on", "oui"}
    return Sent(upload.filename or "lettre", data, fields, is_file=True)


def _first_error(error: ValidationError) -> str:
    parts = []
    for item in error.errors()[:5]:
        where = ".".join(str(p) for p in item.get("loc", ())) or "requête"
        parts.append(f"{where} : {french_validation(item)}")
    return "; ".join(parts)


def body_doc(model: type[BaseModel], extra_form: dict[str, Any] | None = None) -> dict[str, Any]:
    """The OpenAPI request body of a route that takes JSON or a file."""
    properties: dict[str, Any] = {
        "file": {
            "type": "string",
            "format": "binary",
            "description": "La lettre : .docx, .odt, .pdf, .txt, .md ou .html.",
        },
        "profile": {"type": "string", "enum": ["clair", "falc"]},
    }
    properties.update(extra_form or {})
    return {
        "requestBody": {
            "required": True,
            "content": {
                "application/json": {"schema": model.model_json_schema()},
                "multipart/form-data": {
                    "schema": {"type": "object", "properties": properties, "required": ["file"]}
                },
            },
        }
    }
