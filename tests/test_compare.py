"""rhetoric.compare: statistics with known answers, grouping, log-odds, indicator alignment, CLI.

All data here is constructed in the tests (analyses built by ``build_analysis``), so
these tests need no spaCy model and run in a few seconds; resampling counts are small.
"""
from __future__ import annotations

import csv
import io
import json

import numpy as np
import pytest
from click.testing import CliRunner

from rhetoric.cli import main
from rhetoric.compare import align, bin_date, compare, distinctive_terms, indicator_values
from rhetoric.compare import stats
from rhetoric.compare.run import Result, parse_where
from rhetoric.contract.schema import Analysis
from rhetoric.render.compare import format_csv, format_json, format_table, plot
from rhetoric.compare.timeseries import changes
from rhetoric.errors import RhetoricError

FAST = {"resamples": 300, "permutations": 300, "seed": 1}


def build_analysis(doc_id: str, meta: dict, sentences: list) -> Analysis:
    """An Analysis (with its text) from ``(text, voice, optimism, hedging[, cues[, speaker]])`` tuples;
    see :func:`analysis_dict`."""
    return Analysis.from_dict(analysis_dict(doc_id, meta, sentences))


def analysis_dict(doc_id: str, meta: dict, sentences: list) -> dict:
    """An Analysis JSON object from ``(text, voice, optimism, hedging[, cues[, speaker]])`` tuples.

    Offsets are real: the text is the sentences joined by spaces. ``cues`` is a list of
    ``(word, type)``; each is located inside its sentence.
    """
    text, out = "", []
    for item in sentences:
        sent_text, voice, optimism, hedging = item[:4]
        cues = item[4] if len(item) > 4 else []
        speaker = item[5] if len(item) > 5 else None
        if text:
            text += " "
        start = len(text)
        text += sent_text
        located = []
        for word, kind in cues:
            at = sent_text.index(word)
            located.append({"start": start + at, "end": start + at + len(word), "text": word, "type": kind})
        out.append({"start": start, "end": len(text), "text": sent_text, "kind": "body", "voice": voice,
                    "speaker": speaker, "role": None, "optimism": optimism,
                    "tone": None if optimism is None else ("positive" if optimism > 0 else "neutral"),
                    "hedging": hedging, "uncertain": None if hedging is None else hedging > 0.3, "cues": located})
    return {"schema": "rhetoric.analysis/2", "id": doc_id, "meta": meta, "text": text, "sentences": out,
            "quotes": [], "quantities": [], "checks": [], "references": [], "summary": {}}


def two_group_corpus(shift: float, n: int = 12) -> list[Analysis]:
    """n documents per outlet; outlet B's optimism is outlet A's plus ``shift``, document by document."""
    rng = np.random.default_rng(7)
    base = rng.uniform(-0.3, 0.3, n)
    docs = []
    for i, value in enumerate(base):
        for outlet, v, word in (("A", value, "excellent"), ("B", value + shift, "solid")):
            docs.append(build_analysis(f"{outlet}{i}", {"outlet": outlet, "date": f"{2015 + i % 4}-0{1 + i % 9}-10"},
                                       [(f"The partnership is {word} number {i}.", "official", float(v), 0.0),
                                        (f"Trade may fall in year {i}.", "commentary", float(v) - 0.2, 0.6)]))
    return docs


# --- statistics on constructed data with a known answer -------------------------------------

def test_equal_groups_ci_covers_zero_and_p_is_large():
    a = [0.1, 0.4, -0.2, 0.3, 0.0, 0.25, -0.1, 0.5]
    b = list(reversed(a))  # the same values: the true difference is exactly 0
    diff = stats.difference_ci(a, b, resamples=500, seed=3)
    assert diff.estimate == pytest.approx(0.0)
    assert diff.low < 0 < diff.high
    assert stats.permutation_p(a, b, permutations=500, seed=3) > 0.9
    assert stats.cliffs_delta(a, b) == 0.0
    assert stats.cohens_d(a, b) == pytest.approx(0.0)


