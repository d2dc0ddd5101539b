"""Figure forms of our genre, modality and change cues (sentences written for these tests)."""
import pytest

from rhetoric.knowledge.lexicon import canonical_concept


def read(nlp, text):
    return [(q.text, q.value, q.unit) for q in nlp(text)._.quantities]


@pytest.mark.parametrize("text, value, unit", [
    ("Turnover hit $12.5 bln last year.", 12.5e9, "USD"),
    ("Sales were 300 mln roubles.", 3e8, "RUB"),
    ("Exports reached 1.2 trln yuan.", 1.2e12, "CNY"),
    ("The fund holds $7bn.", 7e9, "USD"),
    ("Debt stands at $2 tn.", 2e12, "USD"),
    ("The deal is worth $300Bln.", 3e11, "USD"),
    ("They announced a 50-billion-dollar programme.", 5e10, "USD"),
    ("They announced a 20-billion-U.S.-dollar fund.", 2e10, "USD"),
    ("Gazprom pumped 22 billion cu-bic meters.", 2.2e10, "cubic meter"),
    ("Shipments were 4 mln metric tonnes.", 4e6, "tonne"),
    ("Output rose to 2 million barrels per day.", 2e6, "barrel"),
    ("Output rose to 2 million bpd.", 2e6, "barrel"),
    ("Imports were Rs 2,45,310 crore.", 2.4531e12, "INR"),
])
def test_figure_forms(nlp, text, value, unit):
    found = read(nlp, text)
    assert any(v == pytest.approx(value) and u == unit for _, v, u in found), found


def test_basis_points_are_percent_family(nlp):
    q = nlp("The key rate rose 75 basis points.")._.quantities[0]
    assert q.value == 75 and q.unit == "bp" and q.kind == "percent" and q.change == "up"


def test_a_movement_from_to_is_two_figures_and_a_change(nlp):
    qs = nlp("Turnover fell from $61.4 billion to $47 billion.")._.quantities
    assert [(q.value, q.change) for q in qs] == [(61.4e9, "="), (47e9, "down")]
    qs = nlp("Inflation was brought down from 14 per cent to 6.5 per cent.")._.quantities
    assert [(q.value, q.change) for q in qs] == [(14.0, "="), (6.5, "down")]


def test_a_spread_of_values_stays_one_range(nlp):
    qs = nlp("Flats cost from $900,000 to $1.4 million.")._.quantities
    assert len(qs) == 1 and qs[0].value == [900000.0, 1400000.0]


def test_currency_carries_to_a_bare_figure_in_a_later_sentence(nlp):
    qs = nlp("Turnover reached $135 billion. The ministers said 150 billion is realistic.")._.quantities
    assert [q.unit for q in qs] == ["USD", "USD"]


def test_currency_does_not_carry_within_one_sentence(nlp):
    qs = nlp("Profit was 80 billion yen ($0.6 billion), up 9 billion from a year ago.")._.quantities
    assert qs[-1].unit != "USD"


@pytest.mark.parametrize("text, modality", [
    ("Analysts project that output will reach $40 billion.", "forecast"),
    ("The ministry sees inflation at 4 per cent.", "forecast"),
    ("Sales are estimated to reach $3 billion.", "forecast"),
    ("Turnover could reach $90 billion.", "forecast"),
    ("Turnover will reach $90 billion.", "forecast"),
    ("The leaders set a goal of $90 billion.", "target"),
    ("They plan to reach $90 billion.", "target"),
    ("Both sides pledged $90 billion.", "target"),
    ("The two sides managed to boost trade to $90 billion.", "actual"),
    ("Trade reached $90 billion.", "actual"),
    ("Trade amounted to $90 billion.", "actual"),
    ("Exports beat the 3% increase forecast by economists.", "forecast"),
    ("They agreed on 80 billion dollars for 2024 and 95 billion dollars for 2026, a target set by both leaders.",
     "target"),
])
def test_modality_cues(nlp, text, modality):
    assert nlp(text)._.quantities[-1].modality == modality


