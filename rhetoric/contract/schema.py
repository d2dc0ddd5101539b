"""The Analysis: plain, typed data for one document, and the one converter from a ``Doc``.

Everything after :func:`doc_to_analysis` (reality checks, outputs, batch store,
comparisons, reports) works on these dataclasses or their JSON form and never needs
spaCy again. The JSON shape is the contract in ``DESIGN.md`` (schema
``rhetoric.analysis/2``): every top-level field is present even when empty.
"""
from __future__ import annotations

import dataclasses
import json
from dataclasses import dataclass, field
from typing import Any, Iterable, Optional, Union

from .fields import DEFAULT_KIND, DEFAULT_VOICE

SCHEMA = "rhetoric.analysis/2"


@dataclass
class Reference:
    """One entry of a reference list: ``[1] http://tass.ru/...``."""

    marker: str
    url: str
    domain: str
    start: int
    end: int


@dataclass
class Cue:
    """A word or phrase that explains a score; ``type`` is one of :data:`CUE_TYPES`."""

    start: int
    end: int
    text: str
    type: str


@dataclass
class TextSpan:
    """A located piece of the document text (e.g. the cue of a quote)."""

    start: int
    end: int
    text: str


@dataclass
class Speaker:
    """Who speaks: the mention as written plus the resolved name, role and official flag.

    ``name`` is the person as the document names them in full; ``canonical`` the gazetteer's
    name when the person is in it (else ``name``); ``key`` a stable person key across
    documents (``gz:`` + canonical name for gazetteer actors). ``role`` is the role held
    on the document's date.
    """

    start: Optional[int]
    end: Optional[int]
    text: str
    name: Optional[str] = None
    role: Optional[str] = None
    official: bool = False
    country: Optional[str] = None
    canonical: Optional[str] = None
    key: Optional[str] = None


@dataclass
class Source:
    """Where a quote was taken from: footnote marker, URL and outlet."""

    marker: Optional[str] = None
    url: Optional[str] = None
    outlet: Optional[str] = None
    outlet_type: Optional[str] = None


@dataclass
class Quote:
    """A direct quote or a piece of reported speech."""

    start: int
    end: int
    text: str
    direct: bool
    cue: Optional[TextSpan] = None
    speaker: Optional[Speaker] = None
    source: Optional[Source] = None


@dataclass
class Quantity:
    """A figure in the text with what it measures, when, whose claim, actual or target."""

    start: int
    end: int
    text: str
    value: Union[float, list]
    unit: Optional[str]
    kind: str = "amount"
    change: str = "="
    period: Optional[str] = None
    concept: Optional[str] = None
    modality: str = "actual"
    speaker: Optional[str] = None
    entities: list = field(default_factory=list)
    size: Optional[float] = None
    base_period: Optional[str] = None  # the comparison base of a change ("up 10% compared with 2017")


@dataclass
class Check:
    """A quantity held against an indicator value."""

    quantity: int
    series: Optional[str]
    period: Optional[str]
    claimed: Optional[float]
    actual: Optional[float]
    relative_error: Optional[float]
    verdict: str
    source: Optional[str] = None
    note: Optional[str] = None


@dataclass
class Sentence:
    """One sentence with its voice and tone."""

    start: int
    end: int
    text: str
    kind: str = DEFAULT_KIND
    voice: str = DEFAULT_VOICE
    speaker: Optional[str] = None
    role: Optional[str] = None
    speaker_key: Optional[str] = None
    because: Optional[str] = None
    optimism: Optional[float] = None
    tone: Optional[str] = None
    hedging: Optional[float] = None
    uncertain: Optional[bool] = None
    cues: list = field(default_factory=list)
    # "clause" | "token" when the text ran past the sentence length limit and this sentence
    # was opened by a forced cut (fields.CUTS); None when the sentence ends as written.
    cut: Optional[str] = None


# The values a sentence carries besides its place, text and cues, in field order: the converter
# reads each from the span extension of the same name, the sentence exports write one column each.
SENTENCE_VALUES = tuple(name for name in Sentence.__dataclass_fields__ if name not in ("start", "end", "text", "cues"))


