"""German text analysis shared by indexing and querying.

Every word becomes two sets of index terms:

- ``full``: the folded surface form plus the folded lemmas (simplemma) of the word, so that
  `Kurs`, `Kurse`, `Kursen` share the term ``kurs`` while `Kur` keeps ``kur``. simplemma is
  a dictionary lemmatizer, so unlike a Snowball stemmer it never cuts `Kurs` down to `Kur`.
- ``sub``: the parts of a compound (`Schweißtechnik` -> ``schweiss``, ``technik``) and the
  root of an agent noun or verb (`Schweißer`/`schweißen` -> ``schweiss``). They go to
  separate, lower-weighted index fields so that compound hits rank below full-word hits.

Folding (lowercase, ä->ae, ö->oe, ü->ue, ß->ss, accents dropped) happens after
lemmatisation, because simplemma needs the real spelling; a query typed without umlauts is
first mapped back to a known spelling (`schweissen` -> `schweißen`).

The compound lexicon is simplemma's shipped German dictionary (nothing is downloaded) plus
a few domain stems it lacks (`elektro`, `edv`...). All work is cached per distinct word, so
indexing costs one dict lookup per token once the vocabulary has been seen.
"""

from __future__ import annotations

import html
import itertools
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

import simplemma

WORD_RE = re.compile(r"[^\W_]+")


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Function words carry no meaning for course search and would make AND queries fail.
STOPWORDS = _words(
    "ab aber alle allem allen aller alles als also am an auch auf aus bei beim bin bis "
    "bist da damit dann das dass dem den denn der des die dies diese diesem diesen dieser "
    "dieses doch dort du durch ein eine einem einen einer eines er es etwa euch für fuer "
    "gegen hat hatte ich ihr ihre im in ins ist ja je jede jedem jeden jeder jedes kann "
    "kein keine man mit nach nicht noch nur ob oder ohne per pro sich sie sind so sowie "
    "um und uns unser unter vom von vor war was weil wenn werden wie wir wird wo zu zum "
    "zur über ueber the and of for to a an on with "
)

# Prefixes that simplemma knows as words but that start derivations, not compounds
# (`Ausbildung` is not `aus` + `Bildung` for a searcher).
NON_COMPOUND_HEADS = _words(
    "ab an auf aus be bei da dar ein ent er ge hin her mit nach ob um ur ver vor weg zer "
    "zu zusammen ueber unter wider gegen durch "
)

# Domain stems simplemma's dictionary lacks but which head many course-title compounds.
EXTRA_PARTS = _words(
    "elektro edv sps cnc kfz bau hydraulik pneumatik cad excel office lager logistik "
    "gabelstapler elektronik mechatronik "
)

# Suffixes that derive a person or an action from a stem: `Schweißer` -> `schweiß`.
DERIVATION_SUFFIXES = ("erinnen", "erin", "ern", "er", "en")
LINKING_ELEMENTS = ("s", "es", "n", "en", "er", "e")
# Parts shorter than four letters are mostly noise (`sch` + `weisse`) unless listed above.
MIN_PART, MIN_ROOT = 4, 4
FUZZY_MIN_LETTERS = 5

_FOLD_TABLE = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})
_DEFOLD_PAIRS = (("ss", "ß"), ("ae", "ä"), ("oe", "ö"), ("ue", "ü"))


def fold(text: str) -> str:
    """Lowercase, spell out umlauts and ß, and drop other accents (é -> e)."""
    text = text.lower().translate(_FOLD_TABLE)
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFKD", text)
    # Compatibility forms may decompose to capitals (`𝒩` -> `N`), hence lower() again.
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


@lru_cache(maxsize=200_000)
def _is_known(word: str) -> bool:
    return simplemma.is_known(word, lang="de") or simplemma.is_known(word.capitalize(), lang="de")


