"""Reported speech from the dependency parse: cue, content and source in either order.

A cue verb's content is its clausal complement or object (labels per lemma in
``cues.json``); its source is the subject, the passive agent, or the subject it
inherits as a conjunct, participle or relative clause. "According to X" and the other
source-first phrases take the clause they modify as content. Each finding is a plain
:class:`Found`; direct quotes are attached to them later.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable, Optional

from spacy.attrs import LEMMA, LOWER

from ..extensions import content_edges
from .lexicon import Lexicon

SUBJECTS = ("nsubj", "csubj")
INHERIT_SUBJECT = ("conj", "xcomp", "advcl", "acl", "pcomp")
RELATIVE_PRONOUNS = {"who", "that", "which", "whom"}
CONCESSIVE = {"although", "though", "whereas", "while", "even"}
NOMINAL_DEPS = ("pcomp", "pobj", "csubj", "csubjpass", "dobj", "amod", "compound", "nsubj", "attr")
EMPTY_OBJECTS = {"it", "this", "that", "so", "what", "something", "anything", "nothing", "much", "more",
                 "which", "them", "him", "her", "me", "us", "you", "one", "lot", "thing", "things"}
CUT_FROM_MENTION = ("relcl", "acl", "advcl", "punct", "cc", "conj", "prep")
MAX_MENTION_TOKENS = 14  # a longer subject is cut to its head phrase (apposition kept)
MIN_SIDE_WORDS = 3       # fewer words before "according to X" means the report follows it
MIN_CONTENT_TOKENS = 2   # a one-word clause ("he said so") is not reported content
EDGE_PUNCT = set(",;:-–—()[]") | {"that"}
QUOTE_CHARS = set("\"“”«»'‘’`")


@dataclass
class Found:
    """One attribution before quotes are attached and speakers resolved."""

    cue: tuple                      # (start, end) characters of the cue words
    kind: str                       # speech | stance | thought | negated (a denied or withheld claim)
    sent: tuple                     # (start, end) characters of the cue's sentence
    content: Optional[tuple] = None  # (start, end) characters
    source: Optional[object] = None  # spaCy Span of the speaker mention
    colon: bool = False             # the cue's sentence ends with a colon
    turn: bool = False              # a transcript speaker turn
    speaker: Optional[object] = None  # a Speaker known without resolving ``source`` (Q/A labels)
    quotes: list = field(default_factory=list)


def find_reported(doc, lex: Lexicon, include_thought: bool = True) -> list[Found]:
    """Every cue in ``doc`` with its content and source as far as the parse gives them."""
    found: list[Found] = []
    candidates = _candidates(doc, lex)
    if not candidates:
        return found
    k = 0
    for sent in doc.sents:
        colon = None  # computed on the sentence's first candidate: most sentences have none
        while k < len(candidates) and candidates[k] < sent.end:
            tok = doc[candidates[k]]
            k += 1
            if colon is None:
                colon = _ends_with_colon(sent)
            item = (_verb_cue(tok, sent, lex, colon) or _phrase_cue(tok, sent, lex)
                    or _noun_cue(tok, sent, lex))
            if item and (include_thought or item.kind != "thought"):
                found.append(item)
        if k >= len(candidates):
            break
    return found


def _candidates(doc, lex: Lexicon) -> list[int]:
    """Indices of the tokens that may open a cue: lemma a cue lemma or word a phrase's first word.

    Every cue finder returns nothing for any other token, so only these are looked at; the
    test runs on the attribute hashes, without making a Token for each word.
    """
    strings = doc.vocab.strings
    lemma_hit, first_hit = lex.lemma_hits, lex.first_word_hits
    out = []
    for i, (lemma, lower) in enumerate(doc.to_array([LEMMA, LOWER]).tolist()):
        hit = lemma_hit.get(lemma)
        if hit is None:
            hit = lemma_hit[lemma] = (strings[lemma] if lemma else "").lower() in lex.cue_lemmas
        if not hit:
            hit = first_hit.get(lower)
            if hit is None:
                hit = first_hit[lower] = (strings[lower] if lower else "") in lex.phrases_by_first
        if hit:
            out.append(i)
    return out


def _ends_with_colon(sent) -> bool:
    edges = content_edges(sent)
    return edges is not None and sent.doc[edges[1]].text == ":"


def _sent_chars(sent) -> tuple:
    return sent.start_char, sent.end_char


# --- verbs --------------------------------------------------------------------------
def _verb_cue(tok, sent, lex: Lexicon, colon: bool) -> Optional[Found]:
    """A cue verb's attribution, or None when ``tok`` is no cue (or reports nothing)."""
    if tok.pos_ not in ("VERB", "AUX") and not tok.tag_.startswith("VB"):
        return None
    if tok.tag_ == "VBG" and tok.dep_ in NOMINAL_DEPS and not any(c.dep_ == "nsubj" for c in tok.children):
        return None  # a gerund used as a noun ("by deciding who ...") reports nothing; "with Xi saying" does
    lemma = tok.lemma_.lower()
    cue = lex.cues.get(lemma)
    colon_cue = lemma in lex.colon_cues and ((colon and _is_last_clause(tok, sent)) or _colon_follows(tok))
    if cue is None and not colon_cue and not _as_put_it(tok):
        return None
    content_tokens, cue_tokens, has_dobj = _verb_content(tok, cue, lex)
    source = _source(tok)
    # "did not say", "failed to note": still an attribution, but nothing the speaker claims
    kind = "negated" if cue is not None and cue.kind != "thought" and _negated(tok) else (cue.kind if cue else "speech")
    found = Found(cue=_hull(cue_tokens), kind=kind,
                  sent=_sent_chars(sent), source=source, colon=colon_cue)
    found.content = _content_chars(content_tokens, exclude=_span_set(source) | {t.i for t in cue_tokens})
    if found.content is None and not colon_cue and (cue is None or cue.kind == "thought"):
        return None
    if has_dobj and source is None and not any(c.dep_ in ("ccomp", "xcomp") for c in tok.children):
        return None  # "maintaining a level": an object without a speaker is not reported speech
    return found


