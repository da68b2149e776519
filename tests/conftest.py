"""Shared fixtures: the built-in rule set and analysis with the real spaCy model."""

from __future__ import annotations

import itertools
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any, NoReturn

import pytest

from simplify.analysis import Report, analyse
from simplify.rules.registry import RuleSet, load_builtin

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpora" / "letters"


@pytest.fixture(scope="session")
def rules() -> RuleSet:
    return load_builtin()


@pytest.fixture(scope="session")
def run(rules: RuleSet) -> Callable[..., Report]:
    """analyse() with the built-in rules (model loaded once for the session)."""

    def _run(text: str, profile: str = "clair", **options: object) -> Report:
        return analyse(text, profile=profile, rules=rules, **options)  # type: ignore[arg-type]

    return _run


def make_docx(text: str, layout: Mapping[str, Any] | None = None) -> bytes:
    """A real .docx of text (paragraphs split on blank lines) with the formatting a layout
    example asks for: size, font, second_font, italic/bold/underline/caps (a passage),
    align, first_line_indent_cm, line_spacing, hyphenation, columns, footnote (after a
    word), pages (as recorded by Word), page_numbers."""
    import io

    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Cm, Pt

    layout = dict(layout or {})
    document = docx.Document()
    normal = document.styles["Normal"]
    if "size" in layout:
        normal.font.size = Pt(float(layout["size"]))
    if "font" in layout:
        normal.font.name = str(layout["font"])
    paragraph_format = normal.paragraph_format
    paragraph_format.line_spacing = float(layout.get("line_spacing", 1.5))
    alignments = {
        "left": WD_ALIGN_PARAGRAPH.LEFT,
        "justify": WD_ALIGN_PARAGRAPH.JUSTIFY,
        "center": WD_ALIGN_PARAGRAPH.CENTER,
    }
    paragraph_format.alignment = alignments[str(layout.get("align", "left"))]
    if "first_line_indent_cm" in layout:
        paragraph_format.first_line_indent = Cm(float(layout["first_line_indent_cm"]))
    marks = {
        key: str(layout[key]) for key in ("italic", "bold", "underline", "caps") if key in layout
    }
    for index, block in enumerate(text.split("\n\n")):
        paragraph = document.add_paragraph()
        cuts = {0, len(block)}
        footnote = str(layout.get("footnote", ""))
        for passage in [*marks.values(), *([footnote] if footnote else [])]:
            if passage in block:
                cuts |= {block.index(passage), block.index(passage) + len(passage)}
        points = sorted(cuts)
        for start, end in itertools.pairwise(points):
            piece = block[start:end]
            run = paragraph.add_run(piece)
            for key, passage in marks.items():
                if passage in block and block.index(passage) <= start < block.index(passage) + len(
                    passage
                ):
                    setattr(
                        run.font,
                        {
                            "italic": "italic",
                            "bold": "bold",
                            "underline": "underline",
                            "caps": "all_caps",
                        }[key],
                        True,
                    )
            if index == 1 and "second_font" in layout:
                run.font.name = str(layout["second_font"])
            if footnote and piece.endswith(footnote):
                reference = OxmlElement("w:r")
                mark = OxmlElement("w:footnoteReference")
                mark.set(qn("w:id"), "1")
                reference.append(mark)
                run._r.addnext(reference)
    if layout.get("hyphenation"):
        document.settings.element.append(OxmlElement("w:autoHyphenation"))
    if "columns" in layout:
        columns = OxmlElement("w:cols")
        columns.set(qn("w:num"), str(layout["columns"]))
        document.sections[0]._sectPr.append(columns)
    if layout.get("page_numbers"):
        footer = document.sections[0].footer.paragraphs[0]
        footer.add_run("Page ")
        field = OxmlElement("w:fldSimple")
        field.set(qn("w:instr"), "PAGE")
        field_run = OxmlElement("w:r")
        field_text = OxmlElement("w:t")
        field_text.text = "1"
        field_run.append(field_text)
        field.append(field_run)
        footer._p.append(field)
    output = io.BytesIO()
    document.save(output)
    data = output.getvalue()
    if "pages" in layout:
        data = _with_recorded_pages(data, int(layout["pages"]))
    return data


