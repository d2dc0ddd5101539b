"""Indicator tables (loading, each fault), linking, verdicts and the rhetoric–reality gap."""
from pathlib import Path

import pytest
from click.testing import CliRunner

from rhetoric.contract.schema import Analysis, Quantity, Sentence
from rhetoric.cli import main
from rhetoric.errors import RhetoricError
from rhetoric.reality import load_table, load_tables, run_checks
from rhetoric.knowledge.indicators import shipped_tables

HEADER = "series,entity,counterpart,period,value,unit,source,note,verified\n"
GOOD = HEADER + ("trade turnover,Atlantis,Lemuria,2020,50,USD billion,atlantis customs,,true\n"
                 "trade turnover,Atlantis,Lemuria,2021,40,USD billion,atlantis customs,,true\n"
                 "trade turnover,Atlantis,Lemuria,2022-H1,15,USD billion,atlantis customs,,false\n")


def write(tmp_path: Path, text: str, name: str = "t.csv") -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


# --- the shipped table --------------------------------------------------------------------
def test_shipped_table_loads_with_a_source_for_every_row():
    assert any(p.name == "russia_china_trade.csv" for p in shipped_tables())
    rows = load_tables()
    assert len(rows) >= 20 and all(r.source for r in rows)
    by_key = {(r.entity, r.period): r for r in rows if r.series == "trade turnover"}
    assert by_key[("China", "2015")].value == pytest.approx(6.8e10)
    assert by_key[("China", "2015")].verified is False  # sources disagree (64.2 vs 68.0)
    assert by_key[("China", "2016")].verified is True


def test_values_are_stored_in_base_units(tmp_path):
    rows = load_table(write(tmp_path, GOOD))
    assert rows[0].value == pytest.approx(5e10) and rows[0].unit == "USD"


# --- each fault: one line naming file and line ---------------------------------------------
FAULTS = [
    ("series,entity,period,value,unit,source\nx,A,2020,1,USD,s\n", 1, "missing column 'counterpart'"),
    (HEADER + "trade turnover,A,B,2020,lots,USD,s,,true\n", 2, "is not a number"),
    (HEADER + "trade turnover,A,B,2020,5,doubloons,s,,true\n", 2, "unknown unit 'doubloons'"),
    (HEADER + "trade turnover,A,B,2020,5,USD,s,,true\ntrade turnover,A,B,2020,6,USD,t,,true\n", 3, "duplicate row"),
    (HEADER + "trade turnover,A,B,last year,5,USD,s,,true\n", 2, "period"),
    (HEADER + "trade turnover,A,B,2020,5,USD,,,true\n", 2, "empty 'source'"),
]


@pytest.mark.parametrize("text, line, words", FAULTS)
def test_bad_tables_fail_with_file_and_line(tmp_path, text, line, words):
    path = write(tmp_path, text)
    with pytest.raises(RhetoricError) as err:
        load_table(path)
    message = str(err.value)
    assert message.startswith(f"{path}:{line}:") and words in message and "\n" not in message


@pytest.mark.parametrize("text, line, words", FAULTS)
def test_cli_check_exits_2_with_one_line(tmp_path, text, line, words):
    path = write(tmp_path, text)
    result = CliRunner().invoke(main, ["indicators", "check", path])
    assert result.exit_code == 2
    assert f"{path}:{line}:" in result.output and words in result.output
    assert len(result.output.strip().splitlines()) == 1


def test_cli_check_and_show_a_good_table(tmp_path):
    path = write(tmp_path, GOOD)
    runner = CliRunner()
    checked = runner.invoke(main, ["indicators", "check", path])
    assert checked.exit_code == 0 and "3 rows" in checked.output
    shown = runner.invoke(main, ["indicators", "show", path])
    assert shown.exit_code == 0 and "Atlantis" in shown.output and len(shown.output.splitlines()) == 3