def _defold_variants(word: str) -> list[str]:
    """Known real spellings of a word typed without umlauts/ß (`fuehrung` -> `führung`)."""
    if not any(pair in word for pair, _ in _DEFOLD_PAIRS):
        return []
    pieces = re.split(r"(ss|ae|oe|ue)", word)
    if len(pieces) > 9:  # more than four candidates: 2**4 variants is enough
        return []
    choices = [(p, dict(_DEFOLD_PAIRS)[p]) if i % 2 else (p,) for i, p in enumerate(pieces)]
    variants = ("".join(c) for c in itertools.product(*choices))
    return [v for v in variants if v != word and _is_known(v)]


@lru_cache(maxsize=200_000)
def _lemmas(word: str) -> tuple[frozenset[str], bool]:
    """Folded lemmas of a word (as written, lowercase, capitalised), and whether simplemma
    knows the word at all."""
    lowered = word.lower()
    forms = {word, lowered, lowered.capitalize()}
    for variant in _defold_variants(lowered):
        forms.update((variant, variant.capitalize()))
    known = any(_is_known(form) for form in forms)
    return frozenset(fold(simplemma.lemmatize(form, lang="de")) for form in forms), known


@lru_cache(maxsize=200_000)
def _is_part(part: str) -> bool:
    """Whether a lowercase (possibly folded) string is a word that may stand in a compound."""
    if part in EXTRA_PARTS:
        return True
    if len(part) < MIN_PART or part in STOPWORDS or part in NON_COMPOUND_HEADS:
        return False
    if _is_known(part):
        return True
    return bool(_defold_variants(part))


def _part_lemma(part: str) -> str:
    # A folded part (`schweiss`) is lemmatised in its real spelling (`schweiß`), so that a
    # query typed without ß yields the same part as the indexed text.
    spelling = next(iter(_defold_variants(part)), part)
    return fold(simplemma.lemmatize(spelling.capitalize(), lang="de"))


@lru_cache(maxsize=200_000)
def split_compound(word: str) -> tuple[str, ...]:
    """Folded parts of a lowercase compound, longest head first, or () if not a compound.

    The longest known head wins so that `kurseinheit` is `kurs` + `einheit`, never
    `kur` + s + `einheit`.
    """
    for cut in range(len(word) - MIN_PART, 2, -1):
        head, rest = word[:cut], word[cut:]
        if not _is_part(head):
            continue
        tails = [rest] + [rest[len(link) :] for link in LINKING_ELEMENTS if rest.startswith(link)]
        for tail in tails:
            if len(tail) < MIN_PART:
                continue
            tail_parts = (_part_lemma(tail),) if _is_part(tail) else split_compound(tail)
            if tail_parts:
                return (_part_lemma(head), *tail_parts)
    return ()


def _roots(lemma: str) -> list[str]:
    roots = []
    for suffix in DERIVATION_SUFFIXES:
        root = lemma[: -len(suffix)]
        if lemma.endswith(suffix) and len(root) >= MIN_ROOT and _is_part(root):
            roots.append(fold(root))
            break
    return roots


@dataclass(frozen=True, slots=True)
class WordTerms:
    """Index terms of one word (see module docstring)."""

    surface: str  # folded word as written, the one fuzzy matching starts from
    full: frozenset[str]
    sub: frozenset[str]
    parts: tuple[str, ...]  # compound parts, empty for a simple word
    fuzzable: bool  # long enough for typo tolerance
    known: bool  # a word of simplemma's dictionary, so probably no typo


