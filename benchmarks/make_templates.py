"""Deterministic letter templates for the batch-audit benchmark.

    python -m benchmarks.make_templates OUT [--count N] [--seed S]

A batch audit reads a whole folder of an administration's letter templates. To measure it
without real templates (private, and not ours to copy), this module writes `count` of them
into OUT: about half .docx (python-docx, one paragraph per text paragraph) and half UTF-8
.txt, spread over six service sub-folders and named `modele-0001.docx`, `modele-0002.txt`...

Each template reuses paragraphs of the project's own corpus (corpora/letters/*/original.txt
and plain.txt, written for the project): a header block (service, subject, sometimes a file
number and a recipient), a salutation, body paragraphs drawn at random, a closing. Its length
is drawn uniformly in [150, 600] words (counted as `\\w+` matches) and reached by whole
paragraphs, the last one cut by sentences. Some templates carry placeholders in the syntaxes
the engine protects: `{{nom}}`, `«NOM_USAGER»`, `${date_limite}`, `[NUMERO DOSSIER]`.
The same seed gives the same texts. `change()` edits a few of the files in place, so that
a rerun of the benchmark finds them new to a content-hash cache.
"""

from __future__ import annotations

import argparse
import functools
import random
import re
import statistics
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from docx import Document

CORPUS = Path(__file__).resolve().parent.parent / "corpora" / "letters"
MIN_WORDS, MAX_WORDS = 150, 600
SERVICES = {  # folder: (letterhead, subject)
    "action-sociale": ("Direction de l'action sociale", "votre demande d'aide sociale"),
    "autonomie": ("Direction de l'autonomie", "votre aide à l'autonomie"),
    "eau-dechets": ("Service de l'eau et des déchets", "votre facture d'eau et de déchets"),
    "finances": ("Direction des finances", "votre paiement"),
    "habitat": ("Service de l'habitat", "votre demande de logement"),
    "urbanisme": ("Service de l'urbanisme", "votre demande d'autorisation d'urbanisme"),
}
SALUTATIONS = ["Madame, Monsieur,", "Madame {{nom}},", "Madame, Monsieur «NOM_USAGER»,"]
CLOSINGS = [
    "Nous vous prions d'agréer, Madame, Monsieur, l'expression de nos salutations distinguées.",
    "Bien cordialement,",
    "Nous restons à votre disposition pour toute question.",
]
NAME = re.compile(r"modele-\d{4,}\.(?:docx|txt)")
# After . ! or ?, before a capital; not after an initial ("M.", "L.") nor "art.".
SENTENCE_END = re.compile(r"(?<!\b[A-Z]\.)(?<!\bart\.)(?<=[.!?])\s+(?=[A-ZÀ-Ý])")
CLOSING_START = ("Je vous prie", "Veuillez", "Nous vous prions", "Recevez", "Objet", "Madame")

Sentences = tuple[str, ...]


def words(text: str) -> int:
    return len(re.findall(r"\w+", text))


def _paragraphs(text: str) -> list[str]:
    """The lines of a letter, hard-wrapped lines joined (see corpora/README.md)."""
    merged: list[str] = []
    for line in filter(None, (line.strip() for line in text.splitlines())):
        if merged and merged[-1][-1] not in ".:;!?" and (line[0].islower() or line[0].isdigit()):
            merged[-1] += " " + line
        else:
            merged.append(line)
    return merged


@functools.cache
def corpus_paragraphs() -> tuple[Sentences, ...]:
    """Body paragraphs of the corpus, each split into sentences, in a fixed order."""
    found: dict[Sentences, None] = {}
    for path in sorted([*CORPUS.glob("*/original.txt"), *CORPUS.glob("*/plain.txt")]):
        for paragraph in _paragraphs(path.read_text(encoding="utf-8")):
            usable = paragraph[-1] in ".!?" and "{%" not in paragraph and words(paragraph) >= 12
            if usable and not paragraph.startswith(("-", "•", *CLOSING_START)):
                found[tuple(SENTENCE_END.split(paragraph))] = None
    return tuple(found)


def _body(rng: random.Random, fixed: int, target: int) -> list[str]:
    """Whole paragraphs until `target` words, never above MAX_WORDS, trimmed by sentences."""
    pool = corpus_paragraphs()
    body: list[list[str]] = []
    count, used = fixed, set[int]()
    while count < target and len(used) < len(pool):
        index = rng.randrange(len(pool))  # cheaper than shuffling the whole pool
        if index in used:
            continue
        used.add(index)
        sentences = list(pool[index])
        while sentences and count + words(" ".join(sentences)) > MAX_WORDS:
            sentences.pop()
        if sentences:
            body.append(sentences)
            count += words(" ".join(sentences))
    while len(body[-1]) > 1 and count - words(body[-1][-1]) >= target:
        count -= words(body[-1].pop())
    return [" ".join(sentences) for sentences in body]


