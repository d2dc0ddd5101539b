"""The stages' pure rule modules on plain inputs, one module at a time (our own sentences).

Tone's polarity rules read hand-written token tuples; the quote-attachment rules read offsets;
the quantity reader's parts read text. Only the reported-speech rules need a parse.
"""
import pytest

from rhetoric.knowledge.lexicon import load_lexicon
from rhetoric.nlp.attribution import attach
from rhetoric.nlp.attribution.lexicon import load_lexicon as attribution_lexicon
from rhetoric.nlp.attribution.quotes import MarkedQuote
from rhetoric.nlp.attribution.reported import Found as Attribution
from rhetoric.nlp.attribution.reported import find_reported
from rhetoric.nlp.quantities import exclusions, numbers, ranges, syntax, units
from rhetoric.nlp.quantities.extract import find_quantities
from rhetoric.nlp.quantities.numbers import Found
from rhetoric.nlp.quantities.rules import load_rules
from rhetoric.nlp.tone.lexicon import Tok, load_lexicons
from rhetoric.nlp.tone.polarity import score_sentence


def toks(*rows):
    """Tok tuples from (text, lemma, pos, dep, head) rows, offsets as if joined by spaces."""
    out, idx = [], 0
    for text, lemma, pos, dep, head in rows:
        out.append(Tok(text, text.lower(), lemma, pos, dep, head, idx))
        idx += len(text) + 1
    return out


# --- tone/polarity.py -------------------------------------------------------------

def cue_types(result):
    return [(c.start, c.type) for c in result[1]]


def test_direction_times_valence():
    """A fall of something bad is good news; its rise is bad news."""
    lex = load_lexicons()
    costs_fell = toks(("Costs", "cost", "NOUN", "nsubj", 1), ("fell", "fall", "VERB", "ROOT", 1), (".", ".", "PUNCT", "punct", 1))
    costs_rose = toks(("Costs", "cost", "NOUN", "nsubj", 1), ("rose", "rise", "VERB", "ROOT", 1), (".", ".", "PUNCT", "punct", 1))
    good, bad = score_sentence(costs_fell, lex), score_sentence(costs_rose, lex)
    assert good[0] > 0 > bad[0]
    assert cue_types(good) == [(1, "positive")] and cue_types(bad) == [(1, "negative")]


def test_negation_flips_a_positive_word():
    lex = load_lexicons()
    plain = toks(("The", "the", "DET", "det", 1), ("harvest", "harvest", "NOUN", "nsubj", 2), ("was", "be", "AUX", "ROOT", 2),
                 ("excellent", "excellent", "ADJ", "acomp", 2))
    negated = toks(("The", "the", "DET", "det", 1), ("harvest", "harvest", "NOUN", "nsubj", 2), ("was", "be", "AUX", "ROOT", 2),
                   ("not", "not", "PART", "neg", 2), ("excellent", "excellent", "ADJ", "acomp", 2))
    assert score_sentence(plain, lex)[0] > 0 > score_sentence(negated, lex)[0]
    assert cue_types(score_sentence(negated, lex)) == [(3, "negation"), (4, "negative")]


def test_hedges_are_cues_without_weight():
    lex = load_lexicons()
    hedged = toks(("Demand", "demand", "NOUN", "nsubj", 3), ("may", "may", "VERB", "aux", 3),
                  ("perhaps", "perhaps", "ADV", "advmod", 3), ("recover", "recover", "VERB", "ROOT", 3))
    score, cues = score_sentence(hedged, lex)
    assert [c.type for c in cues] == ["hedge", "hedge", "positive"]
    assert all(c.value == 0.0 for c in cues if c.type == "hedge")


def test_no_cue_no_score():
    lex = load_lexicons()
    flat = toks(("The", "the", "DET", "det", 1), ("meeting", "meeting", "NOUN", "nsubj", 2), ("is", "be", "AUX", "ROOT", 2),
                ("on", "on", "ADP", "prep", 2), ("Monday", "monday", "PROPN", "pobj", 3))
    assert score_sentence(flat, lex) == (0.0, [])


# --- attribution/reported.py ---------------------------------------------------------

def reported(nlp, text, include_thought=True):
    doc = nlp(text)
    return [(text[f.cue[0]:f.cue[1]], f.kind, text[f.content[0]:f.content[1]] if f.content else None,
             f.source.text if f.source is not None else None)
            for f in find_reported(doc, attribution_lexicon(), include_thought)]


def test_reported_verb_with_that_clause(nlp):
    assert reported(nlp, "The treasurer said that the deficit would shrink.") == [
        ("said", "speech", "the deficit would shrink", "The treasurer")]


def test_reported_phrase_cue(nlp):
    assert reported(nlp, "According to the central bank, prices will stabilise.") == [
        ("According to", "speech", "prices will stabilise", "the central bank")]


def test_reported_stance_and_thought_filter(nlp):
    assert reported(nlp, "Economists believe the recovery is fragile.") == [
        ("believe", "stance", "the recovery is fragile", "Economists")]


def test_reported_nothing_in_plain_narration(nlp):
    assert reported(nlp, "The ferry left the harbour at dawn.") == []


# --- attribution/attach.py ------------------------------------------------------------

def cue(text, word, sent=None, content=None, colon=False):
    start = text.index(word)
    sent = sent or (0, len(text))
    return Attribution(cue=(start, start + len(word)), kind="speech", sent=sent, content=content, colon=colon)


def test_quote_goes_to_the_adjacent_cue():
    text = '"We will build the bridge," the mayor said.'
    said = cue(text, "said")
    quote = MarkedQuote(0, text.index(",") + 2)
    assert attach.attach_quotes(text, [0], [quote], [said], []) == []
    assert said.quotes == [quote]