def test_shifted_groups_have_the_right_sign_and_a_small_p():
    a = [0.1, 0.4, -0.2, 0.3, 0.0, 0.25, -0.1, 0.5, 0.2, 0.15]
    b = [x + 0.6 for x in a]
    diff = stats.difference_ci(a, b, resamples=500, seed=3)
    assert diff.estimate == pytest.approx(-0.6)
    assert diff.high < 0
    assert stats.permutation_p(a, b, permutations=500, seed=3) < 0.01
    assert stats.cliffs_delta(a, b) < -0.5
    assert stats.cohens_d(a, b) < -1


def test_mean_ci_brackets_the_mean_and_handles_tiny_input():
    ci = stats.mean_ci([1.0, 2.0, 3.0, 4.0], resamples=400)
    assert ci.low <= 2.5 <= ci.high and ci.estimate == 2.5
    assert stats.mean_ci([]).estimate is None
    single = stats.mean_ci([0.3, None])
    assert single.estimate == 0.3 and single.low is None


def test_permutation_p_is_never_zero_and_seeded():
    a, b = [0.0] * 5, [1.0] * 5
    p = stats.permutation_p(a, b, permutations=200, seed=5)
    assert 0 < p < 0.05
    assert p == stats.permutation_p(a, b, permutations=200, seed=5)


def test_cliffs_delta_matches_the_pairwise_definition():
    a, b = [1, 2, 2, 5], [2, 3, 0]
    brute = sum((x > y) - (x < y) for x in a for y in b) / (len(a) * len(b))
    assert stats.cliffs_delta(a, b) == pytest.approx(brute)


def test_corrections_known_values():
    assert stats.holm([0.01, 0.04, 0.03]) == pytest.approx([0.03, 0.06, 0.06])
    assert stats.benjamini_hochberg([0.01, 0.04, 0.03]) == pytest.approx([0.03, 0.04, 0.04])
    assert stats.holm([None, 0.02]) == [None, 0.02]


def test_correlations():
    r, n = stats.correlation([1, 2, 3, 4], [2, 4, 6, 8.5])
    assert r > 0.99 and n == 4
    rho, _ = stats.spearman([1, 2, 3, 4, None], [10, 20, 30, 40, 50])
    assert rho == pytest.approx(1.0)
    assert stats.correlation([1, 2], [1, 2]) == (None, 2)


# --- grouping and comparison ------------------------------------------------------------------

def test_compare_equal_outlets_finds_no_difference():
    result = compare(two_group_corpus(0.0), ["outlet"], **FAST)
    (pair,) = result.pairs
    assert pair.ci_low <= 0 <= pair.ci_high
    assert pair.p > 0.5
    assert [g.group for g in result.groups] == ["A", "B"]
    assert all(g.documents == 12 and g.n == 12 for g in result.groups)


def test_compare_shifted_outlets_doc_and_sentence_level():
    docs = two_group_corpus(0.4)
    for level in ("doc", "sentence"):
        result = compare(docs, ["outlet"], level=level, **FAST)
        (pair,) = result.pairs
        assert (pair.group, pair.other) == ("A", "B")
        assert pair.difference == pytest.approx(-0.4)
        assert pair.ci_high < 0 and pair.p < 0.01 and pair.cliffs_delta < 0
    assert compare(docs, ["outlet"], level="sentence", **FAST).groups[0].n == 24


def test_voice_grouping_uses_sentences_and_more_groups_get_a_correction():
    docs = two_group_corpus(0.0)
    docs.append(build_analysis("X", {"outlet": "C"}, [("Experts think it could work.", "expert", 0.1, 0.5),
                                                        ("See www.example.org.", "boilerplate", 0.0, 0.0)]))
    by_voice = compare(docs, ["voice"], **FAST)
    assert [g.group for g in by_voice.groups] == ["commentary", "expert", "official"]
    assert by_voice.correction == "holm" and len(by_voice.pairs) == 3
    assert all(p.p_adjusted >= p.p for p in by_voice.pairs)
    official = next(g for g in by_voice.groups if g.group == "official")
    commentary = next(g for g in by_voice.groups if g.group == "commentary")
    assert official.mean == pytest.approx(commentary.mean + 0.2)


