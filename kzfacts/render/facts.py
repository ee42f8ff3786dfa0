"""What a note must show for the fact it backs: the words that state it (a holder's name, a
figure as written, a day or year), so the note chosen for a fact is one whose quote carries
them, and its excerpt is cut around them, never before them."""

from __future__ import annotations

import re
from typing import Any

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")  # fmt: skip


# Words of titles and offices that aliases carry ("President Tokayev", "His Excellency Mr ..."):
# a quote that has them does not name the person.
TITLES = frozenset(
    [
        "president",
        "minister",
        "prime",
        "foreign",
        "deputy",
        "ambassador",
        "excellency",
        "chairman",
        "chairwoman",
        "chair",
        "speaker",
        "secretary",
        "state",
        "lord",
        "lady",
        "baroness",
        "baron",
        "prince",
        "princess",
        "duke",
        "duchess",
        "king",
        "queen",
        "majesty",
        "royal",
        "highness",
        "dame",
        "doctor",
        "kazakh",
        "british",
        "kazakhstan",
        "united",
        "kingdom",
        "former",
        "acting",
        "general",
        "head",
        "republic",
        "mister",
    ]
)


def name_tokens(*names: str) -> list[str]:
    """The surnames a quote may name a person by: the last word of each spelling (titles left
    out), and its first four letters (Tokayev, Tokaev; Idrissov, Idrisov)."""
    words: list[str] = []
    for name in names:
        found = [w for w in re.findall(r"[^\W\d_]+", name) if w.casefold() not in TITLES and len(w) >= 3]
        if len(found) >= 2 and re.fullmatch(r"[IVX]+", found[-1]):
            words.append(f"{found[-2]} {found[-1]}")  # a regnal name: "Charles III", not "III"
        elif found:
            words.append(found[-1])
    words = list(dict.fromkeys(words))
    return [*words, *dict.fromkeys(w[:4] for w in words if len(w) >= 5)]


def date_tokens(values: list[str]) -> list[str]:
    """A date as a quote writes it: the year, and a day as `24 April` or `April 24`."""
    days: list[str] = []
    months: list[str] = []
    years: list[str] = []
    for value in values:
        for part in value.split("/"):
            if re.match(r"^\d{4}", part):
                years.append(part[:4])
            m = re.match(r"^(\d{4})-(\d{2})(?:-(\d{2}))?$", part)
            if m and m.group(3):
                month, day = MONTHS[int(m.group(2)) - 1], str(int(m.group(3)))
                days += [f"{day} {month}", f"{month} {day}", f"{month[:3]}. {day}"]
            elif m:
                months.append(MONTHS[int(m.group(2)) - 1])  # "2022-12": a text saying "in December"
    return list(dict.fromkeys([*days, *months, *years]))  # the most telling first (see rank)


def rank(c: dict[str, Any], tokens: list[str]) -> int:
    """How telling a citation is for a fact (lower is better): 0 when its quote carries a day,
    a name or a figure, 1 a month only, 2 a year only, 3 none of the tokens."""
    text = f"{shown_text(c)} {c['quote']}".casefold()
    found = [t for t in tokens if locate(text, t) >= 0]
    return min((_specificity(t) for t in found), default=3)


def _specificity(token: str) -> int:
    if re.fullmatch(r"\d{4}", token):
        return 2
    return 1 if token in MONTHS else 0


ORDINALS = ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth")


def figure_tokens(values: list[Any]) -> list[str]:
    """A figure as a text writes it: `2.1`, `2,1`; `1200`, `1,200`, `1 200`; a rank as `third`."""
    out: list[str] = []
    for v in values:
        if isinstance(v, bool) or not isinstance(v, (int, float)):
            continue
        if isinstance(v, int) and 1 <= v <= len(ORDINALS):
            out += [ORDINALS[v - 1], f"{v}th", f"{v}rd", f"{v}nd", f"{v}st"]
            if v == 1:
                out += ["largest", "biggest", "top"]
        text = f"{v:g}" if isinstance(v, float) else str(v)
        out.append(text)
        if "." in text:
            out.append(text.replace(".", ","))
        whole = text.split(".")[0]
        if len(whole) > 3:
            grouped = f"{int(whole):,}"
            out += [grouped, grouped.replace(",", " "), grouped.replace(",", ".")]
    return list(dict.fromkeys(out))


def shown_text(c: dict[str, Any], original: bool = False) -> str:
    """What a note shows of a citation: its English translation where it has one (the original
    is in `show`, `cite` and the JSON), else the quote."""
    text = c["quote"] if original or not c.get("translation") else c["translation"]
    return " ".join(str(text).split())


def locate(lower: str, token: str) -> int:
    """Where `token` first stands in casefolded `lower` (-1: nowhere); a figure only as a whole
    number, so 2 is not found inside "2010" nor 1.5 inside "21.5" (a year is found anywhere)."""
    token = token.casefold()
    if not re.fullmatch(r"[\d.,  ]+", token) or re.fullmatch(r"\d{4}", token):  # a year, also in "20220111"
        return lower.find(token)
    m = re.search(r"(?<![\d.,])" + re.escape(token) + r"(?![\d]|[.,]\d)", lower)
    return m.start() if m else -1


def hits(text: str, tokens: list[str]) -> list[tuple[int, int]]:
    """(start, end) of each token found in `text`, ignoring case, in the order they stand."""
    lower = text.casefold()
    return sorted((at, at + len(t)) for t in tokens if (at := locate(lower, t)) >= 0)


def find(text: str, tokens: list[str]) -> tuple[int, int] | None:
    """(start, end) of the first token in `text`; None when none is there."""
    found = hits(text, tokens)
    return found[0] if found else None


def spread(text: str, tokens: list[str]) -> int:
    """How many characters the first and last of the tokens found in `text` span (0: one or none)."""
    found = hits(text, tokens)
    return max(end for _, end in found) - found[0][0] if len(found) > 1 else 0


def span(text: str, tokens: list[str], room: int) -> tuple[int, int] | None:
    """(start, end) from the first token found to the last one that still fits in `room`
    characters: a note shared by several facts shows as many of their words as it can."""
    found = hits(text, tokens)
    if not found:
        return None
    first = found[0][0]
    return first, max([found[0][1], *(end for _, end in found if end - first <= room)])


def carries(c: dict[str, Any], tokens: list[str]) -> bool:
    return bool(tokens) and (find(shown_text(c), tokens) is not None or find(c["quote"], tokens) is not None)


def excerpt(text: str, limit: int, tokens: list[str]) -> str:
    """At most `limit` characters of `text` around the first token: cut at word boundaries and
    marked with "…", so the words that carry the fact are always shown."""
    if len(text) <= limit:
        return text
    hit = span(text, tokens, limit - 14)
    if hit is None or hit[1] <= limit - 16:  # room to cut at a word boundary after the token
        return _cut_end(text, limit)
    room = limit - 2  # both ellipses
    start = min(hit[0], max(0, hit[1] + 12 - room))  # the token, and a few words after it
    space = text.find(" ", start, hit[0])
    if space != -1:
        start = space + 1  # at a word's start, never past the token
    body = text[start:]
    if len(body) <= limit - 1:
        return "…" + body
    cut = body[:room]
    after = hit[1] - start
    space = cut.rfind(" ", after)
    if space > after:
        cut = cut[:space]
    return "…" + cut.rstrip(",;:. ") + "…"


def _cut_end(text: str, limit: int) -> str:
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0] if " " in text[: limit - 1] else text[: limit - 1]
    return cut.rstrip(",;:. ") + "…"