def test_short_scare_quote_far_from_the_cue_stays_an_orphan():
    text = 'The mayor said on Monday that the new and much delayed harbour "plan" would be ready by spring.'
    said = cue(text, "said")
    quote = MarkedQuote(text.index('"'), text.index('"', text.index('"') + 1) + 1)
    assert attach.attach_quotes(text, [0], [quote], [said], []) == [quote]
    assert said.quotes == []


def test_quote_after_a_colon_cue_sentence():
    text = 'The mayor went on: "The bridge opens in May."'
    went_on = cue(text, "went on", sent=(0, 18), colon=True)
    quote = MarkedQuote(text.index('"'), len(text))
    assert attach.attach_quotes(text, [0, 19], [quote], [went_on], []) == []
    assert went_on.quotes == [quote]


def test_quotes_inside_transcript_turns_are_left_alone():
    text = 'Mayor: "We are ready."'
    quote = MarkedQuote(7, len(text))
    assert attach.attach_quotes(text, [0], [quote], [], [(0, len(text))]) == []


def test_finalise_spans_content_and_quotes_and_trims_markers():
    text = 'He said the budget was final.[3] '
    said = cue(text, "said", content=(8, text.index("[3]") + 4))
    assert attach.finalise(text, said)
    assert text[said.content[0]:said.content[1]] == "the budget was final."


def test_dedupe_keeps_one_of_two_cues_for_one_claim():
    a = Attribution(cue=(0, 4), kind="thought", sent=(0, 50), content=(10, 40))
    b = Attribution(cue=(42, 46), kind="speech", sent=(0, 50), content=(11, 40))
    assert attach.dedupe([a, b]) == [b]


def test_quoted_share_and_small_helpers():
    text = 'He said "all of this is quoted here".'
    quote = MarkedQuote(8, 36)
    assert attach.quoted_share(0, len(text), [quote], text) == pytest.approx(28 / len(text))
    assert attach.quoted_share(0, len(text), [], text) == 0.0
    assert attach.is_direct('"yes"') and not attach.is_direct("yes")
    assert attach.sentence_between(" and then. More") and not attach.sentence_between(" and then")


# --- quantities: numbers, exclusions, units, ranges, syntax positions ----------------------

def test_number_values():
    vulgar = load_rules().vulgar
    assert numbers.digits_value("1,200.5", vulgar) == 1200.5
    assert numbers.digits_value("2½", vulgar) == 2.5
    assert numbers.digits_value("3/4", vulgar) == 0.75
    assert numbers.digits_value("4/2", vulgar) is None  # not a fraction
    assert numbers.words_value("two hundred and six", load_lexicon()) == 206
    assert numbers.words_value("twenty-five thousand", load_lexicon()) == 25000
    assert numbers.times(4.1, 1e6) == 4100000.0


@pytest.mark.parametrize("text, number", [
    ("The train leaves at 11 a.m. sharp.", "11"), ("See note [4] below.", "4"),
    ("The Boeing 787 landed.", "787"), ("Visit www.example.org/2019 for more.", "2019"),
])
def test_numbers_that_are_not_quantities(text, number):
    lex, rules = load_lexicon(), load_rules()
    m = next(m for m in lex.numbers_in(text) if m.group(0) == number)
    assert exclusions.not_a_quantity(text, m, lex, rules) or exclusions.name_before(text, m.start(), lex, rules)


def test_bare_year_and_counted_year():
    lex, rules = load_lexicon(), load_rules()
    text = "In 2014 the firm had 2000 staff."
    first, second = lex.numbers_in(text)[:2]
    year = Found(first.start(), first.end(), 2014.0)
    staff = Found(second.start(), second.end(), 2000.0, flags={"plural_noun"})
    assert exclusions.bare_year(year, first, text, lex, rules)
    assert not exclusions.bare_year(staff, second, text, lex, rules)


def test_unit_readers():
    lex, rules = load_lexicon(), load_rules()
    text = "Output rose 7 percent and 40 tonnes and 12 crates."
    found = {}
    for m in lex.numbers_in(text):
        item = Found(m.start(), m.end(), float(m.group(0)))
        after = m.end()
        units.read_unit(text, item, lex, rules, {after: ("crate", after + 7, True, False)} if m.group(0) == "12" else {})
        found[m.group(0)] = (item.unit, item.kind)
    assert found == {"7": ("percent", "percent"), "40": ("tonne", "amount"), "12": ("crate", "count")}


def test_ranges_and_movements():
    lex = load_lexicon()
    text = "Prices rose 5-7% this year."
    lo, hi = lex.numbers_in(text)
    items = [Found(lo.start(), lo.end(), 5.0), Found(hi.start(), hi.end() + 1, 7.0, unit="percent", kind="percent",
                                                   explicit_unit=True)]
    merged = ranges.merge_ranges(text, items, lex)
    assert len(merged) == 1 and merged[0].value == [5.0, 7.0] and merged[0].unit == "percent"


def test_noun_positions_cover_every_place_the_reader_asks():
    lex = load_lexicon()
    text = "They hired 4 million more workers and two of the drivers."
    positions = syntax.noun_positions(text, lex.numbers_in(text), lex)
    asked = []

    class Recorder(dict):
        def get(self, pos, default=None):
            asked.append(pos)
            return None

    find_quantities(text, nouns=Recorder({0: None}), lex=lex)
    assert asked and set(asked) <= positions
    assert text.index(" million") in positions and text.index(" more") in positions
    assert text.index("the drivers") in positions