@dataclass
class Analysis:
    """The analysis of one document, as in the JSON contract."""

    id: str
    text: str
    meta: dict = field(default_factory=dict)
    date: Optional[dict] = None  # {"value": "2023-09-20", "from": "metadata|dateline|html|option"}
    sentences: list = field(default_factory=list)
    quotes: list = field(default_factory=list)
    quantities: list = field(default_factory=list)
    checks: list = field(default_factory=list)
    references: list = field(default_factory=list)
    summary: dict = field(default_factory=dict)

    @classmethod
    def from_dict(cls, data: dict, text: str = "") -> "Analysis":
        """The Analysis of a contract JSON object (the inverse of :meth:`to_dict`)."""
        return analysis_from_dict(data, text)

    @classmethod
    def from_json(cls, line: str | bytes) -> "Analysis":
        """The Analysis of one contract JSON text (a line of a results file)."""
        return analysis_from_dict(json.loads(line))

    @property
    def has_text(self) -> bool:
        """Whether the document text is known (read with it, or analysed here)."""
        return bool(self.text)

    def to_dict(self, include_text: bool = False) -> dict:
        """The contract's JSON object (document text left out unless asked for)."""
        return {name: _plain(value) for name, value in self._top(include_text).items()}

    def to_json(self, include_text: bool = False, **dumps_options: Any) -> str:
        """``json.dumps(self.to_dict(include_text))``, faster: json's C encoder walks the lists
        and dicts and calls back only for dataclasses. A NaN anywhere (say, in metadata read
        from JSON) makes it fall back to :meth:`to_dict`, which writes NaN as null."""
        options = {"ensure_ascii": False, **dumps_options}
        try:
            return json.dumps(self._top(include_text), default=_fields, allow_nan=False, **options)
        except ValueError:
            return json.dumps(self.to_dict(include_text), **options)

    def _top(self, include_text: bool) -> dict:
        """The contract's top-level keys, in order, with the values as they are."""
        out: dict[str, Any] = {"schema": SCHEMA, "id": self.id, "meta": self.meta, "date": self.date}
        if include_text:
            out["text"] = self.text
        for name in ("sentences", "quotes", "quantities", "checks", "references", "summary"):
            out[name] = getattr(self, name)
        return out


def _fields(value: Any) -> dict:
    """A dataclass as a dict of its fields (for ``json.dumps(default=...)``)."""
    fields = getattr(type(value), "__dataclass_fields__", None)
    if fields is None:
        raise TypeError(f"{type(value).__name__} is not JSON serializable")
    state = getattr(value, "__dict__", None)
    if state is not None and len(state) == len(fields):
        return state  # exactly the fields, in field order: __init__ set them in that order
    return {name: getattr(value, name) for name in fields}


def _plain(value: Any) -> Any:
    """Dataclasses to dicts, NaN to None, recursively.

    Hand-rolled rather than ``dataclasses.asdict`` (which deep-copies): this runs on every
    sentence, cue and quote of every document a batch job writes.
    """
    if value is None or isinstance(value, (str, bool, int)):
        return value
    if isinstance(value, float):
        return None if value != value else value
    fields = getattr(type(value), "__dataclass_fields__", None)
    if fields is not None:
        return {name: _plain(getattr(value, name)) for name in fields}
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value


def analysis_from_dict(data: dict, text: str = "") -> Analysis:
    """Rebuild an :class:`Analysis` from its JSON object (for stores and reports)."""
    def speaker(d):
        return Speaker(**d) if d else None

    def quote(d):
        return Quote(
            start=d["start"], end=d["end"], text=d["text"], direct=d.get("direct", False),
            cue=TextSpan(**d["cue"]) if d.get("cue") else None,
            speaker=speaker(d.get("speaker")),
            source=Source(**d["source"]) if d.get("source") else None)

    def sentence(d):
        d = dict(d)
        d["cues"] = [Cue(**c) for c in d.get("cues") or []]
        return Sentence(**d)

    return Analysis(
        id=data.get("id", ""), text=data.get("text", text), meta=data.get("meta") or {}, date=data.get("date"),
        sentences=[sentence(s) for s in data.get("sentences", [])],
        quotes=[quote(q) for q in data.get("quotes", [])],
        quantities=[Quantity(**q) for q in data.get("quantities", [])],
        checks=[Check(**c) for c in data.get("checks", [])],
        references=[Reference(**r) for r in data.get("references", [])],
        summary=data.get("summary") or {})


def shift(item: Any, offset: int) -> Any:
    """A copy of a located dataclass (and its located parts) moved by ``offset`` characters."""
    if offset == 0 or item is None:
        return item
    changes = {}
    for f in dataclasses.fields(item):
        value = getattr(item, f.name)
        if f.name in ("start", "end") and isinstance(value, int):
            changes[f.name] = value + offset
        elif dataclasses.is_dataclass(value):
            changes[f.name] = shift(value, offset)
    return dataclasses.replace(item, **changes)


def merge(parts: Iterable[Analysis], doc_id: str, text: str, meta: Optional[dict] = None) -> Analysis:
    """One Analysis from the analyses of consecutive parts of ``text`` (offsets already shifted)."""
    merged = Analysis(id=doc_id, text=text, meta=dict(meta or {}))
    for part in parts:
        merged.sentences.extend(part.sentences)
        merged.quotes.extend(part.quotes)
        merged.quantities.extend(part.quantities)
        merged.references.extend(part.references)
    return merged
