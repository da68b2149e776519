"""The app factory: settings, storage, engine, routes, pages and limits, put together."""

from __future__ import annotations

import asyncio
import contextlib
import fcntl
import logging
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from pathlib import Path

from fastapi import FastAPI, Request, Response
from fastapi.staticfiles import StaticFiles

from api import pages
from api.audit_runner import AuditRunner
from api.audits import archive_too_large, purge_expired_audits
from api.engine import Engine
from api.errors import Problem, install_error_handlers, problem_response
from api.letters import purge_expired
from api.live import Live
from api.routes import (
    analysis,
    audits,
    languagetool,
    letters,
    rules,
    tokens,
    workshop_sockets,
    workshops,
)
from api.routes.inputs import too_large
from api.services import Services
from api.settings import Settings
from api.storage.audit_files import AuditFiles
from api.storage.database import Database, migrate
from api.storage.files import FileStore
from simplify.version import __version__

log = logging.getLogger("api")
STATIC = Path(__file__).resolve().parent / "static"
PURGE_EVERY_SECONDS = 6 * 3600
DESCRIPTION = """\
Analyse et réécriture de lettres administratives en langage clair (profil `clair`) ou en
facile à lire et à comprendre (profil `falc`).

- **Sans compte** (si `public_analysis` est vrai) : `POST /analyse`, `POST /rewrite`,
  `GET /rules`, `POST /v2/check` (compatible LanguageTool). Rien n'est enregistré.
- **Avec un jeton** (`POST /tokens`, puis en-tête `Authorization: Bearer …`) : les lettres,
  leurs versions, les décisions sur les propositions et l'export en Word avec révisions ; les
  audits d'archives de modèles (`POST /audits`), menés en arrière-plan.

Toutes les erreurs ont la même forme (`application/problem+json`) : `type`, `title`,
`status`, `detail` en français.
"""


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or Settings()
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    database = Database(settings.resolved_database_url)
    with migration_lock(settings.data_dir):
        migrate(database.engine)
    files = FileStore(settings.files_dir)
    audit_files = AuditFiles(settings.audits_dir)
    engine = Engine(cache_sentences=settings.parse_cache_sentences)
    runner = AuditRunner(database, audit_files, settings)
    live = Live(settings, database, engine)

    @contextlib.asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        if settings.warm_up:
            engine.warm_up()
        _purge(database, files, audit_files, engine, settings)
        task = asyncio.create_task(
            _purge_periodically(database, files, audit_files, engine, settings)
        )
        runner.start()
        try:
            async with live.running():
                yield
        finally:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task
            await asyncio.to_thread(runner.stop)
            database.dispose()

    app = FastAPI(
        title="Simplify — lettres administratives claires",
        version=__version__,
        description=DESCRIPTION,
        lifespan=lifespan,
        openapi_url="/api/v1/openapi.json",
        docs_url="/api/v1/docs",
        redoc_url=None,
    )
    app.state.settings = settings
    app.state.database = database
    app.state.files = files
    app.state.audit_files = audit_files
    app.state.audit_runner = runner
    app.state.engine = engine
    app.state.live = live
    install_error_handlers(app)
    for router in (
        analysis.router,
        rules.router,
        languagetool.router,
        letters.router,
        audits.router,
        tokens.router,
    ):
        app.include_router(router, prefix="/api/v1")
    app.include_router(pages.router)
    app.include_router(workshops.router)
    app.include_router(workshop_sockets.router)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    _install_limits(app, settings)
    return app


def _install_limits(app: FastAPI, settings: Settings) -> None:
    @app.middleware("http")
    async def limits(
        request: Request, call_next: Callable[[Request], Awaitable[Response]]
    ) -> Response:
        length = request.headers.get("content-length", "")
        # Room for the multipart envelope and form fields around the file itself.
        if request.url.path.rstrip("/") == "/api/v1/audits":
            limit, problem = settings.audit_max_upload_bytes, archive_too_large
        else:
            limit, problem = settings.max_upload_bytes, too_large
        if length.isdigit() and int(length) > limit + 200_000:
            return problem_response_for(request, problem(limit))
        response = await call_next(request)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "same-origin")
        if response.headers.get("content-type", "").startswith("text/html"):
            response.headers.setdefault(
                "Content-Security-Policy",
                "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'; "
                "form-action 'self'; base-uri 'none'",
            )
        return response


@contextlib.contextmanager
def migration_lock(folder: Path) -> Iterator[None]:
    """One process at a time migrates: uvicorn workers start together and would otherwise
    create the same tables at once."""
    with (folder / ".migration.lock").open("w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def problem_response_for(request: Request, problem: Problem) -> Response:
    return problem_response(request, problem.status, problem.detail, **problem.extra)


def _purge(
    database: Database,
    files: FileStore,
    audit_files: AuditFiles,
    engine: Engine,
    settings: Settings,
) -> None:
    with database.session() as session:
        purge_expired(Services(session, files, engine, settings))
        purge_expired_audits(session, audit_files, settings)


async def _purge_periodically(
    database: Database,
    files: FileStore,
    audit_files: AuditFiles,
    engine: Engine,
    settings: Settings,
) -> None:
    while True:
        await asyncio.sleep(PURGE_EVERY_SECONDS)
        try:
            await asyncio.to_thread(_purge, database, files, audit_files, engine, settings)
        except Exception:  # a failed purge is retried next time; the service goes on
            log.exception("la purge de rétention a échoué")
