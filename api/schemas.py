"""Request and response bodies of the REST API, with French descriptions and examples."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

Profile = Literal["clair", "falc"]
EXAMPLE_TEXT = (
    "Madame, je vous saurais gré de bien vouloir nous transmettre, dans les meilleurs délais, "
    "les pièces justificatives afférentes à votre demande de RSA avant le 15/07/2025."
)


class AnalyseIn(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [{"text": EXAMPLE_TEXT}]})

    text: str = Field(description="Le texte de la lettre (UTF-8).", min_length=1)
    profile: Profile | None = Field(
        default=None, description="clair (langage clair, par défaut) ou falc (facile à lire)."
    )
    markdown: bool = Field(default=False, description="Le texte est en Markdown.")


class RewriteIn(AnalyseIn):
    only: Literal["safe", "all"] = Field(
        default="safe",
        description="safe : seulement les propositions sûres ; all : toutes, à relire.",
    )
    accepted: list[str] | None = Field(
        default=None,
        description="Identifiants des propositions à appliquer (champ `id` des propositions "
        "de l'analyse) ; remplace `only`.",
        max_length=2000,
    )


class ReportOut(BaseModel):
    """The engine's report: the same JSON as `simplify analyse --format json`."""

    model_config = ConfigDict(extra="allow", populate_by_name=True)

    schema_number: int = Field(alias="schema", description="Version du format du rapport.")
    engine: dict[str, Any]
    source: str | None = None
    profile: str = Field(description="Profil appliqué.")
    metrics: dict[str, Any] = Field(
        description="Mesures : mots, phrases, Kandel–Moles, LIX, score de clarté et son sens."
    )
    summary: dict[str, Any]
    blocks: list[dict[str, Any]]
    sentences: list[dict[str, Any]]
    findings: list[dict[str, Any]] = Field(
        description="Les remarques, avec leurs propositions (champ `id` pour les décisions)."
    )


class RewriteOut(BaseModel):
    model_config = ConfigDict(extra="allow")

    text: str = Field(description="La lettre réécrite.")
    edits: list[dict[str, Any]] = Field(description="Les modifications faites.")
    skipped: list[dict[str, Any]] = Field(description="Les propositions écartées, et pourquoi.")
    verification: dict[str, Any] = Field(description="Les faits vérifiés (dates, montants…).")


class RuleSummary(BaseModel):
    id: str = Field(examples=["JAR-001"])
    name: str
    category: str
    category_label: str
    severity: str
    profiles: list[str]
    summary: str


class RuleOut(RuleSummary):
    why: str = Field(description="Pourquoi la règle existe.")
    fix: str = Field(description="Que faire.")
    references: list[str]
    examples: list[dict[str, Any]]


class VersionOut(BaseModel):
    number: int = Field(description="1 : le texte lu dans le fichier déposé.")
    source: str = Field(description="original, decisions (propositions acceptées) ou edit.")
    label: str
    created_at: datetime
    text: str | None = Field(default=None, description="Le texte (absent des listes).")


class DecisionOut(BaseModel):
    suggestion_id: str
    rule: str
    accepted: bool
    version: int
    by: str | None = Field(description="Adresse de l'agent qui a décidé.")
    at: datetime


class LetterOut(BaseModel):
    id: str
    title: str
    filename: str
    format: str = Field(description="Format lu : docx, odt, pdf, html, text, markdown.")
    size: int = Field(description="Taille du fichier déposé, en octets.")
    profile: str
    created_at: datetime
    versions: list[VersionOut]
    notes: list[str] = Field(description="Ce que la lecture du fichier a dû décider.")


class LetterStateOut(LetterOut):
    report: dict[str, Any] = Field(description="L'analyse de la dernière version.")
    decisions: list[DecisionOut]
    proposed_text: str = Field(description="Le texte avec les propositions acceptées.")
    not_applied: list[dict[str, str]] = Field(
        description="Propositions acceptées que la réécriture a dû écarter, et pourquoi "
        "(par exemple : la modification casserait le français)."
    )


class LetterTextIn(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={"examples": [{"title": "Relance RSA", "text": EXAMPLE_TEXT}]}
    )

    title: str = Field(default="", max_length=300, description="Titre de la lettre.")
    text: str = Field(min_length=1, description="Le texte de la lettre.")
    profile: Profile | None = None


class DecisionItem(BaseModel):
    suggestion_id: str = Field(
        min_length=1, max_length=120, description="Champ `id` d'une proposition de l'analyse."
    )
    accepted: bool = Field(description="true : accepter ; false : refuser.")


class DecisionsIn(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [{"decisions": [{"suggestion_id": "JAR-001:10-18", "accepted": True}]}]
        }
    )

    decisions: list[DecisionItem] = Field(min_length=1, max_length=2000)


class VersionIn(BaseModel):
    text: str | None = Field(
        default=None,
        description="Le nouveau texte ; absent : le texte des propositions acceptées.",
    )
    label: str = Field(default="", max_length=200, examples=["Version validée en atelier"])


class TokenIn(BaseModel):
    email: str = Field(max_length=254, examples=["agent@departement.fr"])
    password: str = Field(max_length=1000)
    name: str = Field(default="", max_length=200, description="À quoi sert ce jeton.")


class TokenOut(BaseModel):
    token: str = Field(description="À donner dans l'en-tête Authorization: Bearer …")
    expires_at: datetime


class AuditLinks(BaseModel):
    self_: str = Field(alias="self", description="L'état de l'audit.")
    report: dict[str, str] = Field(
        description="Le rapport dans chaque format (html, json, csv, sarif), une fois terminé."
    )


class AuditOut(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "id": "3f0c9a7e5b1d4c2a8e6f0b9d7c5a3e1f",
                    "status": "running",
                    "filename": "modeles-2025.zip",
                    "size": 1843200,
                    "profile": "clair",
                    "done": 12,
                    "total": 40,
                    "error": None,
                    "totals": None,
                    "errors": None,
                    "created_at": "2025-06-02T09:14:03Z",
                    "started_at": "2025-06-02T09:14:04Z",
                    "finished_at": None,
                    "links": {
                        "self": "/api/v1/audits/3f0c9a7e5b1d4c2a8e6f0b9d7c5a3e1f",
                        "report": {
                            "html": "/api/v1/audits/3f0c9a7e5b1d4c2a8e6f0b9d7c5a3e1f/report"
                            "?format=html"
                        },
                    },
                }
            ]
        }
    )

    id: str
    status: Literal["queued", "running", "done", "interrupted", "failed"] = Field(
        description="queued : en attente ; running : en cours ; done : terminé, rapport "
        "disponible ; interrupted : perdu par le serveur, à déposer de nouveau (voir `error`) ; "
        "failed : échec (voir `error`)."
    )
    filename: str = Field(description="Nom de l'archive déposée.")
    size: int = Field(description="Taille de l'archive, en octets.")
    profile: str
    done: int = Field(description="Modèles analysés jusqu'ici.")
    total: int = Field(description="Modèles à analyser (0 tant que l'archive est lue).")
    error: str | None = Field(description="Pourquoi l'audit a échoué ou a été interrompu.")
    totals: dict[str, Any] | None = Field(
        description="Une fois terminé : modèles analysés, illisibles, mots, remarques, score "
        "moyen et médian (la clé `totals` du rapport JSON)."
    )
    errors: int | None = Field(
        description="Une fois terminé : fichiers non analysés (illisibles, refusés) ; le "
        "rapport donne chacun avec la raison."
    )
    created_at: datetime
    started_at: datetime | None
    finished_at: datetime | None
    links: AuditLinks
