"""The agents' pages in a real headless Chromium (Debian's, driven by Playwright), with
axe-core: the whole journey by keyboard, 320 px and 200 % zoom, visible focus, 0 violations.

Without Chromium these tests skip and say so; CI sets SIMPLIFY_REQUIRE_BROWSER=1 so that
they fail there instead.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import pytest
from conftest import (
    CHROMIUM_FLAGS,
    ROOT,
    axe_violations,
    chromium,
    libreoffice_revisions,
    no_horizontal_scroll,
    start_server,
    stop_server,
)

WORD = ROOT / "corpora" / "word" / "01-indu-rsa.docx"
EMAIL, PASSWORD = "agent@exemple.fr", "mot-de-passe-long"


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The real service, started as a user starts it (uvicorn in its own process), with one
    account created in its database."""
    from api.auth import create_user
    from api.settings import Settings
    from api.storage.database import Database, migrate

    data = tmp_path_factory.mktemp("donnees")
    settings = Settings(data_dir=data)
    database = Database(settings.resolved_database_url)
    migrate(database.engine)
    with database.session() as session:
        create_user(session, EMAIL, "Agent", PASSWORD)
    database.dispose()
    process, url = start_server(data)
    yield url
    stop_server(process)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    executable = chromium()
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_FLAGS)
        yield launched
        launched.close()


@pytest.fixture
def page(browser: Any, server: str) -> Iterator[Any]:
    context = browser.new_context(base_url=server, locale="fr-FR", accept_downloads=True)
    opened = context.new_page()
    yield opened
    context.close()


def _sign_in_by_keyboard(page: Any) -> None:
    page.goto("/lettres")
    assert page.url.endswith("/connexion?suite=/lettres")
    page.keyboard.press("Tab")  # the skip link comes first
    assert page.evaluate("document.activeElement.textContent") == "Aller au contenu"
    page.get_by_label("Adresse électronique").focus()
    page.keyboard.type(EMAIL)
    page.keyboard.press("Tab")
    page.keyboard.type(PASSWORD)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert urlparse(page.url).path == "/lettres"


def _upload(page: Any) -> str:
    page.get_by_label("Fichier de la lettre").set_input_files(str(WORD))
    page.get_by_role("button", name="Analyser la lettre").click()
    page.wait_for_url("**/lettres/*")
    return str(page.url)


def test_browser_journey_sign_in_upload_accept_two_download(
    page: Any, server: str, tmp_path: Path
) -> None:
    _sign_in_by_keyboard(page)
    letter_url = _upload(page)
    assert page.get_by_role("heading", name="Score de clarté").is_visible()
    accept_buttons = page.get_by_role("button", name="Accepter")
    assert accept_buttons.count() >= 2
    # Two proposals accepted by keyboard: focus the button, press Enter.
    for _ in range(2):
        button = page.locator('button.accept:not([aria-pressed="true"])').first
        button.focus()
        with page.expect_navigation():
            page.keyboard.press("Enter")
        assert page.get_by_role("status").inner_text().startswith("Proposition acceptée")
    assert page.locator('button.accept[aria-pressed="true"]').count() == 2
    assert page.locator(".comparison ins, .comparison del").count() >= 2
    with page.expect_download() as waiting:
        page.get_by_role(
            "link", name="Word avec les modifications suivies et commentées (.docx)"
        ).click()
    download = waiting.value
    saved = tmp_path / "telecharge.docx"
    download.save_as(saved)
    assert download.suggested_filename.endswith("-suivi.docx")
    changes, comments = libreoffice_revisions(saved.read_bytes(), tmp_path)
    assert changes >= 2 and comments >= 2
    assert page.url.startswith(letter_url)