def _verb_content(tok, cue, lex: Lexicon) -> tuple:
    """(content tokens, cue tokens, whether the content is an object) of cue verb ``tok``."""
    content_tokens, cue_tokens = [], [tok]
    labels = cue.content if cue else set()
    has_dobj = False
    for child in _clauses(tok, labels):
        content_tokens.extend(_clause_tokens(child))
    for child in tok.children:
        if child.dep_ == "dobj" and "dobj" in labels and child.lower_ not in EMPTY_OBJECTS:
            content_tokens.extend(child.subtree)
            has_dobj = True
        elif child.dep_ in ("prt", "prep") and child.lower_ in lex.particle_phrases.get(tok.lemma_.lower(), ()):
            cue_tokens.append(child)  # "called for X", "pointed out that ..."
            for obj in child.children:
                if obj.dep_ in ("pobj", "pcomp"):
                    content_tokens.extend(obj.subtree)
    if has_dobj:
        # "described ties as ...", "called it a disaster": the predicate belongs to the content.
        for child in tok.children:
            if child.dep_ == "oprd" or (child.dep_ == "prep" and child.lower_ == "as"):
                content_tokens.extend(child.subtree)
    if not content_tokens and (cue is not None or _as_put_it(tok)) and (tok.dep_ == "parataxis" or (
            tok.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ == "as" for c in tok.children))):
        # "The plan, he said, is dead." / "As Nye suggests, the party ...": content is the host clause.
        own = set(t.i for t in tok.subtree)
        content_tokens = [t for t in tok.head.subtree if t.i not in own]
    return content_tokens, cue_tokens, has_dobj


def _as_put_it(tok) -> bool:
    """"As Jane Roe put it, ...": 'put it' reports the host clause."""
    return tok.lemma_.lower() == "put" and any(c.dep_ == "dobj" and c.lower_ == "it" for c in tok.children) \
        and any(c.dep_ == "mark" and c.lower_ == "as" for c in tok.children)


def _clauses(tok, labels: set) -> list:
    """The clausal complements of cue ``tok`` that carry its content.

    A complement on each side of the cue is kept ('"A," she said, "B."') only when the
    one before it opens with a quote mark; otherwise the one before is a parse error
    (a parenthetical or a fronted subordinate clause hung on the cue).
    """
    found = [c for c in tok.children if c.dep_ in labels and c.dep_ in ("ccomp", "xcomp")]
    after = [c for c in found if c.i > tok.i]
    if after:
        found = after + [c for c in found if c.i < tok.i and _opens_quote(c)]
    return found