def _with_recorded_pages(data: bytes, pages: int) -> bytes:
    """Set docProps/app.xml's <Pages>, as Word records it on save."""
    import io
    import re
    import zipfile

    source = zipfile.ZipFile(io.BytesIO(data))
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            content = source.read(item.filename)
            if item.filename == "docProps/app.xml":
                content = re.sub(
                    rb"<Pages>\d+</Pages>", f"<Pages>{pages}</Pages>".encode(), content
                )
                if b"<Pages>" not in content:
                    content = content.replace(
                        b"</Properties>", f"<Pages>{pages}</Pages></Properties>".encode()
                    )
            target.writestr(item, content)
    return output.getvalue()


W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def docx_with_body(body: str, header: str | None = None, footer: str | None = None) -> bytes:
    """A real .docx whose body (and header, footer) are the given WordprocessingML
    paragraphs, written with the `w:` prefix (no namespace declaration needed)."""
    import io

    import docx
    from lxml import etree

    def fragment(xml: str) -> list[Any]:
        root = etree.fromstring(f'<w:root xmlns:w="{W_NS}">{xml}</w:root>')
        return list(root)

    document = docx.Document()
    body_element = document.element.body
    section = body_element[-1]  # w:sectPr stays last
    for child in list(body_element)[:-1]:
        body_element.remove(child)
    for element in fragment(body):
        section.addprevious(element)
    for xml, part in ((header, document.sections[0].header), (footer, document.sections[0].footer)):
        if xml is None:
            continue
        story = part._element
        for child in list(story):
            story.remove(child)
        for element in fragment(xml):
            story.append(element)
    output = io.BytesIO()
    document.save(output)
    return output.getvalue()


# --- LibreOffice, the real client of our Word files -----------------------------------------


def missing(message: str, required_by: str) -> NoReturn:
    """A real component (LibreOffice, Chromium, PostgreSQL) is absent: the test skips and says
    so, but fails where the environment variable `required_by` is 1 (CI sets them)."""
    import os

    if os.environ.get(required_by) == "1":
        pytest.fail(message)
    pytest.skip(message)


def soffice() -> str:
    """The LibreOffice command; skips without it, but fails in CI (SIMPLIFY_REQUIRE_LIBREOFFICE)."""
    import shutil

    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found is None:
        missing(
            "LibreOffice (soffice) est absent : les vérifications par un vrai client sont "
            "sautées (installez le paquet Debian libreoffice-writer-nogui)",
            "SIMPLIFY_REQUIRE_LIBREOFFICE",
        )
    return found


@pytest.fixture
def postgres_url() -> str:
    """An empty PostgreSQL database (.ci/postgres starts one and CI sets
    SIMPLIFY_TEST_DATABASE_URL); skips without it, but fails in CI."""
    import os

    url = os.environ.get("SIMPLIFY_TEST_DATABASE_URL", "")
    if not url.startswith("postgresql"):
        missing(
            "PostgreSQL absent (SIMPLIFY_TEST_DATABASE_URL non défini) : tests sautés ; "
            "bash .ci/postgres en démarre un",
            "SIMPLIFY_REQUIRE_POSTGRES",
        )
    from sqlalchemy import create_engine, text

    engine = create_engine(url)
    with engine.begin() as connection:
        connection.execute(text("DROP SCHEMA public CASCADE"))
        connection.execute(text("CREATE SCHEMA public"))
    engine.dispose()
    return url