# --- checks on plain data -------------------------------------------------------------------
def quantity(start, value, **kw):
    base = dict(start=start, end=start + 5, text="x", value=value, unit="USD", kind="amount",
                concept="bilateral trade", entities=["Atlantis", "Lemuria"])
    base.update(kw)
    return Quantity(**base)


def analysed(quantities, sentences=()):
    return Analysis(id="t", text="", quantities=list(quantities), sentences=list(sentences))


@pytest.mark.parametrize("value, modality, period, verdict", [
    (5.2e10, "actual", "2020", "consistent"),     # within 10% of 50bn
    (7.0e10, "actual", "2020", "overstated"),
    (3.0e10, "actual", "2020", "understated"),
    (6.0e10, "target", "2021", "target_missed"),  # 40bn reached
    (3.5e10, "target", "2021", "target_met"),
    (6.0e10, "target", "2022", "target_missed"),  # H1 pace: 15bn x 2 = 30bn
    (5.0e10, "actual", "2030", "unverifiable"),
])
def test_verdicts(tmp_path, value, modality, period, verdict):
    path = write(tmp_path, GOOD)
    a = run_checks(analysed([quantity(0, value, modality=modality, period=period, speaker="Minister")]), [path])
    assert [c.verdict for c in a.checks] == [verdict]
    check = a.checks[0]
    if verdict != "unverifiable":
        assert check.source == "atlantis customs" and check.actual is not None
        assert check.relative_error == pytest.approx((check.actual - value) / value, abs=1e-4)


def test_other_entities_do_not_link(tmp_path):
    path = write(tmp_path, GOOD)
    q = quantity(0, 5e10, period="2020", entities=["Narnia"], speaker="Minister")
    assert [c.verdict for c in run_checks(analysed([q]), [path]).checks] == ["unverifiable"]


def test_figure_stated_in_the_text_counts_as_reality():
    # no table row for Ruritania: the text's own half-year figure judges the target
    fact = quantity(0, 2e10, period="2019-H1", concept="trade volume", entities=["Ruritania"])
    goal = quantity(50, 6e10, period="2019", concept="trade turnover", modality="target",
                    entities=["Ruritania"], speaker="The Minister")
    a = run_checks(analysed([fact, goal]))
    verdicts = {c.quantity: c for c in a.checks}
    assert verdicts[1].verdict == "target_missed" and "document itself" in verdicts[1].source
    assert verdicts[1].actual == pytest.approx(4e10)


def test_stated_movement_is_checked_against_the_series(tmp_path):
    path = write(tmp_path, GOOD)
    q = quantity(0, 20.0, unit="percent", kind="percent", change="down", size=-20.0, period="2021")
    a = run_checks(analysed([q]), [path])
    assert a.checks[0].verdict == "consistent" and a.checks[0].actual == pytest.approx(-20.0)


# --- the gap --------------------------------------------------------------------------------
def test_gap_rhetoric_outruns_reality(tmp_path):
    path = write(tmp_path, GOOD)
    goal = quantity(10, 6e10, modality="target", period="2021", speaker="Minister")
    sentences = [Sentence(start=0, end=40, text="...", voice="official", speaker="Minister", optimism=0.6),
                 Sentence(start=41, end=80, text="...", voice="commentary", optimism=-0.1)]
    a = run_checks(analysed([goal], sentences), [path])
    gap = a.summary["gap"]
    assert gap["framing"] == pytest.approx(0.6) and gap["reality"] < 0
    assert gap["verdict"] == "rhetoric outruns reality"
    assert "optimism" in gap["explanation"] and gap["by_speaker"]["Minister"]["verdict"] == "rhetoric outruns reality"


def test_gap_aligned_and_unknown(tmp_path):
    path = write(tmp_path, GOOD)
    claim = quantity(10, 4e10, period="2021", speaker="Minister")  # the series fell 20% that year
    sober = [Sentence(start=0, end=40, text="...", voice="official", speaker="Minister", optimism=-0.7)]
    assert run_checks(analysed([claim], sober), [path]).summary["gap"]["verdict"] == "aligned"
    upbeat = [Sentence(start=0, end=40, text="...", voice="official", speaker="Minister", optimism=0.3)]
    assert run_checks(analysed([claim], upbeat), [path]).summary["gap"]["verdict"] == "rhetoric outruns reality"
    assert run_checks(analysed([claim]), [path]).summary["gap"]["verdict"] == "unknown"


