"""The trained model's two rule components, run from lookup tables: same annotations, less time.

``en_core_web_sm`` spends about as long in its attribute ruler and rule lemmatizer as in its
parser, for reasons that have nothing to do with the rules:

- spaCy's ``Matcher`` tries every one of the ruler's ~180 patterns at every token and calls a
  Python predicate for each ``IN``/``NOT_IN``/``REGEX`` test there;
- the lemmatizer's cache skips the most common case (a base form), so most tokens take the
  slow path (``token.morph.to_dict()`` and the rule tables) every time.

:class:`TableAttributeRuler` indexes the patterns by the values they require, so a token is
tested only against the few that can match it; :class:`MemoLemmatizer` remembers each
(word, part of speech, morphology) it has lemmatised. Both produce exactly what the model's own
components produce (``tests/test_rule_tables.py`` compares every token attribute), and both fall
back to spaCy's code for anything they do not model: a pattern with operators or extension
attributes, a lemmatizer in another mode. :func:`use_rule_tables` swaps them into a loaded
pipeline; :func:`rhetoric.nlp.pipeline.load_pipeline` does so.
"""
from __future__ import annotations

import re
from typing import Iterable, Optional

from spacy.attrs import DEP, IDS, LEMMA, MORPH, ORTH, POS, TAG
from spacy.lang.en.lemmatizer import EnglishLemmatizer
from spacy.language import Language
from spacy.pipeline import AttributeRuler
from spacy.strings import get_string_id
from spacy.tokens import Doc

# Token attributes a pattern may test here: those whose Doc.to_array value is the value the
# Matcher compares (lexeme flags, strings and the tagger's and parser's labels).
TABLE_ATTRS = frozenset(IDS[name] for name in (
    "ORTH", "LOWER", "TAG", "POS", "DEP", "LEMMA", "SHAPE", "PREFIX", "SUFFIX",
    "IS_SPACE", "IS_PUNCT", "IS_ALPHA", "IS_DIGIT", "IS_LOWER", "IS_UPPER", "IS_TITLE", "LIKE_NUM"))

# Token attributes the ruler may set through Doc.from_array (none is also a lexeme attribute).
ARRAY_ATTRS = frozenset((LEMMA, POS, TAG, MORPH, DEP))

# Values few tokens share: a pattern indexed by one is tried on few tokens.
WORD_ATTRS = frozenset(IDS[name] for name in ("ORTH", "LOWER", "LEMMA"))

# Entries a memo holds before it starts again. Each memo here is a pure function's, so starting
# again never changes a result; the cap keeps a long run's memory flat (about 5 MB a memo).
# 20,000 rows of token values cover 88% of the tokens of 40 UN speeches.
ROW_MEMO_SIZE = 20_000
LEMMA_MEMO_SIZE = 20_000


class UnsupportedPattern(Exception):
    """A pattern uses something the tables do not model (spaCy's Matcher runs it instead)."""


def _attr_id(name) -> int:
    if not isinstance(name, str):
        raise UnsupportedPattern(name)
    name = name.upper()
    attr = IDS.get("ORTH" if name == "TEXT" else name)
    if attr not in TABLE_ATTRS:
        raise UnsupportedPattern(name)
    return attr


def _token_tests(spec: dict, strings) -> list[tuple[int, str, object]]:
    """The Matcher's tests for one token spec as (attribute, kind, value), with the values
    converted as the Matcher converts them (``_get_attr_values``, ``_SetPredicate``)."""
    tests = []
    for name, value in spec.items():
        attr = _attr_id(name)
        if isinstance(value, bool):
            tests.append((attr, "eq", int(value)))
        elif isinstance(value, str):
            tests.append((attr, "eq", strings.add(value)))
        elif isinstance(value, int):
            tests.append((attr, "eq", value))
        elif isinstance(value, dict) and len(value) == 1:
            (kind, operand), = value.items()
            kind = kind.upper()
            if kind in ("IN", "NOT_IN") and isinstance(operand, (list, tuple)) \
                    and all(isinstance(v, (str, int)) and not isinstance(v, bool) for v in operand):
                tests.append((attr, kind.lower(), frozenset(get_string_id(v) for v in operand)))
            elif kind == "REGEX" and isinstance(operand, str):
                tests.append((attr, "regex", _Regex(operand)))
            else:
                raise UnsupportedPattern(value)
        else:
            raise UnsupportedPattern(value)
    return tests