def test_browser_pages_have_noaxe_violations(page: Any, server: str) -> None:
    page.goto("/connexion")
    assert axe_violations(page) == []
    page.get_by_label("Adresse électronique").fill(EMAIL)
    page.get_by_label("Mot de passe").fill("mauvais")
    with page.expect_navigation():
        page.get_by_role("button", name="Se connecter").click()
    assert page.get_by_role("alert").is_visible()
    assert axe_violations(page) == []
    _sign_in_by_keyboard(page)
    assert axe_violations(page) == []
    page.get_by_label("Fichier de la lettre").set_input_files(
        files=[{"name": "tableau.xlsx", "mimeType": "application/octet-stream", "buffer": b"PK"}]
    )
    with page.expect_navigation():
        page.get_by_role("button", name="Analyser la lettre").click()
    assert "tableur" in page.get_by_role("alert").inner_text()
    assert axe_violations(page) == []
    letter_url = _upload(page)
    with page.expect_navigation():
        page.locator("button.accept").first.click()
    assert "?ok=acceptee" in page.url and page.url.startswith(letter_url)
    assert axe_violations(page) == []
    page.goto("/lettres/inconnue", wait_until="load")
    assert axe_violations(page) == []


@pytest.mark.parametrize(("width", "scale"), [(320, 1), (640, 2)])
def test_browser_pages_fit_narrow_screens_and_200_percent_zoom(
    browser: Any, server: str, width: int, scale: int
) -> None:
    # 200 % zoom on a 1280 px window is a 640 CSS px viewport at twice the pixel density.
    context = browser.new_context(
        base_url=server, viewport={"width": width, "height": 800}, device_scale_factor=scale
    )
    page = context.new_page()
    page.goto("/connexion")
    assert no_horizontal_scroll(page)
    _sign_in_by_keyboard(page)
    assert no_horizontal_scroll(page)
    _upload(page)
    assert no_horizontal_scroll(page)
    context.close()


def test_browser_focus_is_always_visible(page: Any, server: str) -> None:
    _sign_in_by_keyboard(page)
    _upload(page)
    seen = 0
    for _ in range(40):
        page.keyboard.press("Tab")
        style = page.evaluate(
            "(() => { const e = document.activeElement; const s = getComputedStyle(e);"
            " return [e.tagName, s.outlineStyle, s.outlineWidth]; })()"
        )
        if style[0] == "BODY":
            continue
        seen += 1
        assert style[1] != "none" and style[2] != "0px", style
    assert seen >= 30


def test_browser_drop_a_file_or_paste_text(page: Any, server: str) -> None:
    _sign_in_by_keyboard(page)
    page.evaluate(
        """() => {
        const data = new DataTransfer();
        data.items.add(new File(["Madame, nous accusons réception de votre demande."],
                                "lettre.txt", {type: "text/plain"}));
        const zone = document.querySelector("[data-dropzone]");
        zone.dispatchEvent(new DragEvent("drop", {dataTransfer: data, bubbles: true,
                                                  cancelable: true}));
        }"""
    )
    assert page.locator("[data-dropzone-status]").inner_text() == "Fichier choisi : lettre.txt"
    page.get_by_role("button", name="Analyser la lettre").click()
    page.wait_for_url("**/lettres/*")
    assert "accusons réception" in page.locator(".annotated").inner_text()
    page.goto("/lettres")
    page.get_by_label("Ou collez le texte de la lettre").fill(
        "Je vous saurais gré de nous répondre avant le 15/07/2025."
    )
    page.get_by_label("Titre (facultatif)").fill("Relance")
    page.get_by_role("button", name="Analyser la lettre").click()
    page.wait_for_url("**/lettres/*")
    assert page.get_by_role("heading", level=1).inner_text() == "Relance"
    assert page.locator("mark").count() >= 1


def test_browser_axe_check_can_fail(page: Any) -> None:
    page.set_content(
        '<html lang="fr"><head><title>t</title></head><body><main><h1>Essai</h1>'
        '<input type="text"></main></body></html>'
    )
    assert any(v.startswith("label:") for v in axe_violations(page))