@pytest.mark.parametrize("text, change", [
    ("Exports were declining by 4%.", "down"),
    ("Exports declined 4%.", "down"),
    ("Turnover fell 4%.", "down"),
    ("Turnover exceeded $90 billion.", ">"),
    ("Turnover surpassed $90 billion.", ">"),
    ("Turnover topped $90 billion.", ">"),
    ("Turnover reached nearly $90 billion.", "~"),
    ("Turnover reached almost $90 billion.", "~"),
    ("Turnover is approaching $90 billion.", "~"),
    ("Exports jumped by around 12 percent.", "up"),
    ("Exports rose by only 1%.", "up"),
    ("Exports showed a growth of 7 per cent.", "up"),
    ("The index lost 55 points, or 1.2%.", "down"),
])
def test_change_cues(nlp, text, change):
    assert nlp(text)._.quantities[-1].change == change


def test_concept_next_to_another_figure_is_not_taken(nlp):
    qs = nlp("Inflation is down to 5.1 per cent, and the GDP growth rate is about 4 per cent.")._.quantities
    assert [q.concept for q in qs] == ["inflation", "gdp growth"]


def test_an_elided_concept_is_inherited_but_not_by_a_figure_with_its_own_noun(nlp):
    qs = nlp("We recorded 12 per cent growth in GDP last year, and more than 10 per cent this year.")._.quantities
    assert qs[1].concept is not None
    qs = nlp("Trade reached $60 billion, including a $2 billion credit line.")._.quantities
    assert qs[1].concept is None


@pytest.mark.parametrize("text", ["Our country of 48 million people.", "We speak for 90 million Vietnamese."])
def test_a_nation_of_people_is_a_population(nlp, text):
    q = nlp(text)._.quantities[0]
    assert q.unit == "people" and canonical_concept(q.concept) == "population"


def test_a_small_group_of_nationals_is_not_a_population(nlp):
    q = nlp("Some 1.2 million Britons live abroad.")._.quantities[0]
    assert canonical_concept(q.concept) != "population"


def test_page_furniture_and_the_two_countries_are_not_figures(nlp):
    from rhetoric.api import analyze_text

    text = ("Exports rose 4% in 2021, the ministry said.\n\nViews: 2,318\n\nShare 7 Tweet 3\n\n"
            "Previous 1 2 3 Next\n\nThe two countries signed a new agreement.\n")
    assert [q.text for q in analyze_text(text, "f", {}, nlp=nlp).quantities] == ["4%"]


@pytest.mark.parametrize("text", ["The murder rate was 12 per 100,000 inhabitants.",
                                  "Two thirds of the inhabitants live on the coast.",
                                  "We honour our 9 million Kenyans abroad.",
                                  "Reforms lifted 30 million Mexicans out of poverty."])
def test_rates_shares_and_groups_of_nationals_are_not_a_population(nlp, text):
    assert all(q.unit != "people" for q in nlp(text)._.quantities)


def test_a_share_of_gdp_is_not_growth_and_a_new_subject_takes_no_concept(nlp):
    qs = nlp("The deficit fell to 3 per cent of GDP.")._.quantities
    assert canonical_concept(qs[0].concept) == "share of gdp"
    qs = nlp("While growth in 2014 was 2 per cent, steel output increased to 9 per cent.")._.quantities
    assert canonical_concept(qs[0].concept) == "economic growth" and qs[1].concept is None


@pytest.mark.parametrize("text", [
    "Exports rose 4 percent in the second\nhalf of 2018.",
    "Exports rose 4 percent in the third\nquarter of 2018.",
    "Prices climbed 30 percent or\nmore in the spring.",
])
def test_phrases_broken_across_lines_are_read(nlp, text):
    # The lexicon's phrases match across any whitespace; reading them must not depend on it.
    from rhetoric.api import analyze_text

    analysis = analyze_text(text, "t", {"date": "2019-03-01"}, nlp=nlp)
    assert [q.unit for q in analysis.quantities] == ["percent"]