def _opens_quote(tok) -> bool:
    first = tok.left_edge
    doc = tok.doc
    prev = doc[first.i - 1] if first.i > 0 else None
    return bool(QUOTE_CHARS.intersection(first.text) or (prev is not None and QUOTE_CHARS.intersection(prev.text)))


def _clause_tokens(head) -> list:
    """The subtree of ``head`` without a trailing concessive clause (', although he ...')."""
    drop = set()
    for child in head.children:
        if child.i > head.i and child.dep_ == "advcl" and \
                any(g.dep_ == "mark" and g.lower_ in CONCESSIVE for g in child.children):
            drop.update(t.i for t in child.subtree)
    return [t for t in head.subtree if t.i not in drop]


def _colon_follows(tok) -> bool:
    """True when a colon follows the cue or its particle: 'She went on: "..."'."""
    doc = tok.doc
    i = tok.i + 1
    while i < len(doc) and (doc[i].is_space or (doc[i].dep_ == "prt" and doc[i].head.i == tok.i)):
        i += 1
    if i < len(doc) and doc[i].text == ",":  # 'She went on, "..."'
        return i + 1 < len(doc) and doc[i + 1].text in ('"', "\u201c", "''", "\u00ab")
    return i < len(doc) and doc[i].text == ":"


def _is_last_clause(tok, sent) -> bool:
    """True when no other verb follows ``tok`` before the colon ("He went on:")."""
    return not any(t.pos_ == "VERB" for t in sent if t.i > tok.i)


def _source(tok):
    """The speaker mention of cue ``tok`` (a Span) or None."""
    mention = _source_mention(tok)
    if mention is not None and mention.end <= tok.i and "\n" in tok.doc[mention.end - 1:tok.i].text_with_ws:
        return _on_cue_line(tok) or mention
    return mention


def _on_cue_line(tok):
    """The words opening the cue's own line, up to the first comma ("Jane Roe, an economist,
    says"): the speaker when the parse took a heading line above for the subject."""
    doc = tok.doc
    i = tok.i
    while i > 0 and "\n" not in doc[i - 1].text_with_ws:
        i -= 1
    end = i
    while end < tok.i and doc[end].text != "," and doc[end].pos_ in ("PROPN", "NOUN", "DET", "ADJ", "PRON"):
        end += 1
    return doc[i:end] if end > i and any(t.pos_ in ("PROPN", "PRON", "NOUN") for t in doc[i:end]) else None


def _source_mention(tok):
    quoted = _quoted_as_saying(tok)
    if quoted is not None:
        return quoted
    for child in tok.children:
        if child.dep_ == "agent":
            for obj in child.children:
                if obj.dep_ == "pobj":
                    return _mention(obj)
    subjects = [c for c in tok.children if c.dep_ in SUBJECTS]
    if subjects:
        mentions = [_mention(c) for c in subjects]
        first, last = mentions[0], mentions[-1]
        if len(mentions) > 1 and last.start - first.end <= 1 and last.end - first.start <= MAX_MENTION_TOKENS:
            return tok.doc[first.start:last.end]  # "the analyst Marta Kos" parsed as two subjects
        return last
    if any(c.dep_ == "nsubjpass" for c in tok.children):
        return None
    if tok.dep_ == "relcl" and tok.head.pos_ in ("PROPN", "NOUN"):
        return _mention(tok.head)
    after = tok.doc[tok.i + 1] if tok.i + 1 < len(tok.doc) else None
    if after is not None and after.head.i == tok.i and (after.ent_type_ == "PERSON" or after.pos_ == "PRON"):
        return _mention(after)  # '"...," said Ellis' parsed without a subject
    if tok.tag_ == "VBN" and tok.dep_ in ("advcl", "acl"):
        return None  # "Asked about the deal, she ...": the host's subject was asked, not asking
    if tok.dep_ in INHERIT_SUBJECT and tok.head is not tok:
        if tok.dep_ == "acl" and tok.head.pos_ in ("PROPN", "NOUN", "PRON"):
            return _mention(tok.head)
        return _source(tok.head) if tok.head.i != tok.i else None
    return None