class PatternTable:
    """Fixed-length token patterns, indexed by a value one of their tokens must have.

    ``match`` returns what ``Matcher(doc, as_spans=False)`` returns for the same patterns, each
    (rule, start, end) once: a rule matches a span once however many of its patterns match it.
    Which one-token patterns a token matches depends only on its attribute values, so it is
    remembered per distinct row of values (most tokens repeat a row seen before).
    """

    def __init__(self, rules: Iterable[tuple[int, list]], strings) -> None:
        parsed = [(rule, [_token_tests(spec, strings) for spec in pattern])
                  for rule, patterns in rules for pattern in patterns]
        if any(not tokens for _, tokens in parsed):
            raise UnsupportedPattern("empty pattern")
        self.attrs = sorted({attr for _, tokens in parsed for tests in tokens for attr, _, _ in tests})
        column = {attr: i for i, attr in enumerate(self.attrs)}
        compiled = [(rule, [[(column[a], kind, v) for a, kind, v in tests] for tests in tokens])
                    for rule, tokens in parsed]
        words = frozenset(column[a] for a in WORD_ATTRS if a in column)
        self.single = _AnchorIndex([c for c in compiled if len(c[1]) == 1], len(self.attrs), words)
        self.longer = _AnchorIndex([c for c in compiled if len(c[1]) > 1], len(self.attrs), words)
        self._rules_of_row: dict = {}

    def match(self, doc: Doc) -> list:
        """Every (rule, start, end) once, in no particular order."""
        if not len(doc):
            return []
        rows = doc.to_array(self.attrs).reshape(len(doc), len(self.attrs)).tolist() if self.attrs else [[]] * len(doc)
        strings, found = doc.vocab.strings, []
        rules_of_row, single = self._rules_of_row, self.single
        if len(rules_of_row) > ROW_MEMO_SIZE:
            rules_of_row.clear()
        for start, row in enumerate(rows):
            key = tuple(row)
            rules = rules_of_row.get(key)
            if rules is None:
                rules = rules_of_row[key] = tuple({rule for rule, _, _ in single.matching_at(rows, start, strings)})
            for rule in rules:
                found.append((rule, start, start + 1))
        if self.longer:
            found.extend(self.longer.all_matches(rows, strings))
        return found


class _AnchorIndex:
    """Patterns by a value one of their tokens needs (the pattern's anchor): its most selective
    test, an equality before an IN list, a word before a tag."""

    def __init__(self, patterns: list, columns: int, word_columns: frozenset) -> None:
        self.by_value: list[dict] = [{} for _ in range(columns)]
        self.anywhere: list = []  # patterns none of whose tokens needs one value
        for rule, tokens in patterns:
            anchors = [(len(v) if kind == "in" else 0, col not in word_columns, offset, col, kind, v)
                       for offset, tests in enumerate(tokens) for col, kind, v in tests if kind in ("eq", "in")]
            if not anchors:
                self.anywhere.append((rule, len(tokens), tokens, 0))
                continue
            *_, offset, col, kind, value = min(anchors, key=lambda anchor: anchor[:4])
            for v in ([value] if kind == "eq" else value):
                self.by_value[col].setdefault(v, []).append((rule, len(tokens), tokens, offset))
        self.indexed = [(col, table) for col, table in enumerate(self.by_value) if table]

    def __bool__(self) -> bool:
        return bool(self.indexed or self.anywhere)

    def matching_at(self, rows: list, position: int, strings) -> list[tuple[int, int, int]]:
        """(rule, start, length) of the patterns matching with their anchor at ``position``
        (or starting there, for patterns without one)."""
        row, out = rows[position], []
        for col, table in self.indexed:
            candidates = table.get(row[col])
            if candidates:
                _check(candidates, rows, position, strings, out)
        if self.anywhere:
            _check(self.anywhere, rows, position, strings, out)
        return out

    def all_matches(self, rows: list, strings) -> set:
        """(rule, start, end) of every match in ``rows``."""
        positions = range(len(rows)) if self.anywhere else {
            p for col, table in self.indexed for p, row in enumerate(rows) if row[col] in table}
        return {(rule, start, start + length) for p in positions
                for rule, start, length in self.matching_at(rows, p, strings)}


def _check(candidates: list, rows: list, position: int, strings, out: list) -> None:
    for rule, length, tokens, offset in candidates:
        start = position - offset
        if 0 <= start and start + length <= len(rows) and all(
                _passes(rows[start + k], tests, strings) for k, tests in enumerate(tokens)):
            out.append((rule, start, length))


def _passes(row: list, tests: list, strings) -> bool:
    for col, kind, value in tests:
        got = row[col]
        if kind == "eq":
            if got != value:
                return False
        elif kind == "in":
            if got not in value:
                return False
        elif kind == "not_in":
            if got in value:
                return False
        elif not value.search(got, strings):
            return False
    return True


class _Regex:
    """A REGEX test, on the text of the attribute's value (as spaCy's predicate reads it)."""

    def __init__(self, pattern: str) -> None:
        self.regex = re.compile(pattern)

    def search(self, key: int, strings) -> bool:
        return self.regex.search(strings[key]) is not None