@lru_cache(maxsize=500_000)
def analyze_word(word: str) -> WordTerms | None:
    """Terms of one token, or None for a stopword or a single letter."""
    lowered = word.lower()
    surface = fold(word)
    if lowered in STOPWORDS or surface in STOPWORDS or (len(surface) < 2 and not word.isdigit()):
        return None
    if word.isdigit():
        return WordTerms(surface, frozenset([surface]), frozenset(), (), False, True)
    lemmas, known = _lemmas(word)
    # A known word is fully described by its lemmas; an unknown one keeps its own spelling
    # too, since simplemma's guess may differ between its forms.
    full = set(lemmas) if known else {surface, *lemmas}
    sub: set[str] = set()
    parts: tuple[str, ...] = ()
    for lemma_form in [lowered, *(lemma.lower() for lemma in _real_lemmas(word))]:
        found = split_compound(lemma_form)
        if found and not parts:
            parts = found
        sub.update(found)
        sub.update(_roots(lemma_form))
    sub -= full
    sub -= STOPWORDS
    fuzzable = len(lowered) >= FUZZY_MIN_LETTERS
    return WordTerms(surface, frozenset(full), frozenset(sub), parts, fuzzable, known)


@lru_cache(maxsize=200_000)
def _real_lemmas(word: str) -> frozenset[str]:
    """Unfolded lemmas, which the compound splitter needs to see umlauts and ß."""
    lowered = word.lower()
    forms = {word, lowered.capitalize()} | set(_defold_variants(lowered))
    return frozenset(simplemma.lemmatize(form, lang="de") for form in forms)


def analyze_text(text: str) -> tuple[list[str], list[str]]:
    """Full-word terms and sub-word terms of a text, ready to join for the index."""
    full: list[str] = []
    sub: list[str] = []
    for token in WORD_RE.findall(text):
        terms = analyze_word(token)
        if terms is not None:
            full.extend(terms.full)
            sub.extend(terms.sub)
    return full, sub


# Words for "a course" that searchers glue to the subject: `Schweißkurs`, `Excelseminar`.
# The subject is what they look for; offers rarely repeat the course word.
COURSE_WORD_TAILS = tuple(
    sorted(
        _words(
            "kurs kurse kursen kurses lehrgang lehrgaenge lehrgangs seminar seminare seminars "
            "schulung schulungen training trainings workshop workshops weiterbildung "
            "weiterbildungen fortbildung fortbildungen"
        ),
        key=len,
        reverse=True,
    )
)


def without_course_word(token: str) -> str:
    """`Schweißkurs` -> `Schweiß`, `Schweißerkurs` -> `Schweißer`, `Sicherheitsseminar` ->
    `Sicherheit`; other words unchanged."""
    folded = fold(token)
    for tail in COURSE_WORD_TAILS:
        if not folded.endswith(tail) or len(folded) - len(tail) < MIN_PART - 1:
            continue
        # Cut the same number of letters from the token (fold keeps ASCII tails intact).
        head = token[: len(token) - _unfolded_length(token, tail)]
        if head.lower().endswith("s") and _is_part(fold(head[:-1])):
            head = head[:-1]  # the linking s of `Sicherheitskurs`
        if len(fold(head)) >= 3 and (_is_part(fold(head)) or _is_known(head)):
            return head
    return token


def _unfolded_length(token: str, folded_tail: str) -> int:
    """How many characters at the end of ``token`` fold to ``folded_tail``."""
    for length in range(1, len(token) + 1):
        if fold(token[-length:]) == folded_tail:
            return length
    return len(folded_tail)


def query_words(text: str) -> list[WordTerms]:
    return [t for t in (analyze_word(w) for w in WORD_RE.findall(text)) if t is not None]


def query_words_with_subjects(text: str) -> list[tuple[WordTerms, WordTerms | None]]:
    """Per query word: its subject (`Schweißkurs` -> terms of `Schweiß`) and, where the
    subject differs, the word as typed (an alternative: an offer may say `Sprachkurs`)."""
    pairs = []
    for token in WORD_RE.findall(text):
        typed = analyze_word(token)
        if typed is None:
            continue
        head = without_course_word(token)
        subject = analyze_word(head) if head != token else None
        pairs.append((subject, typed) if subject is not None else (typed, None))
    return pairs


