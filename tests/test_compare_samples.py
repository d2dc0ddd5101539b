"""``rhetoric compare`` and ``rhetoric report`` on the shipped sample corpus and on the seed.

These run the real spaCy pipeline (loaded once per session), so they take a few seconds.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from rhetoric.cli import main
from rhetoric.compare import load_analyses
from rhetoric.resources import corpus_path

SAMPLE = corpus_path("samples", "press_corpus.jsonl")
SEED = Path(__file__).resolve().parents[1].parent / "shared" / "seed" / "000_dc383d17b49d3f4c.txt"
FIELDS = {"id", "text", "date", "outlet", "speaker", "role", "country"}
FAST = ["--bootstrap", "200", "--permutations", "200"]


def test_sample_corpus_is_well_formed():
    records = [json.loads(line) for line in SAMPLE.read_text(encoding="utf-8").splitlines() if line.strip()]
    assert len(records) >= 30
    assert all(FIELDS <= set(r) for r in records)
    assert len({r["id"] for r in records}) == len(records)
    assert len({r["date"][:4] for r in records}) >= 5
    assert len({r["outlet"] for r in records}) >= 3


@pytest.fixture(scope="module")
def sample_results(tmp_path_factory):
    """The sample corpus analysed once (input records -> analyses), stored as results JSONL."""
    path = tmp_path_factory.mktemp("samples") / "results.jsonl"
    with path.open("w", encoding="utf-8") as handle:
        for analysis in load_analyses(str(SAMPLE)):
            handle.write(analysis.to_json(include_text=True) + "\n")
    return path


def test_compare_on_the_sample_corpus(sample_results, tmp_path):
    result = CliRunner().invoke(main, ["compare", str(sample_results), "--by", "meta.role", "--format", "json",
                                       "--plot", str(tmp_path / "roles.png"), *FAST])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    groups = {g["group"]: g for g in data["comparison"]["groups"]}
    assert {"minister", "spokesperson", "expert", "commentator", "ambassador"} <= set(groups)
    assert sum(g["documents"] for g in groups.values()) == 35  # meta.role: one role per document
    assert data["comparison"]["correction"] == "holm"
    assert (tmp_path / "roles.png").read_bytes()[:4] == b"\x89PNG"
    by_year = CliRunner().invoke(main, ["compare", str(sample_results), "--by", "date", "--metric", "hedging", *FAST])
    assert by_year.exit_code == 0 and "2014" in by_year.output and "2024" in by_year.output


def test_report_on_the_sample_corpus(sample_results, tmp_path):
    out = tmp_path / "corpus.html"
    result = CliRunner().invoke(main, ["report", str(sample_results), "--out", str(out), *FAST])
    assert result.exit_code == 0, result.output
    page = out.read_text(encoding="utf-8")
    assert 'id="by-outlet"' in page and 'id="documents"' in page and "Northern Courier" in page


@pytest.mark.skipif(not SEED.exists(), reason="the shared seed document is not beside the repository")
def test_compare_and_report_on_the_seed(tmp_path):
    result = CliRunner().invoke(main, ["compare", str(SEED), "--by", "voice", "--level", "sentence", *FAST])
    assert result.exit_code == 0, result.output
    assert "by voice" in result.output
    out = tmp_path / "seed.html"
    result = CliRunner().invoke(main, ["report", str(SEED), "--out", str(out)])
    assert result.exit_code == 0, result.output
    page = out.read_text(encoding="utf-8")
    assert "peak in their entire history" in page and 'class="text"' in page


def test_official_optimism_against_trade_on_the_sample_corpus(sample_results, tmp_path):
    result = CliRunner().invoke(main, ["compare", str(sample_results), "--indicator", "trade turnover",
                                       "--format", "json", "--plot", str(tmp_path / "trade.svg"), *FAST])
    assert result.exit_code == 0, result.output
    alignment = json.loads(result.stdout)["alignment"]
    rows = {r["period"]: r for r in alignment["rows"]}
    assert rows["2015"]["value"] == pytest.approx(68.0) and rows["2015"]["change"] < -20
    assert alignment["where"] == {"voice": "official"} and alignment["n_level"] >= 5
    assert alignment["r_level"] is not None
    assert (tmp_path / "trade.svg").read_text(encoding="utf-8").lstrip().startswith("<?xml")