def libreoffice_revisions(docx: bytes, folder: Path) -> tuple[int, int]:
    """How many tracked changes and comments LibreOffice finds in a Word file (it converts the
    file to ODF, where both are explicit elements)."""
    import io
    import subprocess
    import zipfile

    from lxml import etree

    command = soffice()
    source = folder / "export.docx"
    source.write_bytes(docx)
    subprocess.run(
        [
            command,
            f"-env:UserInstallation=file://{folder / 'profil'}",
            "--headless",
            "--convert-to",
            "odt",
            "--outdir",
            str(folder),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    content = etree.fromstring(
        zipfile.ZipFile(io.BytesIO((folder / "export.odt").read_bytes())).read("content.xml")
    )
    text = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
    office = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
    changes = len(content.findall(f".//{{{text}}}changed-region"))
    comments = len(content.findall(f".//{{{office}}}annotation"))
    return changes, comments


# --- the web service ----------------------------------------------------------------------------

PROBLEM_KEYS = {"type", "title", "status", "detail"}


def assert_problem(response: Any, status: int, *words: str) -> dict[str, Any]:
    """The one check of the API's error shape: problem details in French, with the status,
    and a detail that contains each of `words`."""
    assert response.status_code == status, response.text[:500]
    assert response.headers["content-type"].startswith("application/problem+json")
    body = response.json()
    assert set(body) >= PROBLEM_KEYS, body
    assert body["status"] == status
    from api.errors import TITLES

    assert body["title"] == TITLES[status]
    assert body["detail"].strip() and body["detail"] not in {"Not Found", "Method Not Allowed"}
    for word in words:
        assert word in body["detail"], body["detail"]
    return dict(body)


@pytest.fixture
def api_settings(tmp_path: Path) -> Any:
    from api.settings import Settings

    return Settings(data_dir=tmp_path / "data")


@pytest.fixture
def api_app(api_settings: Any) -> Any:
    from api.app import create_app

    return create_app(api_settings)


@pytest.fixture
def client(api_app: Any) -> Any:
    from fastapi.testclient import TestClient

    with TestClient(api_app) as test_client:
        yield test_client


def add_user(app: Any, email: str, password: str = "mot-de-passe-long") -> str:
    """Create an account in the app's database and return a bearer token for it."""
    from api.auth import create_user, issue_token

    with app.state.database.session() as session:
        user = create_user(session, email, email.split("@", maxsplit=1)[0], password)
        secret, _ = issue_token(session, user, "api", 1)
    return secret


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """An empty database: SQLite (the embedded default) and PostgreSQL (skipped without one,
    required in CI)."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'base.sqlite3'}"
    return str(request.getfixturevalue("postgres_url"))


def start_server(data: Path, env: Mapping[str, str] | None = None) -> tuple[Any, str]:
    """The real service, started as a user starts it (uvicorn in its own process, in its own
    process group so that a test can kill it with everything it started), on a free port with
    `data` as its data folder. Returns the process and the base URL once it answers."""
    import os
    import socket
    import subprocess
    import sys
    import time
    import urllib.request

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    log_path = data / "serveur.log"
    with log_path.open("a") as log:
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "uvicorn",
                "api.app:create_app",
                "--factory",
                "--host",
                "127.0.0.1",
                "--port",
                str(port),
                "--log-level",
                "warning",
            ],
            env={**os.environ, "SIMPLIFY_DATA_DIR": str(data), **(env or {})},
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120
    while True:
        assert process.poll() is None, log_path.read_text()
        assert time.monotonic() < deadline, "le serveur n'a pas démarré"
        try:
            with urllib.request.urlopen(f"{url}/api/v1/rules", timeout=2):
                return process, url
        except OSError:
            time.sleep(0.2)


def stop_server(process: Any) -> None:
    """Stop the server as its user would (SIGTERM), then whatever it left in its group (the
    engine's forked file reader does not follow its parent)."""
    import contextlib
    import os
    import signal
    import subprocess

    process.terminate()
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)


# --- a real browser: Debian's Chromium driven by Playwright, with axe-core -------------------

CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]


def chromium() -> str:
    """The Chromium command; skips without it, but fails in CI (SIMPLIFY_REQUIRE_BROWSER)."""
    import os
    import shutil

    found = os.environ.get("SIMPLIFY_CHROMIUM") or shutil.which("chromium")
    if found is None:
        missing(
            "Chromium est absent : les tests dans un vrai navigateur sont sautés",
            "SIMPLIFY_REQUIRE_BROWSER",
        )
    return found


def axe_violations(page: Any) -> list[str]:
    """axe-core's violations on the page (WCAG 2.2 A/AA and best practices), one line each."""
    from axe_playwright_python.sync_playwright import Axe

    options = {"runOnly": {"type": "tag", "values": AXE_TAGS}}
    results = Axe().run(page, options=options)
    return [
        f"{v['id']}: {v['help']} ({', '.join(n['target'][0] for n in v['nodes'][:3])})"
        for v in results.response["violations"]
    ]


def no_horizontal_scroll(page: Any) -> bool:
    return bool(
        page.evaluate(
            "document.documentElement.scrollWidth <= document.documentElement.clientWidth"
        )
    )
