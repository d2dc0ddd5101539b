"""The quantity stage: each pattern on sentences written for these tests, and the non-quantities."""
import pytest

from rhetoric.knowledge.lexicon import canonical_concept, load_lexicon
from rhetoric.nlp.quantities.context import periods_in
from rhetoric.nlp.quantities.extract import find_quantities


def figures(nlp, text):
    return nlp(text)._.quantities


def one(nlp, text, surface):
    """The single figure whose text contains ``surface``."""
    hits = [q for q in figures(nlp, text) if surface in q.text]
    assert len(hits) == 1, [q.text for q in figures(nlp, text)]
    return hits[0]


# --- values, scales, currencies -------------------------------------------------------
@pytest.mark.parametrize("text, surface, value, unit", [
    ("The bank lent $1.2 billion to the port.", "$1.2 billion", 1.2e9, "USD"),
    ("Reserves stood at US$640bn last week.", "US$640bn", 6.4e11, "USD"),
    ("The fund holds 3.5 trillion yuan in bonds.", "3.5 trillion yuan", 3.5e12, "CNY"),
    ("A contract worth €450m was signed.", "€450m", 4.5e8, "EUR"),
    ("The club paid £75 million for him.", "£75 million", 7.5e7, "GBP"),
    ("Tickets cost ¥9,800 each.", "¥9,800", 9800.0, "JPY"),
    ("Exports earned 2 billion rubles, or 40 billion roubles in all.", "2 billion rubles", 2e9, "RUB"),
    ("They budgeted RMB 5 billion for the bridge.", "RMB 5 billion", 5e9, "CNY"),
    ("The firm booked USD 300 million in fees.", "USD 300 million", 3e8, "USD"),
    ("Each card costs 99 cents.", "99 cents", 0.99, "USD"),
    ("The town has 25k residents.", "25k", 25000.0, "resident"),
])
def test_amounts_and_currencies(nlp, text, surface, value, unit):
    q = one(nlp, text, surface)
    assert q.value == pytest.approx(value)
    assert q.unit == unit


@pytest.mark.parametrize("text, surface, value", [
    ("Two ministers resigned.", "Two", 2.0),
    ("The factory hired twenty-five engineers.", "twenty-five", 25.0),
    ("Some three hundred protesters gathered.", "three hundred", 300.0),
    ("A third of the budget went on defence.", "A third", 1 / 3),
    ("It took a dozen attempts.", "dozen", 12.0),
    ("Output reached 1,250.5 units.", "1,250.5", 1250.5),
    ("The queue held two dozen cars.", "two dozen", 24.0),
    ("The recipe needs 1/4 cup of oil.", "1/4", 0.25),
    ("The trip took 3½ hours.", "3½", 3.5),
    ("Half a million people fled.", "Half a million", 500000.0),
    ("Output fell by nearly two-thirds.", "two-thirds", 2 / 3),
])
def test_number_words_and_digits(nlp, text, surface, value):
    assert one(nlp, text, surface).value == pytest.approx(value)


def test_vague_plurals_are_ranges(nlp):
    q = one(nlp, "Tens of thousands of people marched.", "Tens of thousands")
    assert q.value == [10000.0, 100000.0] and q.unit == "people"


def test_age_in_apposition(nlp):
    q = one(nlp, "The mayor, Ortiz, 58, resigned on Friday.", "58")
    assert q.unit == "year of age"


def test_counted_noun_is_the_unit(nlp):
    q = one(nlp, "The company employs 13,000 skilled workers in Ohio.", "13,000")
    assert q.unit == "skilled worker" and q.kind == "count"


# --- percent, points, ranges --------------------------------------------------------
@pytest.mark.parametrize("text, surface, value, unit", [
    ("Turnout was 64 percent.", "64 percent", 64.0, "percent"),
    ("Turnout was 64 per cent.", "64 per cent", 64.0, "percent"),
    ("Turnout was 64%.", "64%", 64.0, "percent"),
    ("The rate rose 0.5 percentage points.", "0.5 percentage points", 0.5, "pp"),
    ("The bank cut rates by 25 basis points.", "25 basis points", 25.0, "bp"),
])
def test_percent_family(nlp, text, surface, value, unit):
    q = one(nlp, text, surface)
    assert (q.value, q.unit, q.kind) == (value, unit, "percent")


@pytest.mark.parametrize("text, value, unit", [
    ("Growth will be between 5 and 10 percent.", [5.0, 10.0], "percent"),
    ("Growth will be 5–10% this year.", [5.0, 10.0], "percent"),
    ("Prices ranged from $20 to $35.", [20.0, 35.0], "USD"),
    ("Costs are put at $3 to $4 billion.", [3e9, 4e9], "USD"),
    ("The walk takes three or four hours.", [3.0, 4.0], "hour"),
])
def test_ranges(nlp, text, value, unit):
    qs = [q for q in figures(nlp, text) if isinstance(q.value, list)]
    assert len(qs) == 1
    assert qs[0].value == pytest.approx(value) and qs[0].unit == unit