def test_two_fields_and_date_bins():
    docs = two_group_corpus(0.2)
    result = compare(docs, ["outlet", "date"], terms=0, **FAST)
    assert {g.group for g in result.groups} == {f"{o} / {y}" for o in "AB" for y in range(2015, 2019)}
    assert result.mode == "pairwise" and len(result.pairs) == 28
    per_doc = compare(docs, ["id"], terms=0, **FAST)  # 24 groups: each against the rest, not 276 pairs
    assert per_doc.mode == "one_vs_rest" and len(per_doc.pairs) == 24
    assert {p.other for p in per_doc.pairs} == {"rest"} and per_doc.correction == "holm"
    quarterly = compare(docs, ["date"], period="quarter", terms=0, **FAST)
    assert quarterly.groups[0].group == "2015-Q1"
    assert bin_date("2015-05-09", "month") == "2015-05"
    assert bin_date("2015-11-30T10:00:00", "quarter") == "2015-Q4"
    assert bin_date("2015", "year") == "2015" and bin_date("2015", "month") is None
    assert bin_date("last spring", "year") is None


def test_missing_values_and_nulls_are_handled():
    docs = [build_analysis("n1", {"outlet": "A"}, [("No tone yet.", "commentary", None, None)]),
            build_analysis("n2", {}, [("No outlet here.", "commentary", None, None)])]
    result = compare(docs, ["outlet"], **FAST)
    assert result.dropped_sentences == 1
    assert result.groups[0].mean is None and result.groups[0].sentences == 1
    assert "–" in format_table(Result(comparison=result))


def test_speaker_falls_back_to_document_metadata():
    doc = build_analysis("s", {"speaker": "Anna Field"},
                         [("She said it was fine.", "official", 0.5, 0.0, [], "Lev Stone"),
                          ("The rest is commentary.", "commentary", 0.0, 0.0)])
    result = compare([doc], ["speaker"], level="sentence", **FAST)
    assert {g.group: g.sentences for g in result.groups} == {"Anna Field": 1, "Lev Stone": 1}


def test_where_filters_sentences():
    result = compare(two_group_corpus(0.3), ["outlet"], where={"voice": "commentary"}, **FAST)
    assert all(g.sentences == 12 for g in result.groups)
    assert parse_where(["voice=official", "country = Russia"]) == {"voice": "official", "country": "Russia"}
    with pytest.raises(RhetoricError):
        parse_where(["voice"])


def test_bad_arguments_are_user_errors():
    with pytest.raises(RhetoricError):
        compare([], [], **FAST)
    with pytest.raises(RhetoricError):
        compare([], ["voice"], metric="joy", **FAST)


# --- distinctive terms --------------------------------------------------------------------------

def test_weighted_log_odds_finds_each_groups_words():
    texts = {
        "official": ["Our partnership is excellent and our friendship is excellent."] * 5,
        "commentary": ["The partnership may be fragile and the data is fragile."] * 5,
    }
    terms = distinctive_terms(texts, top=3)
    assert terms["official"][0].term in {"excellent", "our", "friendship"}
    assert "fragile" in [t.term for t in terms["commentary"]]
    assert "partnership" not in [t.term for t in terms["official"] + terms["commentary"]]  # shared word
    assert all(t.z > 0 for t in terms["official"])


# --- indicator alignment ------------------------------------------------------------------------

def test_alignment_correlates_official_optimism_with_the_indicator():
    docs = []
    values = {"2015": 68.0, "2016": 69.5, "2017": 84.0, "2018": 107.0}
    for year, level in values.items():
        tone = (level - 80) / 100  # optimism rises with trade: correlation 1 by construction
        docs.append(build_analysis(year, {"date": f"{year}-06-01"},
                                   [("We are pleased.", "official", tone, 0.0), ("It may fall.", "commentary", -tone, 0.5)]))
    result = align(docs, values, series="trade", unit="USD bn", resamples=200, seed=1)
    assert [r.period for r in result.rows] == list(values)
    assert result.r_level == pytest.approx(1.0) and result.n_level == 4
    assert result.rows[1].change == pytest.approx(2.21)
    assert result.rows[0].change is None
    assert result.where == {"voice": "official"}
    assert "trade" in format_table(Result(alignment=result))