class TableAttributeRuler(AttributeRuler):
    """spaCy's attribute ruler with its patterns matched through a :class:`PatternTable`."""

    _table: Optional[PatternTable] = None
    _table_unsupported = False
    _attrs: Optional[list] = None
    _match_keys: list = []  # the Matcher's match id of each rule

    def match(self, doc: Doc):
        table = self._pattern_table()
        if table is None:
            return super().match(doc)
        keys = self._match_keys
        # As AttributeRuler.match: sorted by rule, so that later rules take precedence.
        return sorted((rule, keys[rule], start, end) for rule, start, end in table.match(doc))

    def set_annotations(self, doc: Doc, matches) -> None:
        """As AttributeRuler.set_annotations (each match in turn, the last one to set a value
        wins), with the values collected in one array and written in one ``Doc.from_array``."""
        attrs = self._array_attrs()
        if not attrs or not matches:
            return super().set_annotations(doc, matches)
        column = {attr: k for k, attr in enumerate(attrs)}
        values = doc.to_array(attrs).reshape(len(doc), len(attrs))
        for rule, _, start, end in matches:
            index = self.indices[rule]
            target = (start if index >= 0 else end) + index
            if not start <= target < end:
                return super().set_annotations(doc, matches)  # spaCy's error for this rule; nothing written yet
            for attr, value in self.attrs[rule].items():
                values[target, column[attr]] = value
        doc.from_array(attrs, values)

    def _array_attrs(self) -> Optional[list]:
        # The attributes the rules set, if every one is a plain token attribute: setting one
        # through Doc.from_array is then what spaCy's set_token_attrs does.
        if self._attrs is None:
            used = {attr for attrs in self.attrs for attr in attrs}
            self._attrs = sorted(used) if used <= ARRAY_ATTRS else []
        return self._attrs

    def _pattern_table(self) -> Optional[PatternTable]:
        if self._table is None and not self._table_unsupported:
            try:
                rules = [(rule, self.matcher.get(str(rule))[1]) for rule in range(len(self.attrs))]
                self._table = PatternTable(rules, self.vocab.strings)
                self._match_keys = [self.vocab.strings[str(rule)] for rule in range(len(self.attrs))]
            except UnsupportedPattern:
                self._table_unsupported = True
        return self._table

    # Any change to the rules rebuilds the table on next use.
    def add(self, *args, **kwargs) -> None:
        self._table, self._table_unsupported, self._attrs = None, False, None
        super().add(*args, **kwargs)

    def clear(self) -> None:
        self._table, self._table_unsupported, self._attrs = None, False, None
        super().clear()


class MemoLemmatizer(EnglishLemmatizer):
    """spaCy's English rule lemmatizer, remembering the lemma of each (word, POS, morphology).

    A rule lemma depends on nothing else (spaCy's own cache uses the same key, but skips base
    forms and words without rules, which are most words). Tokens without a part of speech are
    left to spaCy, which warns about them."""

    def __call__(self, doc: Doc) -> Doc:
        if self.mode != "rule" or not self._validated or not len(doc):
            return super().__call__(doc)  # spaCy's path (it validates the tables on first use)
        memo, strings = self._memo(), self.vocab.strings
        table = doc.to_array([ORTH, POS, MORPH, LEMMA])
        lemmas = table[:, 3].copy()
        for i, (orth, pos, morph, lemma) in enumerate(table.tolist()):
            if lemma and not self.overwrite:
                continue
            key = (orth, pos, morph)
            found = memo.get(key)
            if found is None:
                found = strings.add(self.lemmatize(doc[i])[0])
                if pos:
                    memo[key] = found
            lemmas[i] = found
        doc.from_array([LEMMA], lemmas.reshape(-1, 1))
        return doc

    _lemma_memo: Optional[dict] = None
    _memo_lookups = None

    def _memo(self) -> dict:
        # Started again when the lookup tables are replaced (initialize, from_disk), and when full.
        if self._lemma_memo is None or self._memo_lookups is not self.lookups or len(self._lemma_memo) > LEMMA_MEMO_SIZE:
            self._lemma_memo, self._memo_lookups = {}, self.lookups
        return self._lemma_memo


@Language.factory("rhetoric_attribute_ruler", default_config={"validate": False})
def make_table_attribute_ruler(nlp: Language, name: str, validate: bool) -> TableAttributeRuler:
    return TableAttributeRuler(nlp.vocab, name, validate=validate)


@Language.factory("rhetoric_lemmatizer", assigns=["token.lemma"],
                  default_config={"mode": "rule", "overwrite": False})
def make_memo_lemmatizer(nlp: Language, name: str, mode: str, overwrite: bool) -> MemoLemmatizer:
    return MemoLemmatizer(nlp.vocab, None, name, mode=mode, overwrite=overwrite)


def use_rule_tables(nlp: Language) -> Language:
    """Swap the table-driven components in for the model's own attribute ruler and English rule
    lemmatizer (same names, rules and lookup tables). Components of other kinds, or subclasses
    of these, are left alone."""
    for name, component in list(nlp.pipeline):
        if type(component) is AttributeRuler:
            patterns = component.patterns
            faster = nlp.replace_pipe(name, "rhetoric_attribute_ruler", config={"validate": False})
            faster.add_patterns(patterns)
        elif type(component) is EnglishLemmatizer and component.mode == "rule":
            faster = nlp.replace_pipe(name, "rhetoric_lemmatizer",
                                      config={"mode": "rule", "overwrite": component.overwrite})
            faster.lookups = component.lookups  # checked on first use, as spaCy's own does
    return nlp