def _template(rng: random.Random, service: str) -> list[list[str]]:
    """Blocks of lines: header, salutation, body paragraphs, closing."""
    letterhead, subject = SERVICES[service]
    marked = rng.random() < 0.6  # some templates without any placeholder
    header = [letterhead, f"Objet : {subject}"]
    if marked and rng.random() < 0.5:
        header.insert(1, "Dossier n° [NUMERO DOSSIER]")
    if marked and rng.random() < 0.5:
        header.insert(1, "À l'attention de «NOM_USAGER»")
    salutation = rng.choice(SALUTATIONS) if marked else SALUTATIONS[0]
    ending = [rng.choice(CLOSINGS), letterhead]
    if marked and rng.random() < 0.5:
        ending.insert(0, "Merci de nous répondre avant le ${date_limite}.")
    lead = "Votre dossier [NUMERO DOSSIER] est suivi par notre service. "
    lead = lead if marked and rng.random() < 0.5 else ""
    fixed = words(" ".join([*header, salutation, lead, *ending]))
    body = _body(rng, fixed, rng.randint(MIN_WORDS, MAX_WORDS))
    body[0] = lead + body[0]
    return [header, [salutation], *[[paragraph] for paragraph in body], ending]


def _write(path: Path, blocks: list[list[str]], document: Any) -> None:
    """Write a .txt, or a .docx from `document` emptied (opening a new one costs more)."""
    if path.suffix == ".txt":
        text = "\n\n".join("\n".join(block) for block in blocks) + "\n"
        path.write_text(text, encoding="utf-8", newline="\n")
        return
    body = document.element.body
    for child in list(body)[:-1]:  # every paragraph, not the section properties
        body.remove(child)
    heading, *lines = [line for block in blocks for line in block]
    document.add_paragraph(heading, style=document.styles["Heading 1"])
    for line in lines:
        document.add_paragraph(line)
    document.save(str(path))


def _generate(out_dir: Path, count: int, seed: int) -> dict[Path, int]:
    if out_dir.exists() and (not out_dir.is_dir() or any(out_dir.iterdir())):
        raise ValueError(f"{out_dir} existe et n'est pas un dossier vide : rien n'a été écrit.")
    out_dir.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    width = max(4, len(str(count)))
    written: dict[Path, int] = {}
    document = Document()
    for rel_id, rel in list(document.part.rels.items()):  # an optional 430 kB part: half
        if rel.reltype.endswith("/stylesWithEffects"):  # the time of each save
            document.part.drop_rel(rel_id)
    for number in range(1, count + 1):
        service = rng.choice(sorted(SERVICES))
        suffix = ".docx" if rng.random() < 0.5 else ".txt"
        path = out_dir / service / f"modele-{number:0{width}d}{suffix}"
        blocks = _template(rng, service)
        path.parent.mkdir(parents=True, exist_ok=True)
        _write(path, blocks, document)
        written[path] = words(" ".join(line for block in blocks for line in block))
    return dict(sorted(written.items()))


def generate(out_dir: Path, count: int = 1000, seed: int = 0) -> list[Path]:
    """Write `count` templates into `out_dir` (missing or empty); return their paths, sorted."""
    return list(_generate(out_dir, count, seed))


def change(paths: Sequence[Path], share: float = 0.01, seed: int = 1) -> list[Path]:
    """Append one sentence to round(share × len(paths)) of the templates; return them, sorted.

    Only files written by generate() are accepted. Every call changes the bytes of the chosen
    files (the text grows), so a content-hash cache sees them as new.
    """
    if not 0 <= share <= 1:
        raise ValueError(f"share doit être entre 0 et 1, pas {share}.")
    foreign = [path for path in paths if not NAME.fullmatch(path.name)]
    if foreign:
        raise ValueError(f"{foreign[0]} n'a pas été écrit par generate() : rien n'a été modifié.")
    rng = random.Random(seed)
    unique = sorted(set(paths))
    chosen = sorted(rng.sample(unique, k=round(share * len(unique))))
    sentences = [sentence for paragraph in corpus_paragraphs() for sentence in paragraph]
    for path in chosen:
        sentence = rng.choice(sentences)
        if path.suffix == ".txt":
            with path.open("a", encoding="utf-8", newline="\n") as file:
                file.write(f"\n{sentence}\n")
        else:
            document = Document(str(path))
            document.add_paragraph(sentence)
            document.save(str(path))
    return chosen


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Modèles de courriers pour l'audit par lot.")
    parser.add_argument("out", type=Path, help="dossier à créer (absent ou vide)")
    parser.add_argument("--count", type=int, default=1000, help="nombre de modèles (1000)")
    parser.add_argument("--seed", type=int, default=0, help="graine du tirage (0)")
    args = parser.parse_args(argv)
    start = time.perf_counter()
    try:
        written = _generate(args.out, args.count, args.seed)
    except ValueError as error:
        parser.error(str(error))
    elapsed = time.perf_counter() - start
    docx = sum(path.suffix == ".docx" for path in written)
    counts = sorted(written.values()) or [0]
    print(
        f"{len(written)} modèles écrits dans {args.out} ({docx} .docx, {len(written) - docx} .txt),"
        f" {counts[0]}–{counts[-1]} mots (médiane {statistics.median(counts):g})"
        f" en {elapsed:.1f} s"
    )


if __name__ == "__main__":
    main()