# --- approximators, bounds and changes ------------------------------------------------
@pytest.mark.parametrize("text, surface, change", [
    ("About 40 people came.", "40", "~"),
    ("Nearly 90% agreed.", "90%", "~"),
    ("More than 500 firms signed.", "500", ">"),
    ("Up to 30 trucks a day cross.", "30", "<"),
    ("Fewer than 12 remain.", "12", "<"),
    ("Sales rose 8% last year.", "8%", "up"),
    ("Sales fell 8% last year.", "8%", "down"),
    ("Sales decreased by 8 percent.", "8 percent", "down"),
    ("It was a 15% drop on the year.", "15%", "down"),
    ("Shares were up 3.1% at noon.", "3.1%", "up"),
    ("The index closed -1.4% lower.", "-1.4%", "down"),
    ("Profits were $5 million.", "$5 million", "="),
])
def test_bounds_and_changes(nlp, text, surface, change):
    assert one(nlp, text, surface).change == change


def test_a_fall_passes_its_size_to_the_level_it_reaches(nlp):
    qs = figures(nlp, "Trade fell 20 percent to $40 billion in 2016.")
    assert [q.change for q in qs] == ["down", "="]
    assert qs[0].size == -20.0 and qs[1].size == -20.0


def test_doubled_gives_the_level_its_size(nlp):
    assert one(nlp, "Capacity doubled to 400 megawatts.", "400").size == 100.0


# --- ranks ------------------------------------------------------------------------------
@pytest.mark.parametrize("text, surface, value", [
    ("Brazil is its tenth-top trading partner.", "tenth-top", 10.0),
    ("It is the second-largest economy.", "second-largest", 2.0),
    ("The firm is the No. 1 supplier.", "No. 1", 1.0),
    ("The city ranked 5th in the survey.", "ranked 5th", 5.0),
])
def test_ranks(nlp, text, surface, value):
    q = one(nlp, text, surface)
    assert (q.value, q.unit, q.kind) == (value, "rank", "rank")


# --- periods, concepts, modality, speaker ----------------------------------------------
@pytest.mark.parametrize("text, period", [
    ("Exports were $5 billion in 2014.", "2014"),
    ("Exports were $5 billion in the first half of 2015.", "2015-H1"),
    ("Exports were $5 billion in the third quarter of 2018.", "2018-Q3"),
    ("Exports were $5 billion in Q2 2017.", "2017-Q2"),
    ("Exports were $5 billion in March 2016.", "2016-03"),
    ("The goal is $5 billion in exports by 2020.", "2020"),
    ("The plan sets $5 billion of exports for 2015.", "2015"),
])
def test_periods(nlp, text, period):
    assert one(nlp, text, "$5 billion").period == period


def test_periods_in_reads_labels():
    assert [p[2] for p in periods_in("from the second half of 2014 to December 2015")] == ["2014-H2", "2015-12"]


def test_concept_and_its_synonyms(nlp):
    q = one(nlp, "Bilateral trade reached $70 billion in 2016.", "$70 billion")
    assert q.concept == "bilateral trade"
    assert canonical_concept(q.concept) == canonical_concept("trade volume") == "trade turnover"


def test_entities_resolve_the_two_countries(nlp):
    text = ("Germany and France signed a pact. Trade between the two countries grew 4% "
            "to $300 billion in 2019.")
    q = one(nlp, text, "$300 billion")
    assert set(q.entities) == {"Germany", "France"} or set(q.entities) >= {"Germany"}


@pytest.mark.parametrize("text, modality", [
    ("The government's goal is $50 billion in trade.", "target"),
    ("Leaders pledged to reach $50 billion in trade.", "target"),
    ("Trade is expected to hit $50 billion.", "forecast"),
    ("Trade will total $50 billion.", "forecast"),
    ("Trade totalled $50 billion.", "actual"),
])
def test_modality(nlp, text, modality):
    assert one(nlp, text, "$50 billion").modality == modality


def test_possessive_names_the_speaker(nlp):
    text = "Officials met in Rome. Lisa Moretti's target of $8 billion in exports was not met."
    assert one(nlp, text, "$8 billion").speaker == "Lisa Moretti"


