"""Linear time in sentence length: bounded sentences, boundaries past invisible marks, and
nearest-mention search that looks only near the figure (same answers as a full scan)."""
from __future__ import annotations

import random

import pytest

from rhetoric.nlp.cleanup.sentence_limits import MAX_SENTENCE_CHARS
from rhetoric.nlp.quantities.context import AFTER_BONUS, CLAUSE_BREAK, nearest


@pytest.mark.parametrize("mark", ["\u200b", "\u200f", "\u202c", "\u2066", "\u0301"])
def test_full_stops_with_invisible_marks_still_end_sentences(nlp, mark):
    text = f"Exports rose 5% in 2014.{mark} Imports fell 3% in 2015.{mark} Trade grew 2% in 2016."
    doc = nlp(text)
    assert [s.text.split()[0] for s in doc.sents] == ["Exports", "Imports", "Trade"]
    assert all(s._.cut is None for s in doc.sents)


def test_a_sentence_without_full_stops_is_cut_at_clause_breaks(nlp):
    text = "exports rose 5% to $10 billion in 2014, " * 150  # 6,000 characters, no full stop
    doc = nlp(text)
    sentences = list(doc.sents)
    assert len(sentences) >= 3
    assert all(len(s.text) <= MAX_SENTENCE_CHARS for s in sentences)
    assert [s._.cut for s in sentences[1:]] == ["clause"] * (len(sentences) - 1)
    assert sentences[1].text.startswith("exports rose")


def test_ordinary_prose_is_not_cut(nlp, sample_text):
    assert all(s._.cut is None for s in nlp(sample_text).sents)


def test_cuts_are_in_the_analysis_json():
    """The contract's Sentence.cut says which sentences a forced cut opened, and how."""
    import json

    from rhetoric.api import analyze_text

    words = " ".join(f"item{i} costs {i} dollars" for i in range(400))  # no clause break, no full stop
    text = "Prices were stable in 2020. " + words
    sentences = json.loads(analyze_text(text).to_json())["sentences"]
    assert sentences[0]["cut"] is None and sentences[1]["cut"] is None
    cuts = [s["cut"] for s in sentences[2:]]  # the parser may still end a sentence of its own
    assert cuts.count("token") >= 4 and set(cuts) <= {"token", None}
    assert all(s["end"] - s["start"] <= MAX_SENTENCE_CHARS for s in sentences)


def full_scan(mentions, start, end, limit, text):
    """The search over every mention, as it was before bisection."""
    best, best_distance = None, limit + 1
    for m_start, m_end, label in mentions:
        if m_start >= end:
            distance, gap = m_start - end - AFTER_BONUS, text[end:m_start]
        elif m_end <= start:
            distance, gap = start - m_end, text[m_end:start]
        else:
            continue
        if gap and CLAUSE_BREAK.search(gap):
            continue
        if distance < best_distance:
            best, best_distance = label, distance
    return best


def test_nearest_finds_what_a_full_scan_finds():
    rng = random.Random(5)
    for _ in range(300):
        text = "".join(rng.choice("abc ;(") for _ in range(400))
        mentions, position = [], 0
        while position < 380:  # sorted, non-overlapping, as finditer gives them
            position += rng.randint(0, 40)
            length = rng.randint(1, 8)
            mentions.append((position, position + length, f"m{position}"))
            position += length
        start = rng.randint(0, 390)
        end = start + rng.randint(1, 10)
        limit = rng.choice([5, 30, 80])
        assert nearest(mentions, start, end, limit, text) == full_scan(mentions, start, end, limit, text)


def test_the_quick_check_never_skips_a_text_the_rules_change(nlp):
    """needs_limits is only a shortcut: a text it lets skip the rules gets no boundary from them."""
    from spacy.tokens import Doc

    from rhetoric.nlp.cleanup.sentence_limits import apply_limits, needs_limits

    rng = random.Random(3)
    plain, ends, marks = ["word", "Word", "3.5", "U.S.", ",", ";", "\n", " "], ["end.", "?", "\n\n"], [
        "end.\u200b", "e\u0301t\u00e9"]
    skipped = changed = 0
    for _ in range(400):
        p_end, p_mark = rng.choice([0.0, 0.02, 0.05, 0.2]), rng.choice([0.0, 0.0, 0.02])
        draws = [rng.random() for _ in range(rng.randint(5, 300))]
        text = " ".join(rng.choice(marks) if r < p_mark else rng.choice(ends) if r < p_mark + p_end
                        else rng.choice(plain) for r in draws)
        doc = nlp.make_doc(text)
        before = [t.is_sent_start for t in doc]
        after = [t.is_sent_start for t in apply_limits(doc, 150)]
        changed += after != before
        if not needs_limits(text, 150):
            skipped += 1
            assert after == before, text
    assert skipped > 50 and changed > 50  # both kinds of text were drawn