def _quoted_as_saying(tok):
    """"X quoted Y as saying", "Y was quoted as saying": the speaker is Y, not the outlet X."""
    head = tok.head.head if tok.head.lower_ == "as" else tok.head  # "quoted ... as saying"
    verb = head if head.i != tok.i and head.lemma_.lower() == "quote" else (
        tok if tok.lemma_.lower() == "quote" else None)
    if verb is None:
        return None
    for child in verb.children:
        if child.dep_ in ("dobj", "nsubjpass") and child.pos_ in ("PROPN", "PRON", "NOUN"):
            return _mention(child)
    return None


NEGATING_HEADS = {"fail", "refuse", "decline"}


def _negated(tok) -> bool:
    """'did not say', 'failed to note', 'Nor did he mention', 'wouldn't say whether': nothing claimed."""
    if any(c.dep_ == "neg" or c.lower_ in ("nor", "never") for c in tok.children):
        return True
    return tok.dep_ == "xcomp" and tok.head.lemma_.lower() in NEGATING_HEADS


def _mention(head):
    """The noun phrase headed by ``head``, without its relative clauses; long ones cut down."""
    doc = head.doc
    cut = CUT_FROM_MENTION
    clauses: set = set()
    if head.ent_type_ == "PERSON" and any(c.dep_ == "conj" and c.pos_ == "PROPN" and c.ent_type_ in ("PERSON", "")
                                          for c in head.children):
        cut = tuple(label for label in cut if label not in ("cc", "conj"))  # "Jane Roe and John Doe said"
        clauses = {t.i for c in head.subtree if c.dep_ in ("relcl", "acl") for t in c.subtree}
    tokens = [t for t in head.subtree if not _under(t, head, cut) and t.i not in clauses]
    keep = sorted(t.i for t in tokens)
    if not keep:
        return doc[head.i:head.i + 1]
    # keep the contiguous run around the head
    start = end = head.i
    allowed = set(keep)
    while start - 1 in allowed:
        start -= 1
    while end + 1 in allowed:
        end += 1
    # an apposition or a name joined by a comma ("the head of X, Fyodor Lukyanov") stays
    for t in head.subtree:
        if t.dep_ in ("appos",) and t.head.i == head.i:
            end = max(end, t.right_edge.i)
    if end - start + 1 > MAX_MENTION_TOKENS:
        start = max(start, head.left_edge.i, head.i - MAX_MENTION_TOKENS // 2)
        end = head.i if end - head.i > MAX_MENTION_TOKENS // 2 else end
    # A heading line the parser glued on is not part of the speaker: keep the mention's last line
    # (when the head sits in the heading, the name on the next line is the speaker).
    breaks = [t.i for t in doc[start:end] if "\n" in t.text_with_ws]
    if breaks and (breaks[-1] < head.i or any(t.pos_ == "PROPN" for t in doc[breaks[-1] + 1:end + 1])):
        start = breaks[-1] + 1
    span = doc[start:end + 1]
    while len(span) > 1 and (span[-1].is_punct or span[-1].is_space):
        span = span[:-1]
    while len(span) > 1 and (span[0].is_punct or span[0].is_space):
        span = span[1:]
    return span


def _under(tok, head, labels) -> bool:
    """True when ``tok`` lies below a child of ``head`` attached with one of ``labels``."""
    node = tok
    while node.i != head.i:
        if node.head.i == head.i:
            return node.dep_ in labels and not (node.dep_ == "prep" and node.lower_ == "of") \
                and not (node.dep_ == "punct" and node.i < head.i)
        node = node.head
    return False


# --- phrases: "according to X", "in the words of X" -----------------------------------
def _phrase_cue(tok, sent, lex: Lexicon) -> Optional[Found]:
    doc = tok.doc
    for phrase in lex.phrases_by_first.get(tok.lower_, ()):
        n = len(phrase)
        if tok.lower_ != phrase[0] or tok.i + n > sent.end:
            continue
        words = doc[tok.i:tok.i + n]
        if tuple(t.lower_ for t in words) != phrase:
            continue
        obj = _phrase_object(words)
        if obj is None:
            continue
        source = _mention(obj)
        phrase_tokens = set()
        for t in words:
            phrase_tokens.update(x.i for x in t.subtree)
        phrase_tokens.update(x.i for x in source)
        host = _clause_head(tok)
        content_tokens = [t for t in (host.subtree if host is not None else sent) if t.i not in phrase_tokens]
        content = _content_chars(_one_side(content_tokens, words.start), exclude=phrase_tokens)
        if content is None:
            continue
        return Found(cue=(words.start_char, words.end_char), kind="speech",
                     sent=_sent_chars(sent), content=content, source=source)
    return None


def _one_side(tokens: list, at: int) -> list:
    """The host clause's words before a source phrase, or after it when too few come before.

    "Growth will slow, according to X, more than ..." reports what comes before the
    phrase; "that, according to X, both countries ..." what comes after.
    """
    before = [t for t in tokens if t.i < at]
    words = [t for t in before if not t.is_punct and t.dep_ not in ("mark", "cc")]
    return before if len(words) >= MIN_SIDE_WORDS else [t for t in tokens if t.i > at]


def _phrase_object(words):
    for t in reversed(list(words)):
        for child in t.children:
            if child.dep_ in ("pobj", "dobj") and child.i >= words.end:
                return child
    last = words[-1]
    nxt = last.doc[last.i + 1] if last.i + 1 < len(last.doc) else None
    if nxt is not None and nxt.pos_ in ("PROPN", "NOUN", "PRON", "DET", "ADJ"):
        head = nxt
        while head.head.i != head.i and head.head.i >= words.end and head.dep_ not in ("ROOT",) \
                and head.head.i < nxt.i + MAX_MENTION_TOKENS and head.head.pos_ in ("PROPN", "NOUN"):
            head = head.head
        return head
    return None


def _clause_head(tok):
    """The verb or root whose clause the phrase at ``tok`` qualifies."""
    node = tok.head
    while node.pos_ not in ("VERB", "AUX") and node.dep_ != "ROOT" and node.head.i != node.i:
        node = node.head
    return node if node.i != tok.i else None


# --- nouns: "his claim that ...", "a statement by the ministry that ..." ----------------
def _noun_cue(tok, sent, lex: Lexicon) -> Optional[Found]:
    if tok.pos_ != "NOUN" or tok.lemma_.lower() not in lex.cue_nouns:
        return None
    content = [c for c in tok.children if c.dep_ in ("acl", "ccomp")
               and any(g.dep_ == "mark" and g.lower_ == "that" for g in c.children)]
    if not content:
        return None
    source = None
    for child in tok.children:
        if child.dep_ == "poss":
            source = _mention(child)
        elif child.dep_ == "prep" and child.lower_ in ("by", "from", "of"):
            objs = [g for g in child.children if g.dep_ == "pobj"]
            if objs:
                source = _mention(objs[0])
    if source is None or source.root.lower_ in ("its",):
        return None
    tokens = [t for c in content for t in c.subtree]
    chars = _content_chars(tokens, exclude=_span_set(source))
    if chars is None:
        return None
    return Found(cue=(tok.idx, tok.idx + len(tok.text)), kind="speech",
                 sent=_sent_chars(sent), content=chars, source=source)


# --- helpers ------------------------------------------------------------------------
def _span_set(span) -> set:
    return set(range(span.start, span.end)) if span is not None else set()


def _hull(tokens: Iterable) -> tuple:
    tokens = list(tokens)
    return min(t.idx for t in tokens), max(t.idx + len(t.text) for t in tokens)


def _content_chars(tokens: list, exclude: set = frozenset()) -> Optional[tuple]:
    """(start, end) of the content tokens, edges trimmed of punctuation, 'that' and excluded tokens."""
    tokens = sorted({t.i: t for t in tokens}.values(), key=lambda t: t.i)
    while tokens and (tokens[0].i in exclude or tokens[0].is_space or tokens[0].lower_ in EDGE_PUNCT
                      or (tokens[0].is_punct and not QUOTE_CHARS.intersection(tokens[0].text))):
        tokens = tokens[1:]
    while tokens and (tokens[-1].i in exclude or tokens[-1].is_space or tokens[-1].lower_ in EDGE_PUNCT
                      or (tokens[-1].is_punct and not QUOTE_CHARS.intersection(tokens[-1].text))):
        tokens = tokens[:-1]
    words = [t for t in tokens if not t.is_punct and not t.is_space]
    if len(words) < MIN_CONTENT_TOKENS and not (words and words[0].pos_ in ("PROPN", "NOUN")):
        return None
    return tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)
