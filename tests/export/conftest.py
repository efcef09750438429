"""Fixtures for the Word export tests."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.export.plans import EXTRACT_CATALOGUE, realistic_plan

ISSUED = dt.date(2026, 11, 25)


@pytest.fixture(scope="session")
def extract_catalogue():
    """Ten real Lancashire measures with their partners (tests/export/data)."""
    from svplan.core.catalogue import load_catalogue

    return load_catalogue(EXTRACT_CATALOGUE)


@pytest.fixture(scope="module")
def realistic_docx(tmp_path_factory, extract_catalogue):
    """The realistic plan exported once per module: (plan, path)."""
    from svplan.export import export_plan

    plan = realistic_plan()
    out = tmp_path_factory.mktemp("realistic") / "plan.docx"
    export_plan(plan, extract_catalogue, out, issued=ISSUED)
    return plan, out
