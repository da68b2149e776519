"""Workshops in a real headless Chromium against the real service: a facilitator and two
participants in separate browser contexts (separate cookies), live co-editing, votes,
comments, proposals, the record; read-aloud with a stubbed speech engine; and axe-core,
320 px, 200 % zoom, keyboard and touch-target checks on every workshop page.

Without Chromium these tests skip and say so; CI sets SIMPLIFY_REQUIRE_BROWSER=1 so that
they fail there instead.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any, NamedTuple

import pytest
from conftest import (
    CHROMIUM_FLAGS,
    axe_violations,
    chromium,
    no_horizontal_scroll,
    start_server,
    stop_server,
)

EMAIL, PASSWORD = "animatrice@exemple.fr", "mot-de-passe-long"
LETTER = """Objet : votre demande d'aide

Madame,

Nous accusons réception de votre demande. Votre dossier mentionne une créance afférente au \
trop-perçu. Vous devez nous retourner le formulaire avant le 15 juillet 2025.

Nous vous prions d'agréer, Madame, l'expression de nos salutations distinguées.
"""
HARD = "Votre dossier mentionne une créance afférente au trop-perçu."
HOSTILE = "<script>alert(1)</script>"
HOSTILE_IMAGE = '<img src="x" onerror="alert(2)">'
WAIT_MS = 15_000


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """The real service with one agent account (and an API token to upload letters)."""
    from api.auth import create_user, issue_token
    from api.settings import Settings
    from api.storage.database import Database, migrate

    chromium()  # skip before starting anything when there is no browser
    data = tmp_path_factory.mktemp("donnees")
    settings = Settings(data_dir=data)
    database = Database(settings.resolved_database_url)
    migrate(database.engine)
    with database.session() as session:
        user = create_user(session, EMAIL, "Camille", PASSWORD)
        secret, _ = issue_token(session, user, "api", 1)
    database.dispose()
    process, url = start_server(data)
    yield Server(url, secret)
    stop_server(process)


class Server(NamedTuple):
    url: str
    token: str

    def upload(self) -> str:
        """A new letter, uploaded through the API: its id. (A workshop saves versions of its
        letter, so each test reworks a letter of its own.)"""
        import httpx

        response = httpx.post(
            f"{self.url}/api/v1/letters",
            files={"file": ("courrier.txt", LETTER.encode(), "text/plain")},
            headers={"Authorization": f"Bearer {self.token}"},
            timeout=60,
        )
        assert response.status_code == 201, response.text
        return str(response.json()["id"])


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=chromium(), args=CHROMIUM_FLAGS)
        yield launched
        launched.close()


class Pages:
    """Opens pages in separate contexts (one per person) and watches them: a JavaScript
    error or an alert/prompt dialog fails the test; a confirmation is accepted."""

    def __init__(self, browser: Any, url: str) -> None:
        self.browser, self.url = browser, url
        self.contexts: list[Any] = []
        self.errors: list[str] = []

    def new(self, init_script: str | None = None, **options: Any) -> Any:
        context = self.browser.new_context(base_url=self.url, locale="fr-FR", **options)
        context.set_default_timeout(WAIT_MS)
        if init_script:
            context.add_init_script(init_script)
        self.contexts.append(context)
        page = context.new_page()
        page.on("pageerror", lambda error: self.errors.append(f"erreur JS : {error}"))
        page.on("console", self._console)
        page.on("dialog", self._dialog)
        return page

    def _console(self, message: Any) -> None:
        # Any error counts (a style or socket blocked by the Content Security Policy...),
        # except the browser asking for a site icon that the service does not have.
        if message.type == "error" and not message.location.get("url", "").endswith("/favicon.ico"):
            self.errors.append(f"console : {message.text} ({message.location.get('url')})")

    def _dialog(self, dialog: Any) -> None:
        if dialog.type == "confirm":
            dialog.accept()
        else:
            self.errors.append(f"boîte de dialogue {dialog.type} : {dialog.message}")
            dialog.dismiss()

    def close(self) -> None:
        for context in self.contexts:
            context.close()


@pytest.fixture
def pages(browser: Any, server: Server) -> Iterator[Pages]:
    opened = Pages(browser, server.url)
    yield opened
    opened.close()
    assert opened.errors == []


def _facilitator(pages: Pages, letter_id: str) -> tuple[Any, str]:
    """The agent signs in, opens the letter and starts a workshop: (page, join code)."""
    page = pages.new()
    page.goto("/connexion")
    page.get_by_label("Adresse électronique").fill(EMAIL)
    page.get_by_label("Mot de passe").fill(PASSWORD)
    with page.expect_navigation():
        page.get_by_role("button", name="Se connecter").click()
    page.goto(f"/lettres/{letter_id}")
    page.get_by_role("button", name="Lancer un atelier avec des lecteurs").click()
    page.wait_for_url(re.compile(r"/ateliers/[0-9a-f]{32}$"))
    code = page.locator(".join-code [aria-hidden=true]").inner_text().strip()
    assert re.fullmatch(r"[A-Z2-9]{6}", code), code
    page.locator("#passages-liste li").first.wait_for()
    return page, code


def _join(pages: Pages, code: str, name: str, anonymous: bool = False, **options: Any) -> Any:
    page = pages.new(**options)
    page.goto("/ateliers/rejoindre")
    page.get_by_label("Code de l'atelier").fill(code.lower())
    page.get_by_label("Votre prénom (ou un surnom)").fill(name)
    if anonymous:
        page.get_by_label("Ne pas afficher mon prénom dans le compte rendu").check()
    page.get_by_role("button", name="Rejoindre l'atelier").click()
    page.wait_for_url("**/participer")
    page.locator("li.card").nth(3).wait_for()
    return page


FOCUSED_CARD = """() => { const e = document.activeElement;
  return [e.textContent.trim(), e.closest('li.card').querySelector('.sentence').textContent]; }"""


def _card(page: Any, text: str) -> Any:
    return page.locator("li.card", has=page.locator(".sentence", has_text=text))


def _wait_text(page: Any, selector: str, text: str) -> None:
    page.locator(selector, has_text=text).first.wait_for()


def test_workshop_facilitator_and_two_participants_rework_a_letter(
    pages: Pages, server: Server
) -> None:
    from playwright.sync_api import expect

    letter_id = server.upload()
    facilitator, code = _facilitator(pages, letter_id)
    marie = _join(pages, code, "Marie")
    hostile = _join(pages, code, HOSTILE, anonymous=True)
    _wait_text(facilitator, "#presents-liste", "Marie")
    assert HOSTILE in facilitator.locator("#presents-liste").inner_text()

    # The facilitator types at the end of the body: both participants' cards show it, and
    # Marie's focus stays on the button she was on (cards are kept by sentence).
    last = marie.locator("li.card").last
    last.get_by_role("button", name="Je comprends", exact=True).focus()
    line = facilitator.locator(".cm-line", has_text="15 juillet 2025.")
    box = line.bounding_box()
    assert box is not None
    line.click(position={"x": box["width"] - 2, "y": box["height"] - 4})
    facilitator.keyboard.press("End")
    facilitator.keyboard.type(" Appelez-nous si vous avez une question.")
    for participant in (marie, hostile):
        _wait_text(participant, ".sentence", "Appelez-nous si vous avez une question.")
    assert marie.evaluate(FOCUSED_CARD) == [
        "👍 Je comprends",
        "Nous vous prions d'agréer, Madame, l'expression de nos salutations distinguées.",
    ]

    # Votes: the table shows numbers and words, not colour only.
    not_understood = _card(marie, HARD).get_by_role("button", name="Je ne comprends pas")
    not_understood.click()
    expect(not_understood).to_have_attribute("aria-pressed", "true")
    row = facilitator.locator("#avis-lignes tr", has_text="Votre dossier mentionne")
    row.filter(has_text="difficile pour 1 sur 1").wait_for()
    _card(hostile, HARD).get_by_role("button", name="Je comprends", exact=True).click()
    row.filter(has_text="difficile pour 1 sur 2").wait_for()
    assert row.locator("td").all_inner_texts()[1:3] == ["1", "1"]  # 👍 and 👎, as numbers
    assert row.locator("td").first.inner_text().startswith("⚠")  # marked, not only coloured
    facilitator.get_by_role("button", name="Les phrases difficiles en premier").click()
    assert facilitator.locator("#avis-lignes tr").first.inner_text().startswith("⚠ Votre dossier")

    # A comment whose author and text are markup: shown as text, nothing runs (a dialog
    # would fail the test: see Pages).
    card = _card(hostile, HARD)
    card.get_by_role("button", name="Écrire un commentaire").click()
    card.get_by_label("Votre commentaire sur cette phrase").fill(HOSTILE + HOSTILE_IMAGE)
    card.get_by_role("button", name="Envoyer le commentaire").click()
    remark = facilitator.locator("#remarques-liste li", has_text="commentaire")
    remark.wait_for()
    assert remark.inner_text().count(HOSTILE) == 2  # the author's name and the comment
    assert HOSTILE_IMAGE in remark.inner_text()
    assert facilitator.locator("#remarques-liste script, #remarques-liste img").count() == 0
    _wait_text(facilitator, "#annonces", f"Nouveau commentaire de {HOSTILE}.")

    # A proposed wording, accepted: every text has it.
    new_sentence = "Vous avez reçu trop d'argent : vous devez le rendre."
    card = _card(marie, HARD)
    card.get_by_role("button", name="Proposer une autre phrase").click()
    field = card.get_by_label("Votre phrase, plus facile à comprendre")
    assert field.input_value() == HARD
    field.fill(new_sentence)
    card.get_by_role("button", name="Envoyer ma proposition").click()
    proposal = facilitator.locator("#remarques-liste li", has_text="proposition")
    proposal.get_by_role("button", name="Accepter").wait_for()
    assert axe_violations(facilitator) == []  # with votes, a comment and a proposal
    proposal.get_by_role("button", name="Accepter").click()
    proposal.filter(has_text="Proposition acceptée.").wait_for()
    _wait_text(facilitator, ".cm-content", new_sentence)
    for participant in (marie, hostile):
        _wait_text(participant, ".sentence", new_sentence)
    # Marie was on her card's button: the card changed its sentence but kept her focus.
    assert marie.evaluate(FOCUSED_CARD) == ["✏️ Proposer une autre phrase", new_sentence]

    # An engine's proposal applied for everyone.
    finding = facilitator.locator("#passages-liste li", has_text="Formule de politesse")
    finding.get_by_role("button", name="Appliquer pour tous").click()
    for participant in (marie, hostile):
        _wait_text(participant, ".sentence", "Bien cordialement,")

    # The facilitator lets participants write; Marie edits in the plain textarea.
    assert marie.locator("#edition").is_hidden()
    facilitator.get_by_label("Les participants peuvent modifier le texte").check()
    area = marie.locator("textarea[aria-label='Texte de la lettre']")
    expect(area).to_be_editable()
    area.click()
    marie.keyboard.press("Control+End")
    marie.keyboard.type(" Bonne journée.")
    _wait_text(facilitator, ".cm-content", "Bonne journée.")

    # A saved version starts a new round of votes; then the workshop ends.
    facilitator.get_by_role("button", name="Enregistrer la version validée en atelier").click()
    _wait_text(facilitator, "#annonces", "Version 2 enregistrée")
    _card(marie, "Nous accusons").get_by_role("button", name="Je comprends", exact=True).click()
    facilitator.locator("#avis-lignes tr", has_text="comprise par 1 sur 1").wait_for()
    facilitator.get_by_role("button", name="Terminer l'atelier").click()
    facilitator.locator("#fin").wait_for()
    for participant in (marie, hostile):
        participant.locator("#fin", has_text="L'atelier est terminé. Merci !").wait_for()
        assert participant.locator("button.vote").first.is_disabled()

    facilitator.get_by_role("link", name="Voir le compte rendu de l'atelier").click()
    facilitator.wait_for_url("**/compte-rendu")
    record = facilitator.locator("main").inner_text()
    hard = facilitator.locator("ol.hard > li").first
    assert HARD in hard.inner_text()
    assert hard.locator("tbody tr").first.locator("th, td").all_inner_texts() == [
        "Tour 1 (texte de départ)",
        "1",
        "1",
    ]
    assert "Prénoms : Marie." in record and "1 participant(s) anonyme(s)." in record
    # The comment, as text; its anonymous author is not named.
    assert record.count(HOSTILE) == 1 and HOSTILE_IMAGE in record
    assert f"« {new_sentence} »" in record or new_sentence in record
    evidence = facilitator.locator("dl.evidence")
    assert evidence.locator("dt").first.inner_text().startswith("RLS-2.1")
    assert evidence.locator("dd").first.inner_text().startswith("Oui")
    assert evidence.locator("dt").nth(1).inner_text().startswith("RLS-6.6")
    assert re.sub(r"\s+", " ", evidence.locator("dd").nth(1).inner_text()).startswith(
        "1 phrase(s) sur 1 comprise(s) par tous au dernier tour"
    )
    assert "[+]" in record and "[−]" in record and "Appelez-nous" in record
    link = facilitator.get_by_role("link", name=re.compile("Télécharger la lettre finale"))
    assert link.get_attribute("href") == (
        f"/lettres/{letter_id}/telecharger?format=docx&mode=tracked"
    )


SPEECH_STUB = """
window.__spoken = [];
const voice = {name: "Voix de test", lang: "fr-FR", localService: true, default: true,
               voiceURI: "test"};
