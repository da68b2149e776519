"""Choose the PDF text library on measurement: pdfplumber or pypdf, on PDFs built from the corpus.

python -m benchmarks.evaluate_pdf [--keep DIR] [--details]

Builds test PDFs in a temporary folder, reproducibly: (a) every `corpora/letters/*/original.txt`
rendered with reportlab (A4, the letterhead repeated at the top of every page, a footer line and
"Page N sur M" at the bottom, wrapped paragraphs, four layouts of which two print on two pages
for most letters); (b) if `soffice` is on the PATH, every `corpora/word/*.docx` converted by
LibreOffice. Each PDF is read four ways: pdfplumber with the reader's paragraph rebuild (what
`simplify.formats.pdf_read` does), pypdf's layout mode fed to the same rebuild, and both
libraries' plain `extract_text()` with one printed line per paragraph (no rebuild). Each is
compared to the reference text: for (a) the paragraphs that were printed (the letter's lines as
`simplify.segment` groups them, letterhead first, footer last), for (b) the paragraphs of the
.docx (header, body with table cells one by one, footer), page numbers left out in both. The
measures: word-sequence similarity (difflib's ratio on word tokens), paragraph-boundary
precision and recall (paragraph starts, on the words both texts share), placeholders
(`{{ }}`, `{% %}`, `«…»`) of the reference found whole inside one paragraph, time per page.
"""

from __future__ import annotations

import argparse
import difflib
import io
import re
import shutil
import subprocess
import tempfile
import time
import unicodedata
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from simplify.formats.pdf_read import PdfLine, PdfPage, assemble, extract_pdf
from simplify.segment import split_blocks

ROOT = Path(__file__).resolve().parent.parent
LETTERS = ROOT / "corpora" / "letters"
WORD = ROOT / "corpora" / "word"
FONT_DIRS = (
    Path("/usr/share/fonts/truetype/liberation2"),
    Path("/usr/share/fonts/truetype/liberation"),
)

PLACEHOLDER = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|«[^»\n]{1,60}»")
PAGE_LINE = re.compile(r"(?i)^\s*(?:page\s*)?\d{1,3}(?:\s*(?:/|sur)\s*\d{1,3})?\s*$")
W_NS = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@dataclass(frozen=True)
class Layout:
    """One way of printing a letter with reportlab."""

    name: str
    serif: bool
    size: float
    leading: float  # baseline distance, in points
    justified: bool
    first_line_indent: float  # points, for paragraphs (lines of 100 characters or more)
    group_space: float  # extra space where the letter has a blank line
    hyphenate: bool


LAYOUTS = (
    Layout("sans 11, ragged", False, 11, 13.2, False, 0, 8, False),
    Layout("serif 11, justified, indent", True, 11, 12.7, True, 28, 0, False),
    Layout("serif 12, justified, 1.5 lines, hyphenated", True, 12, 20.7, True, 0, 6, True),
    Layout("sans 12, ragged, hyphenated", False, 12, 14.4, False, 0, 10, True),
)


@dataclass
class Sample:
    name: str
    corpus: str
    pdf: bytes
    reference: str
    pages: int = 0


@dataclass
class Score:
    files: int = 0
    pages: int = 0
    similarity: float = 0.0
    found: int = 0  # paragraph starts in the output that match a reference word
    expected: int = 0  # reference paragraph starts whose word was found
    right: int = 0  # starts found at a reference start
    recalled: int = 0  # reference starts found as output starts
    placeholders: int = 0
    placeholders_whole: int = 0
    seconds: float = 0.0
    worst: list[tuple[float, str]] = field(default_factory=list)


# --------------------------------------------------------------------------- building PDFs


