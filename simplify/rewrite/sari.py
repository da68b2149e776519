"""SARI (Xu, Napoles, Pavlick, Chen & Callison-Burch, 2016, "Optimizing Statistical Machine
Translation for Text Simplification", TACL 4): how well a system output adds, keeps and deletes
n-grams compared with the source and with references written by people.

For each n from 1 to 4 it averages an F1 score for the n-grams kept, an F1 score for the
n-grams added and a precision for the n-grams deleted; SARI is the mean of the three averages,
on 0-100. Written from the paper's definitions (the reference implementation, in EASSE, is GPL
and was not used).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

_TOKENS = re.compile(r"\w+|[^\w\s]")


def tokens(text: str) -> list[str]:
    return _TOKENS.findall(text.lower().replace("’", "'"))


def _ngrams(words: list[str], n: int) -> Counter[tuple[str, ...]]:
    return Counter(tuple(words[i : i + n]) for i in range(len(words) - n + 1))


def _f1(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall > 0 else 0.0


def sari_ngram(
    source: Counter[tuple[str, ...]],
    output: Counter[tuple[str, ...]],
    references: Sequence[Counter[tuple[str, ...]]],
) -> tuple[float, float, float]:
    """(keep F1, delete precision, add F1) for one n-gram order."""
    count = len(references)
    # Counts of source and output are multiplied by the number of references, so that they
    # compare with the references' counts added together.
    source_rep = Counter({g: c * count for g, c in source.items()})
    output_rep = Counter({g: c * count for g, c in output.items()})
    refs: Counter[tuple[str, ...]] = Counter()
    for reference in references:
        refs.update(reference)

    kept = source_rep & output_rep
    kept_good = kept & refs
    kept_all = source_rep & refs
    keep_precision = (sum(kept_good[g] / kept[g] for g in kept) / len(kept)) if kept else 0.0
    keep_recall = (
        sum(kept_good[g] / kept_all[g] for g in kept_good) / len(kept_all) if kept_all else 0.0
    )

    deleted = source_rep - output_rep
    deleted_good = deleted - refs
    delete_precision = (
        sum(deleted_good[g] / deleted[g] for g in deleted) / len(deleted) if deleted else 0.0
    )

    added = set(output) - set(source)
    added_good = added & set(refs)
    added_all = set(refs) - set(source)
    add_precision = len(added_good) / len(added) if added else 0.0
    add_recall = len(added_good) / len(added_all) if added_all else 0.0
    return _f1(keep_precision, keep_recall), delete_precision, _f1(add_precision, add_recall)


def sari(source: str, output: str, references: Sequence[str], max_n: int = 4) -> float:
    """SARI on 0-100 of output against source and references."""
    src, out = tokens(source), tokens(output)
    refs = [tokens(r) for r in references]
    keep = delete = add = 0.0
    for n in range(1, max_n + 1):
        k, d, a = sari_ngram(_ngrams(src, n), _ngrams(out, n), [_ngrams(r, n) for r in refs])
        keep, delete, add = keep + k, delete + d, add + a
    return 100.0 * (keep + delete + add) / (3 * max_n)