class SynonymTable:
    """Groups of equivalent words or phrases, applied to queries only (no reindex on edit).

    Each phrase is stored as one set of full terms per word; a query word matches a phrase
    word when their term sets intersect, so inflected forms trigger the synonym too.
    """

    def __init__(self, groups: Iterable[Sequence[str]] = ()):
        self._phrases: list[tuple[tuple[frozenset[str], ...], int]] = []
        self._group_phrases: list[list[list[WordTerms]]] = []
        for group_no, group in enumerate(groups):
            analysed = [query_words(phrase) for phrase in group]
            analysed = [phrase for phrase in analysed if phrase]
            self._group_phrases.append(analysed)
            for phrase in analysed:
                self._phrases.append((tuple(w.full for w in phrase), group_no))
        # Longest phrases first so `Deutsch als Zweitsprache` beats `Deutsch`.
        self._phrases.sort(key=lambda item: -len(item[0]))
        # Identifies the table's content, e.g. in cache keys of results computed with it.
        self.fingerprint = hash(tuple(self._phrases))

    @classmethod
    def from_mapping(cls, mapping: Mapping[str, Iterable[str]]) -> SynonymTable:
        return cls([key, *values] for key, values in mapping.items())

    def match(self, query: Sequence[WordTerms], start: int) -> tuple[int, list[list[WordTerms]]]:
        """Length of the longest phrase matching at ``start`` and its alternative phrases."""
        for phrase, group_no in self._phrases:
            end = start + len(phrase)
            if end <= len(query) and all(
                terms & query[start + i].full for i, terms in enumerate(phrase)
            ):
                alternatives = [
                    p for p in self._group_phrases[group_no] if tuple(w.full for w in p) != phrase
                ]
                return len(phrase), alternatives
        return 0, []

    def __bool__(self) -> bool:
        return bool(self._phrases)


def _within_one_edit(a: str, b: str) -> bool:
    if abs(len(a) - len(b)) > 1 or a == b:
        return a == b
    if len(a) == len(b):
        diffs = [i for i, (x, y) in enumerate(zip(a, b, strict=True)) if x != y]
        return len(diffs) == 1 or (
            len(diffs) == 2 and diffs[1] == diffs[0] + 1 and a[diffs[0]] == b[diffs[1]]
        )
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    return any(long_[:i] + long_[i + 1 :] == short for i in range(len(long_)))


class Highlighter:
    """Wraps the words of a text that match a query in <mark>, HTML-escaping the rest."""

    def __init__(self, exact_terms: set[str], fuzzy_surfaces: set[str]):
        self.exact_terms = exact_terms
        self.fuzzy_surfaces = fuzzy_surfaces
        # The hits of one page share most of their words: decide each word once.
        self._decided: dict[str, bool] = {}

    def _matches(self, token: str) -> bool:
        decided = self._decided.get(token)
        if decided is None:
            terms = analyze_word(token)
            decided = terms is not None and (
                bool((terms.full | terms.sub) & self.exact_terms)
                or any(_within_one_edit(terms.surface, s) for s in self.fuzzy_surfaces)
            )
            self._decided[token] = decided
        return decided

    def highlight(self, text: str, max_chars: int | None = None) -> str:
        spans = [m.span() for m in WORD_RE.finditer(text) if self._matches(m.group())]
        start, end = 0, len(text)
        if max_chars is not None and len(text) > max_chars:
            centre = spans[0][0] if spans else 0
            start = max(0, min(centre - max_chars // 4, len(text) - max_chars))
            start = text.rfind(" ", 0, start) + 1 if start else 0
            end = min(len(text), start + max_chars)
            cut = text.rfind(" ", start, end)
            end = cut if end < len(text) and cut > start else end
        out = ["…" if start else ""]
        position = start
        for s, e in spans:
            if s < start or e > end:
                continue
            out.append(html.escape(text[position:s]))
            out.append(f"<mark>{html.escape(text[s:e])}</mark>")
            position = e
        out.append(html.escape(text[position:end]))
        out.append("…" if end < len(text) else "")
        return "".join(out)
