"""Name matching across spellings: Toqayev/Tokayev/Токаев, Idrisov/Idrissov, Tleuberdi/Tileuberdi.

Names arrive transliterated every which way, so we fold them (anyascii, then a few rules for
the usual Kazakh/Russian romanisation variants) and fall back to fuzzy matching for the rest.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

_NON_WORD = re.compile(r"[^a-z0-9]+")
_DOUBLE = re.compile(r"([a-z])\1+")
_Y_AFTER_VOWEL = re.compile(r"(?<=[aeiou])y")


def _ascii(text: str) -> str:
    """anyascii, imported only for text that needs it: an index build folds every name."""
    if text.isascii():
        return text
    from anyascii import anyascii

    return str(anyascii(text))


def simple_fold(text: str) -> str:
    """Case-, accent- and punctuation-insensitive key, for vocabulary such as post names."""
    return _NON_WORD.sub(" ", _ascii(text).casefold()).strip()


def fold(text: str) -> str:
    """A spelling-insensitive key: `Toqayev`, `Tokayev` and `Токаев` all fold to `tokaev`."""
    s = _ascii(text).casefold()
    s = s.replace("q", "k").replace("zh", "j").replace("kh", "h").replace("x", "h")
    s = _Y_AFTER_VOWEL.sub("", s)
    s = _DOUBLE.sub(r"\1", s)
    return _NON_WORD.sub(" ", s).strip()


def suggest(given: str, choices: Iterable[str], limit: int = 3, cutoff: float = 60) -> list[str]:
    """The closest choices to `given`, for "did you mean" messages."""
    from rapidfuzz import fuzz, process, utils

    unique = list(dict.fromkeys(choices))
    found = process.extract(given, unique, scorer=fuzz.WRatio, processor=utils.default_process, limit=limit)
    return [choice for choice, score, _ in found if score >= cutoff]


def similarity(a: str, b: str) -> float:
    """0..100, how alike two folded names are."""
    from rapidfuzz import fuzz

    return float(fuzz.ratio(a, b))


def did_you_mean(options: list[str]) -> str | None:
    if not options:
        return None
    quoted = [f"'{o}'" for o in options]
    return "did you mean " + (quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " or " + quoted[-1]) + "?"
