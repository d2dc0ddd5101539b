"""The document report in a real browser: headless Chromium opens it from disk.

Asserts that the page logs nothing to the console (it has no script, so any console
line is an error: a CSP violation, a failed fetch), that the highlights are in the DOM,
that a ``<script>`` and an ``onerror=`` handler in the analysed text did not run, and
that a screenshot can be taken. Needs Debian's ``chromium`` package (installed by
``.ci/run``); skipped when it is not on PATH.
"""
from __future__ import annotations

import re
import shutil
import subprocess

import pytest

from rhetoric.contract.summary import summarise
from rhetoric.render.report import document_report
from test_compare import build_analysis

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="chromium is not on PATH (apt-get install chromium)")
TIMEOUT = 90
# A script that would retitle the page and add an element, and a handler that would mark the body.
INJECTED = ('<script>document.title="INJECTED";'
            'document.body.insertAdjacentHTML("beforeend","<div id=\\"injected\\"></div>")</script>'
            '<img src=x onerror="document.body.setAttribute(\'data-pwned\',\'1\')">')
CONSOLE = re.compile(r":CONSOLE[:(]")


def chromium(tmp_path, *args: str) -> subprocess.CompletedProcess:
    """Run headless Chromium with a throwaway profile and no background network."""
    command = [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
               "--disable-background-networking", "--disable-component-update", "--disable-sync",
               "--disable-dev-shm-usage", f"--user-data-dir={tmp_path / 'profile'}", "--enable-logging=stderr",
               "--v=0", *args]
    return subprocess.run(command, capture_output=True, text=True, timeout=TIMEOUT)


def console_lines(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if CONSOLE.search(line)]


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    path = tmp_path_factory.mktemp("browser") / "report.html"
    analysis = build_analysis("browser-test", {"outlet": "Test Wire", "date": "2019-04-01"}, [
        ('The spokesperson said ties "are excellent" and will certainly grow.', "official", 0.7, 0.0,
         [("excellent", "positive"), ("certainly", "booster")], "Mira Vale"),
        (f"Analysts say the figures may be weaker. {INJECTED}", "commentary", -0.1, 0.6, [("may", "hedge")]),
    ])
    analysis.summary = summarise(analysis)
    path.write_text(document_report(analysis, title="Browser test report"), encoding="utf-8")
    return path


def test_console_detector_sees_errors(tmp_path):
    """The check below is not vacuous: a page that logs an error is caught."""
    bad = tmp_path / "bad.html"
    bad.write_text('<!DOCTYPE html><title>x</title><script>console.error("boom")</script>', encoding="utf-8")
    run = chromium(tmp_path, "--dump-dom", bad.as_uri())
    assert any("boom" in line for line in console_lines(run.stderr))


def test_report_in_headless_chromium(report, tmp_path):
    run = chromium(tmp_path, "--dump-dom", report.as_uri())
    assert run.returncode == 0, run.stderr[-2000:]
    dom = run.stdout
    assert console_lines(run.stderr) == []
    assert "<title>Browser test report</title>" in dom
    # The injected text is in the page, but as text: no element was added, no attribute set.
    assert "<div id=\"injected\"" not in dom and not re.search(r"<body[^>]*data-pwned", dom)
    assert "INJECTED</title>" not in dom
    assert "&lt;script&gt;" in dom  # the injected markup is shown as text
    for css in ('class="sent voice-official"', 'class="sent voice-commentary"', 'class="cue cue-hedge"',
                'class="cue cue-positive"', 'class="cue cue-booster"'):
        assert css in dom
    assert "<svg" in dom


def test_report_screenshot(report, tmp_path):
    shot = tmp_path / "shot.png"
    run = chromium(tmp_path, "--hide-scrollbars", "--window-size=1200,1600", f"--screenshot={shot}", report.as_uri())
    assert run.returncode == 0, run.stderr[-2000:]
    assert shot.read_bytes()[:4] == b"\x89PNG"
    assert console_lines(run.stderr) == []