# --- non-quantities ---------------------------------------------------------------------
@pytest.mark.parametrize("text", [
    "The summit opened on 3 September in the capital.",
    "The summit opened on September 3 in the capital.",
    "The summit opened on Aug. 14 in the capital.",
    "The treaty was signed in 1997.",
    "He spoke at 11 a.m. and left at 17:30.",
    "The claim is disputed.[4]",
    "Veterans of World War II marched past.",
    "2. The second point concerns pensions.",
    "The 22nd amendment limits the terms.",
    "Fans watched Game 7 in Boston.",
    "The Galaxy S23 sold out.",
    "Cases of COVID-19 fell.",
    "See http://example.org/2013/433800/report.pdf for details.",
    "The final ended 2-2 after extra time.",
    "The poll covered adults aged 18 to 34.",
    "The temple dates from A.D. 1000.",
    "The show streams in 1080p.",
    "Image courtesy of the press service ©2015, some rights reserved.",
])
def test_not_quantities(nlp, text):
    assert figures(nlp, text) == []


def test_extractor_works_without_spacy():
    found = find_quantities("Revenue rose 12% to $3.4bn, about 200 million more.")
    # the bare "200 million" shares the unit of the figure next to it (ellipsis)
    assert [(f.value, f.unit, f.change) for f in found] == [
        (12.0, "percent", "up"), (3.4e9, "USD", "="), (2e8, "USD", "~")]


def test_bare_neighbour_takes_the_unit():
    text = "Sales reached 4.1 million cars, up from 3.2 million a year earlier."
    after = text.index(" cars")
    found = find_quantities(text, nouns={after: ("car", after + 5, True, False)})
    assert [f.unit for f in found] == ["car", "car"]


def test_seed_figures(nlp):
    text = ("Nevertheless, bilateral trade between the two countries decreased 29 percent to $30.6 billion "
            "in the first half of 2015, making it likely that Putin's goal of $100 billion in trade "
            "turnover for 2015 will not be met.[4]")
    qs = {q.text: q for q in figures(nlp, text)}
    assert qs["29 percent"].change == "down" and qs["29 percent"].period == "2015-H1"
    assert qs["$30.6 billion"].period == "2015-H1" and qs["$30.6 billion"].modality == "actual"
    goal = qs["$100 billion"]
    assert (goal.period, goal.modality, goal.concept) == ("2015", "target", "trade turnover")
    assert "Putin" in goal.speaker


@pytest.mark.parametrize("text", [
    "a dozen eggs and A Couple of things", "half a million people, two-thirds of them", "onetwo 5two",
    "twenty-five thousand six hundred and two", "2 x 10^5 and a billion", "Tens of thousands rose 4.5%.",
    "the one-time fee of $5bn", "About half of them, A HUNDRED in all", "hundreds of millions", "",
    "The Kelvin sign \u212a and twenty", "1995-96 and 2014\u201315", "one's own three quarters",
])
def test_numbers_in_finds_what_the_full_scan_finds(text):
    """The fast number search (digits, then words only where a number phrase can start) is exact."""
    from rhetoric.knowledge.lexicon import load_lexicon

    lex = load_lexicon()

    def found(matches):
        return [(m.span(), m.groupdict()) for m in matches]

    assert found(lex.numbers_in(text)) == found(lex.number_re.finditer(text))


# The digits pattern as first written, before its first character was factored out.
PLAIN_DIGITS = (r"(?<![\d/])\d{1,3}[/⁄]\d{1,3}(?![\d/])|\d*[½¼¾⅓⅔⅛]"
                r"|(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?:[eE][-+]?\d+|\s?[×x]\s?10\^?[−-]?\d+)?|\.\d+")


@pytest.mark.parametrize("text", [
    "1/2 3½ ½ .5 1,234.5 1.99E-29 2 x 10^5 2 X 10^5 2.998×10−8", "12/345 1234/5 3/4/5 on 1/2/2015",
    "5.5.5 1,23 1,234,567 ⅔ 10½ x.5 ..5 a.1", "1995-96 and 2014–15, US$5bn", "nothing here",
])
def test_digits_pattern_is_the_plain_one(text):
    import re

    from rhetoric.knowledge.lexicon import DIGITS

    assert [m.span() for m in re.finditer(DIGITS, text, re.IGNORECASE)] == \
        [m.span() for m in re.finditer(PLAIN_DIGITS, text, re.IGNORECASE)]


@pytest.mark.parametrize("text", [
    "Russia-China trade and bilateral trade, the two countries' GDP", "U.S. exports; the US and us",
    "Exports of oil and gas rose; crude oil prices", "The \u212aremlin and \u017fhipments", "no phrase at all", "",
])
def test_phrase_probes_find_what_the_full_scan_finds(text):
    """Entity and concept phrases are tried only where their first words begin; nothing is lost."""
    from rhetoric.nlp.quantities import context

    def found(matches):
        return [(m.span(), m.group()) for m in matches]

    assert found(context.entity_matches(text)) == found(context._entity_re(load_lexicon()).finditer(text))
    assert found(context.concept_matches(text)) == found(context._concept_re(load_lexicon()).finditer(text))