def test_seed_goal_is_target_missed_with_its_source(nlp):
    from rhetoric.api import analyze_text

    text = ("Putin championed $88.4 billion in trade turnover between Russia and China in 2014. "
            "Bilateral trade between the two countries decreased 29 percent to $30.6 billion in the first "
            "half of 2015, making it likely that Putin's goal of $100 billion in trade turnover for 2015 "
            "will not be met.")
    a = analyze_text(text, nlp=nlp)
    goal = next(i for i, q in enumerate(a.quantities) if q.text == "$100 billion")
    check = next(c for c in a.checks if c.quantity == goal)
    assert check.verdict == "target_missed" and check.source and check.relative_error < 0
    assert a.summary["gap"]["reality"] < 0


def test_figure_without_entities_takes_the_documents(tmp_path):
    path = write(tmp_path, GOOD)
    named = quantity(0, 9e10, period="2020", entities=["Narnia", "Oz"], concept="trade", speaker="Minister")
    bare = quantity(20, 5e10, period="2020", entities=[], concept="trade", speaker="Minister")
    a = run_checks(analysed([named, bare]), [path])
    assert all(c.verdict == "unverifiable" for c in a.checks)  # the document is about Narnia and Oz


def test_trade_deficit_is_not_turnover(tmp_path):
    path = write(tmp_path, GOOD)
    q = quantity(0, 5e10, period="2020", concept="trade deficit", speaker="Minister")
    assert run_checks(analysed([q]), [path]).checks == []


def test_no_entities_no_link(tmp_path):
    path = write(tmp_path, GOOD)
    q = quantity(0, 5e10, period="2020", entities=[], speaker="Minister")
    assert [c.verdict for c in run_checks(analysed([q]), [path]).checks] == ["unverifiable"]


def test_places_found_by_ner_become_entities(nlp):
    q = one_quantity(nlp, "Trade between Chile and Peru rose to $5 billion in 2019.")
    assert {"Chile", "Peru"} <= set(q.entities)


def one_quantity(nlp, text):
    qs = nlp(text)._.quantities
    assert len(qs) == 1
    return qs[0]


def test_stated_rows_index_finds_what_a_full_scan_finds():
    """The per-document index of stated rows gives, for every figure, the rows a scan of all
    of them with ``links`` gives (same order), without the figure's own row."""
    import itertools

    from rhetoric.knowledge.indicators import Indicator
    from rhetoric.reality.checks import StatedRows, links

    places = ["", "Atlantis", "Lemuria", "France", "FRA"]
    stated = []
    for i, (entity, counterpart, unit, period) in enumerate(itertools.product(
            places, places[:3], ["USD", "EUR"], ["2020", "2020-H1", "2021"])):
        stated.append((i, Indicator(series="trade turnover", entity=entity, counterpart=counterpart,
                                    period=period, value=float(i + 1), unit=unit, source="text")))
    index = StatedRows(stated)
    for own, about, unit in itertools.product([0, 7, 999], [["Atlantis"], ["Lemuria", "France"], []], ["USD", "EUR"]):
        q = Quantity(start=0, end=1, text="x", value=1.0, unit=unit, kind="amount",
                     concept="trade turnover", entities=about)
        others = [row for i, row in stated if i != own]
        scanned = links(q, others, doc_entities={"Atlantis"}, concept="trade turnover")
        assert index.any_linked(own, q, "trade turnover", {"Atlantis"}) == bool(scanned)
        for year in ("2020", "2021", "2022"):
            assert index.linked(own, q, "trade turnover", {"Atlantis"}, year) == [
                row for row in scanned if row.period[:4] == year]
