"""Packaging: every package of the source tree is declared in setup.cfg, so a wheel is complete."""
import configparser
from pathlib import Path

from setuptools import find_packages

ROOT = Path(__file__).resolve().parents[1]


def test_every_package_is_declared():
    config = configparser.ConfigParser()
    config.read(ROOT / "setup.cfg")
    declared = set(config["options"]["packages"].split())
    found = {p for p in find_packages(str(ROOT), include=["rhetoric", "rhetoric.*"])}
    assert found <= declared, f"add to setup.cfg [options] packages: {sorted(found - declared)}"
    assert {"rhetoric._corpora", "rhetoric._models"} <= declared


def test_no_stray_files_at_the_root():
    assert not list(ROOT.glob("*.whl"))