def _fonts() -> tuple[dict[str, str], bool]:
    """Font names for reportlab: Liberation TrueType fonts when installed (full Unicode),
    else the standard Type 1 fonts (then text is limited to Windows-1252)."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    folder = next((d for d in FONT_DIRS if (d / "LiberationSerif-Regular.ttf").exists()), None)
    if folder is None:
        return {
            "serif": "Times-Roman",
            "serif-bold": "Times-Bold",
            "sans": "Helvetica",
            "sans-bold": "Helvetica-Bold",
        }, False
    names = {}
    for key, file in (
        ("serif", "LiberationSerif-Regular"),
        ("serif-bold", "LiberationSerif-Bold"),
        ("sans", "LiberationSans-Regular"),
        ("sans-bold", "LiberationSans-Bold"),
    ):
        pdfmetrics.registerFont(TTFont(file, str(folder / f"{file}.ttf")))
        names[key] = file
    return names, True


def _printable(text: str, unicode_fonts: bool) -> str:
    text = text.replace("\u202f", "\u00a0")
    if unicode_fonts:
        return text
    return "".join(c if c.encode("cp1252", "ignore") else "?" for c in text)


def render_letter(
    text: str, layout: Layout, fonts: dict[str, str], unicode_fonts: bool
) -> tuple[bytes, str, int]:
    """The letter as a PDF, its reference text and its page count."""
    from reportlab.lib.enums import TA_JUSTIFY, TA_LEFT
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import cm
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer

    text = _printable(text, unicode_fonts)
    lines = reference_paragraphs(text, keep_blank=True)
    letterhead: list[str] = []
    while lines and lines[0]:
        letterhead.append(lines.pop(0))
    while lines and not lines[0]:
        lines.pop(0)
    footer = f"{letterhead[0]} – courrier à conserver avec votre dossier"
    family = "serif" if layout.serif else "sans"
    base = ParagraphStyle(
        "body",
        fontName=fonts[family],
        fontSize=layout.size,
        leading=layout.leading,
        alignment=TA_JUSTIFY if layout.justified else TA_LEFT,
        hyphenationLang="fr_FR" if layout.hyphenate else "",
    )
    indented = ParagraphStyle("indented", parent=base, firstLineIndent=layout.first_line_indent)
    top = 2 * cm + len(letterhead) * layout.size * 1.25 + 0.8 * cm

    def story() -> list[Any]:
        flow: list[Any] = []
        pending_space = False
        for line in lines:
            if not line:
                pending_space = True
                continue
            if pending_space and flow and layout.group_space:
                flow.append(Spacer(1, layout.group_space))
            pending_space = False
            style = indented if len(line) >= 100 else base
            flow.append(Paragraph(_escape(line), style))
        return flow

    def build(total: int) -> tuple[bytes, int]:
        pages = 0

        def decorate(canvas: Any, _doc: Any) -> None:
            nonlocal pages
            pages += 1
            width, height = A4
            y = height - 2 * cm
            for index, head in enumerate(letterhead):
                font = fonts[f"{family}-bold"] if index == 0 else fonts[family]
                canvas.setFont(font, layout.size)
                canvas.drawString(2.5 * cm, y, head)
                y -= layout.size * 1.25
            canvas.setFont(fonts[family], 9)
            canvas.drawString(2.5 * cm, 1.8 * cm, footer)
            canvas.drawCentredString(width / 2, 1.2 * cm, f"Page {pages} sur {total}")

        buffer = io.BytesIO()
        document = SimpleDocTemplate(
            buffer,
            pagesize=A4,
            leftMargin=2.5 * cm,
            rightMargin=2.5 * cm,
            topMargin=top,
            bottomMargin=3 * cm,
            invariant=True,
            title="Courrier",
            author="simplify",
        )
        document.build(story(), onFirstPage=decorate, onLaterPages=decorate)
        return buffer.getvalue(), pages

    _, total = build(1)
    data, pages = build(total)
    reference = "\n\n".join([*letterhead, *(line for line in lines if line), footer])
    return data, reference, pages


def reference_paragraphs(text: str, keep_blank: bool = False) -> list[str]:
    """The letter's paragraphs as the segmenter groups its lines (a few corpus letters wrap a
    paragraph over several lines: they are one paragraph); "" where the letter has a blank
    line, when asked."""
    paragraphs: list[str] = []
    end = 0
    for block in split_blocks(text):
        if keep_blank and paragraphs and text.count("\n", end, block.start) >= 2:
            paragraphs.append("")
        paragraphs.append(re.sub(r"[ \t]*\n[ \t]*", " ", text[block.start : block.end]).strip())
        end = block.end
    return paragraphs


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def reportlab_samples() -> list[Sample]:
    fonts, unicode_fonts = _fonts()
    samples = []
    for index, folder in enumerate(sorted(p for p in LETTERS.iterdir() if p.is_dir())):
        source = folder / "original.txt"
        if not source.exists():
            continue
        layout = LAYOUTS[index % len(LAYOUTS)]
        data, reference, pages = render_letter(
            source.read_text("utf-8"), layout, fonts, unicode_fonts
        )
        samples.append(Sample(folder.name, "reportlab", data, reference, pages))
    return samples


def word_samples(workdir: Path) -> list[Sample]:
    """Word letters converted by LibreOffice, with their reference text from the .docx."""
    files = sorted(WORD.glob("*.docx")) if WORD.is_dir() else []
    if not files:
        print(f"(b) skipped: no .docx in {WORD.relative_to(ROOT)}")
        return []
    soffice = shutil.which("soffice")
    if soffice is None:
        print("(b) skipped: soffice (LibreOffice) is not on the PATH")
        return []
    out = workdir / "word"
    out.mkdir()
    for file in files:
        shutil.copy(file, out / file.name)  # the corpus files are never touched
    subprocess.run(
        [
            soffice,
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(out),
            *(str(out / f.name) for f in files),
        ],
        check=True,
        capture_output=True,
        timeout=600,
    )
    samples = []
    for file in files:
        pdf = out / f"{file.stem}.pdf"
        if not pdf.exists():
            print(f"(b) {file.name}: LibreOffice made no PDF, left out")
            continue
        samples.append(Sample(file.stem, "LibreOffice", pdf.read_bytes(), docx_reference(file)))
    return samples


def docx_reference(path: Path) -> str:
    """Displayed text of a .docx, one paragraph per Word paragraph (table cells one by one):
    header, body, footer; page-number paragraphs left out."""
    import docx

    document = docx.Document(str(path))
    paragraphs: list[str] = []
    section = document.sections[0]
    header = (
        section.first_page_header
        if section.different_first_page_header_footer
        else (section.header)
    )
    footer = (
        section.first_page_footer
        if section.different_first_page_header_footer
        else (section.footer)
    )
    for container in (header._element, document.element.body, footer._element):
        for paragraph in container.iter(f"{W_NS}p"):
            text = _paragraph_text(paragraph)
            if text and not PAGE_LINE.match(text):
                paragraphs.append(text)
    return "\n\n".join(paragraphs)


def _paragraph_text(paragraph: Any) -> str:
    parts = []
    for node in paragraph.iter(f"{W_NS}t", f"{W_NS}tab", f"{W_NS}br"):
        if any(a.tag in {f"{W_NS}del", f"{W_NS}moveFrom"} for a in node.iterancestors()):
            continue
        parts.append(node.text or "" if node.tag == f"{W_NS}t" else " ")
    return " ".join("".join(parts).split())


# --------------------------------------------------------------------------- extractors


def with_pdfplumber_rebuild(data: bytes, name: str) -> str:
    return extract_pdf(data, name).text


def with_pypdf_layout_rebuild(data: bytes, name: str) -> str:
    """pypdf's layout mode prints each page on a character grid; its rows become lines in
    grid units (a cell 5 units wide, a row 10 high, "size" 10), so the same rebuild applies."""
    import pypdf

    reader = pypdf.PdfReader(io.BytesIO(data))
    pages = []
    for number, page in enumerate(reader.pages, start=1):
        rows = page.extract_text(extraction_mode="layout").split("\n")
        lines = []
        for row_index, row in enumerate(rows):
            baseline = 10.0 * (row_index + 1)
            for match in re.finditer(r"\S+(?: {1,7}\S+)*", row):
                text = " ".join(match.group(0).split())
                first = text.split(" ", 1)[0]
                lines.append(
                    PdfLine(
                        page=number,
                        text=text,
                        x0=5.0 * match.start(),
                        x1=5.0 * match.end(),
                        top=baseline - 10.0,
                        baseline=baseline,
                        size=10.0,
                        first_word_width=5.0 * len(first),
                        space_width=5.0,
                    )
                )
        pages.append(
            PdfPage(
                number,
                5.0 * max((len(r) for r in rows), default=1),
                10.0 * max(len(rows), 1),
                tuple(lines),
            )
        )
    return assemble(pages).text


def with_pypdf_lines(data: bytes, name: str) -> str:
    import pypdf

    reader = pypdf.PdfReader(io.BytesIO(data))
    text = "\n".join(page.extract_text() or "" for page in reader.pages)
    return "\n\n".join(line.strip() for line in text.splitlines() if line.strip())


def with_pdfplumber_lines(data: bytes, name: str) -> str:
    import pdfplumber

    with pdfplumber.open(io.BytesIO(data)) as pdf:
        text = "\n".join(page.extract_text() or "" for page in pdf.pages)
    return "\n\n".join(line.strip() for line in text.splitlines() if line.strip())


EXTRACTORS: tuple[tuple[str, Callable[[bytes, str], str]], ...] = (
    ("pdfplumber + rebuild", with_pdfplumber_rebuild),
    ("pypdf layout + rebuild", with_pypdf_layout_rebuild),
    ("pypdf extract_text, lines", with_pypdf_lines),
    ("pdfplumber extract_text, lines", with_pdfplumber_lines),
)


# --------------------------------------------------------------------------- measures


def tokens(text: str) -> tuple[list[str], set[int]]:
    """Word tokens of a text and the indexes of those that start a paragraph. Tokens without a
    letter or digit (dashes, bullets, lone quotes) and list numbers starting a paragraph are
    left out on both sides: Word draws list numbers the .docx text does not hold."""
    words: list[str] = []
    starts: set[int] = set()
    for paragraph in re.split(r"\n\s*\n", unicodedata.normalize("NFC", text)):
        first = True
        for raw in paragraph.split():
            word = raw.replace("’", "'")
            if not any(c.isalnum() for c in word):
                continue
            if first and re.fullmatch(r"\d{1,2}[.)]", word):
                continue
            if first:
                starts.add(len(words))
                first = False
            words.append(word)
    return words, starts


def placeholders(text: str) -> Counter[str]:
    found: Counter[str] = Counter()
    for paragraph in re.split(r"\n\s*\n", text):
        found.update(PLACEHOLDER.findall(" ".join(paragraph.split())))
    return found


def score(sample: Sample, output: str, total: Score, seconds: float) -> None:
    reference, ref_starts = tokens(sample.reference)
    words, out_starts = tokens(output)
    matcher = difflib.SequenceMatcher(None, reference, words, autojunk=False)
    similarity = matcher.ratio()
    to_reference: dict[int, int] = {}
    for block in matcher.get_matching_blocks():
        for k in range(block.size):
            to_reference[block.b + k] = block.a + k
    matched_reference = set(to_reference.values())
    found = [to_reference[i] for i in out_starts if i in to_reference]
    total.found += len(found)
    total.right += sum(1 for j in found if j in ref_starts)
    expected = [j for j in ref_starts if j in matched_reference]
    total.expected += len(expected)
    total.recalled += len(set(found) & set(expected))
    wanted = placeholders(sample.reference)
    got = placeholders(output)
    total.placeholders += sum(wanted.values())
    total.placeholders_whole += sum((wanted & got).values())
    total.files += 1
    total.pages += sample.pages
    total.similarity += similarity
    total.seconds += seconds
    total.worst.append((similarity, sample.name))


def _ratio(part: int, whole: int) -> str:
    return "  —  " if whole == 0 else f"{part / whole:.3f}"


def run(samples: list[Sample], details: bool) -> dict[str, Score]:
    scores: dict[str, Score] = {}
    for label, extractor in EXTRACTORS:
        total = Score()
        for sample in samples:
            started = time.perf_counter()
            output = extractor(sample.pdf, f"{sample.name}.pdf")
            score(sample, output, total, time.perf_counter() - started)
        scores[label] = total
    corpus = samples[0].corpus
    print(f"\n{corpus} ({len(samples)} PDFs, {scores[EXTRACTORS[0][0]].pages} pages)")
    print(
        f"{'extractor':32} {'words':>6} {'bound. P':>9} {'bound. R':>9} {'placeholders':>13} "
        f"{'ms/page':>8}"
    )
    for label, total in scores.items():
        print(
            f"{label:32} {total.similarity / total.files:6.3f}"
            f" {_ratio(total.right, total.found):>9}"
            f" {_ratio(total.recalled, total.expected):>9}"
            f" {f'{total.placeholders_whole}/{total.placeholders}':>13}"
            f" {1000 * total.seconds / max(total.pages, 1):8.0f}"
        )
        if details:
            worst = ", ".join(f"{name} {value:.3f}" for value, name in sorted(total.worst)[:3])
            print(f"{'':32} lowest: {worst}")
    return scores


def _count_pages(samples: list[Sample]) -> None:
    import pypdf

    for sample in samples:
        if not sample.pages:
            sample.pages = len(pypdf.PdfReader(io.BytesIO(sample.pdf)).pages)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--keep", type=Path, help="also write the PDFs and references here")
    parser.add_argument("--details", action="store_true", help="show the lowest letters")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        groups = [reportlab_samples(), word_samples(Path(folder))]
    all_scores: list[dict[str, Score]] = []
    for samples in groups:
        if not samples:
            continue
        _count_pages(samples)
        if args.keep:
            args.keep.mkdir(parents=True, exist_ok=True)
            for sample in samples:
                stem = f"{sample.corpus}-{sample.name}"
                (args.keep / f"{stem}.pdf").write_bytes(sample.pdf)
                (args.keep / f"{stem}.txt").write_text(sample.reference, "utf-8")
        two_pages = sum(1 for s in samples if s.pages >= 2)
        print(f"\n{samples[0].corpus}: {len(samples)} PDFs, {two_pages} with two pages or more")
        all_scores.append(run(samples, args.details))
    decide(all_scores)


def decide(all_scores: list[dict[str, Score]]) -> None:
    """The library whose rebuilt text is closest to the references (similarity, then boundary
    F1, then placeholders), time only breaking ties."""

    def merit(label: str) -> tuple[float, float, float]:
        similarity = boundaries = whole = 0.0
        for scores in all_scores:
            total = scores[label]
            similarity += total.similarity / total.files
            precision = total.right / max(total.found, 1)
            recall = total.recalled / max(total.expected, 1)
            boundaries += 2 * precision * recall / max(precision + recall, 1e-9)
            whole += total.placeholders_whole / max(total.placeholders, 1)
        return similarity, boundaries, whole

    candidates = ["pdfplumber + rebuild", "pypdf layout + rebuild"]
    merits = {label: merit(label) for label in candidates}
    winner = max(candidates, key=lambda label: merits[label])
    other = next(label for label in candidates if label != winner)
    print(
        f"\nDecision: {winner.split()[0]} (similarity {merits[winner][0] / len(all_scores):.3f} "
        f"vs {merits[other][0] / len(all_scores):.3f}, boundary F1 "
        f"{merits[winner][1] / len(all_scores):.3f} vs {merits[other][1] / len(all_scores):.3f}"
        f"; averaged over the corpora)"
    )


if __name__ == "__main__":
    main()
