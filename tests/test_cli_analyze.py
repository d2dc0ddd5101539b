"""``rhetoric analyze``: output formats and one-line errors with exit code 2."""
import json

import pytest
from click.testing import CliRunner

from rhetoric.cli import main
from rhetoric.resources import corpus_path

SAMPLE = str(corpus_path("samples", "pivot_commentary.txt"))


@pytest.fixture(scope="module")
def runner():
    return CliRunner()


def test_json_output_follows_the_contract(runner, nlp):
    result = runner.invoke(main, ["analyze", SAMPLE, "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["schema"] == "rhetoric.analysis/2"
    assert data["id"] == "pivot_commentary.txt"


def test_text_report_has_its_sections(runner, nlp):
    result = runner.invoke(main, ["analyze", SAMPLE, "--explain"])
    assert result.exit_code == 0, result.output
    for heading in ("Voices", "Quotes and reported speech", "Figures", "Checks against indicators",
                    "Sentences with their cues"):
        assert heading in result.stdout


def test_stdin(runner, nlp):
    result = runner.invoke(main, ["analyze", "-", "--format", "json"], input="Exports rose in May.\n")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["sentences"][0]["text"] == "Exports rose in May."


@pytest.mark.parametrize("name, content, message", [
    ("missing.txt", None, "no such file"),
    ("empty.txt", b"", "empty"),
    ("image.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "PNG"),
    ("paper.pdf", b"%PDF-1.5\n", "PDF"),
])
def test_user_mistakes_are_one_line_and_exit_2(runner, tmp_path, name, content, message):
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    result = runner.invoke(main, ["analyze", str(path)])
    assert result.exit_code == 2
    assert message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.output


def test_directory_is_refused(runner, tmp_path):
    result = runner.invoke(main, ["analyze", str(tmp_path)])
    assert result.exit_code == 2 and "directory" in result.stderr


def test_latin1_file_is_read_and_reported(runner, tmp_path, nlp):
    path = tmp_path / "latin.txt"
    path.write_bytes("The café owner said prices rose.".encode("latin-1"))
    result = runner.invoke(main, ["analyze", str(path), "--format", "json"])
    assert result.exit_code == 0
    assert "cp1252" in result.stderr
    assert json.loads(result.stdout)["sentences"][0]["text"] == "The café owner said prices rose."


def test_unknown_model_is_a_user_error(runner):
    result = runner.invoke(main, ["analyze", SAMPLE, "--model", "no_such_pipeline_xyz"])
    assert result.exit_code == 2 and "no_such_pipeline_xyz" in result.stderr


def test_python_dash_m_entry_point():
    import subprocess
    import sys

    out = subprocess.run([sys.executable, "-m", "rhetoric", "--help"], capture_output=True, text=True)
    assert out.returncode == 0 and "analyze" in out.stdout