speechSynthesis.getVoices = () => [voice];
speechSynthesis.speak = (u) => window.__spoken.push({text: u.text, lang: u.lang, rate: u.rate});
speechSynthesis.cancel = () => {};
"""


def test_workshop_read_aloud_in_french_or_says_it_cannot(pages: Pages, server: Server) -> None:
    _, code = _facilitator(pages, server.upload())
    page = _join(pages, code, "Lou", init_script=SPEECH_STUB)
    first = page.locator("li.card").first
    first.get_by_role("button", name="Écouter").click()
    spoken = page.evaluate("window.__spoken")
    assert spoken == [
        {
            "text": first.locator(".sentence").inner_text(),
            "lang": "fr-FR",
            "rate": pytest.approx(0.9),
        }
    ]
    page.get_by_role("button", name="Écouter toute la lettre").click()
    assert len(page.evaluate("window.__spoken")) == 1 + page.locator("li.card").count()

    # Headless Chromium has no voice at all: the page says so instead of a dead button.
    silent = _join(pages, code, "Sam")
    notice = silent.get_by_text(
        "La lecture à voix haute n'est pas disponible sur cet appareil (aucune voix française)."
    )
    notice.wait_for()
    assert silent.get_by_role("button", name="Écouter").count() == 0


FOCUSABLE = """() => [...document.querySelectorAll(
  'a[href], button, input, textarea, select, [tabindex="0"], [contenteditable="true"]')]
  .filter(e => !e.disabled && e.getClientRects().length && getComputedStyle(e).visibility !== 'hidden')
  .length"""
FOCUS_STEP = """() => {
  let e = document.activeElement;
  e.dataset.reached = '1';
  while (e.shadowRoot && e.shadowRoot.activeElement) e = e.shadowRoot.activeElement;
  // CodeMirror (in its shadow root) draws the focus ring around the whole editor, once it
  // has noticed the focus (on its next update).
  const editor = e.closest('.cm-editor');
  if (editor && !editor.classList.contains('cm-focused')) return null;
  const ring = getComputedStyle(editor || e);
  return [e.tagName, e.className, ring.outlineStyle, parseFloat(ring.outlineWidth)]; }"""
UNREACHED = """() => [...document.querySelectorAll(
  'a[href], button, input, textarea, select, [tabindex="0"], [contenteditable="true"]')]
  .filter(e => !e.disabled && e.getClientRects().length && !e.dataset.reached)
  .map(e => e.outerHTML.slice(0, 80))"""


def _tab_through(page: Any) -> set[str]:
    """Tab reaches every control, and each shows a visible focus outline (3 px): the
    classes of the elements reached."""
    count = page.evaluate(FOCUSABLE)
    reached = set()
    for _ in range(count + 5):
        page.keyboard.press("Tab")
        tag, classes, style, width = page.wait_for_function(FOCUS_STEP).json_value()
        if tag != "BODY":
            assert style != "none" and width >= 3, (tag, classes, style, width)
            reached.update(classes.split())
    assert page.evaluate(UNREACHED) == []
    return reached


def _fits(page: Any) -> None:
    for width in (320, 640):  # 640 CSS px: a 1280 px window at 200 % zoom
        page.set_viewport_size({"width": width, "height": 800})
        assert no_horizontal_scroll(page), width
    page.set_viewport_size({"width": 1280, "height": 800})


def test_workshop_pages_are_accessible(pages: Pages, server: Server) -> None:
    facilitator, code = _facilitator(pages, server.upload())

    joining = pages.new()
    joining.goto("/ateliers/rejoindre")
    assert axe_violations(joining) == []
    joining.get_by_label("Code de l'atelier").fill("ZZZZZZ")
    joining.get_by_label("Votre prénom (ou un surnom)").fill("Léa")
    joining.get_by_role("button", name="Rejoindre l'atelier").click()
    alert = joining.get_by_role("alert")
    assert "Aucun atelier ouvert" in alert.inner_text()
    code_field = joining.get_by_label("Code de l'atelier")
    assert code_field.get_attribute("aria-invalid") == "true"
    assert "erreur" in (code_field.get_attribute("aria-describedby") or "")
    assert axe_violations(joining) == []
    _tab_through(joining)
    expected = "404 (Not Found) (" + server.url + "/ateliers/rejoindre)"
    pages.errors = [error for error in pages.errors if not error.endswith(expected)]

    participant = _join(pages, code, "Léa")
    participant.locator("#sans-voix").wait_for()  # (no voice in headless Chromium)
    card = participant.locator("li.card", has=participant.locator("button.term")).first
    term = card.locator("button.term").first
    assert term.get_attribute("aria-expanded") == "false"
    term.click()
    assert term.get_attribute("aria-expanded") == "true"
    meaning = participant.locator(f"#{term.get_attribute('aria-controls')}")
    assert meaning.is_visible() and "somme" in meaning.inner_text()
    card.get_by_role("button", name="Écrire un commentaire").click()
    assert axe_violations(participant) == []
    sizes = participant.evaluate(
        """() => [...document.querySelectorAll('button')]
        .filter(b => b.getClientRects().length)
        .map(b => { const r = b.getBoundingClientRect();
                    return [b.textContent.trim(), r.width, r.height]; })"""
    )
    assert sizes and all(w >= 44 and h >= 44 for _, w, h in sizes), sizes
    font = participant.locator(".sentence").first.evaluate(
        "e => { const s = getComputedStyle(e); return [parseFloat(s.fontSize), "
        "parseFloat(s.lineHeight) / parseFloat(s.fontSize), s.textAlign, s.fontStyle, "
        "s.fontFamily]; }"
    )
    assert font[0] >= 20 and font[1] >= 1.45 and font[2] in {"left", "start"}, font
    assert font[3] == "normal" and "sans-serif" in font[4], font
    _fits(participant)
    _tab_through(participant)

    facilitator.locator("#avis-lignes tr").first.wait_for()
    assert axe_violations(facilitator) == []
    _fits(facilitator)
    assert "cm-content" in _tab_through(facilitator)  # into the editor, and out of it
    facilitator.get_by_role("button", name="Mode simple (lecteur d'écran)").click()
    visible = facilitator.get_by_role("textbox", name="Texte de la lettre", exact=True)
    assert visible.evaluate("e => e.tagName") == "TEXTAREA"
    assert "Nous accusons réception" in visible.input_value()
    assert axe_violations(facilitator) == []

    facilitator.get_by_role("button", name="Terminer l'atelier").click()
    facilitator.get_by_role("link", name="Voir le compte rendu de l'atelier").click()
    facilitator.wait_for_url("**/compte-rendu")
    assert axe_violations(facilitator) == []
    _fits(facilitator)