def test_indicator_values_from_the_shipped_table():
    values, unit, sources = indicator_values("trade turnover")
    assert unit == "USD billion, China"  # the entity with the most years, in billions
    assert values["2015"] == pytest.approx(68.0) and "2015" in sources
    russia, _, _ = indicator_values("Trade Turnover", entity="Russia")
    assert russia["2014"] == pytest.approx(88.4)
    with pytest.raises(RhetoricError, match="no series"):
        indicator_values("grain harvest")


def test_cli_compare_with_an_indicator(tmp_path):
    docs = [build_analysis(str(y), {"date": f"{y}-03-01"}, [("All is well.", "official", (y - 2015) / 10, 0.0)])
            for y in range(2014, 2020)]
    path = tmp_path / "r.jsonl"
    path.write_text("".join(d.to_json(include_text=True) + "\n" for d in docs), encoding="utf-8")
    out = CliRunner().invoke(main, ["compare", str(path), "--indicator", "trade turnover", "--bootstrap", "200",
                                    "--plot", str(tmp_path / "a.png")])
    assert out.exit_code == 0, out.output
    assert "voice=official" in out.output and "2019" in out.output and "correlation with level" in out.output
    assert (tmp_path / "a.png").read_bytes()[:4] == b"\x89PNG"


def test_changes_need_consecutive_years():
    assert changes({"2010": 50.0, "2011": 60.0, "2013": 90.0}) == {"2010": None, "2011": 20.0, "2013": None}


# --- output formats, plots and the CLI ----------------------------------------------------------

def test_formats_csv_and_json():
    result = Result(comparison=compare(two_group_corpus(0.4), ["outlet"], **FAST))
    rows = list(csv.DictReader(io.StringIO(format_csv(result))))
    assert {r["section"] for r in rows} == {"group", "pair", "term"}
    pair = next(r for r in rows if r["section"] == "pair")
    assert float(pair["difference"]) == pytest.approx(-0.4)
    data = json.loads(format_json(result))
    assert data["comparison"]["effect_size"] == "cliffs_delta"
    assert data["alignment"] is None


@pytest.mark.parametrize("suffix,magic", [(".png", b"\x89PNG"), (".svg", b"<?xml")])
def test_plot_writes_png_and_svg(tmp_path, suffix, magic):
    result = Result(comparison=compare(two_group_corpus(0.4), ["outlet"], terms=0, **FAST))
    (written,) = plot(result, str(tmp_path / f"chart{suffix}"))
    assert (tmp_path / f"chart{suffix}").read_bytes().startswith(magic)
    with pytest.raises(RhetoricError):
        plot(result, str(tmp_path / "chart.pdf"))


@pytest.fixture
def results_jsonl(tmp_path):
    path = tmp_path / "results.jsonl"
    path.write_text("".join(d.to_json(include_text=True) + "\n" for d in two_group_corpus(0.4)), encoding="utf-8")
    return path


def test_cli_compare_table_csv_and_plot(results_jsonl, tmp_path):
    runner = CliRunner()
    args = ["compare", str(results_jsonl), "--by", "outlet", "--bootstrap", "200", "--permutations", "200"]
    out = runner.invoke(main, args)
    assert out.exit_code == 0, out.output
    assert "optimism by outlet" in out.output and "Cliff's delta" in out.output
    out = runner.invoke(main, args + ["--format", "csv", "--plot", str(tmp_path / "p.svg")])
    assert out.exit_code == 0, out.output
    assert out.output.startswith("section,metric")
    assert (tmp_path / "p.svg").exists()


def test_cli_compare_user_errors(results_jsonl, tmp_path):
    runner = CliRunner()
    out = runner.invoke(main, ["compare", str(results_jsonl)])
    assert out.exit_code == 2 and "--by" in out.output
    out = runner.invoke(main, ["compare", str(tmp_path / "missing.jsonl"), "--by", "voice"])
    assert out.exit_code == 2 and "no such file" in out.output
    bad = tmp_path / "bad.jsonl"
    bad.write_text("{not json\n")
    out = runner.invoke(main, ["compare", str(bad), "--by", "voice"])
    assert out.exit_code == 2 and "bad.jsonl:1" in out.output
