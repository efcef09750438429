"""The Word plan's "Social value in money terms": present with a proxy table, absent without.

The proxy values are MADE UP FOR TESTS — not real proxy values.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest

from svplan.core.plan import Commitment, ProxyTable, ProxyValue
from svplan.core.planio import load_plan
from svplan.core.proxy_import import read_proxy_file
from tests.conftest import DATA, SAMPLE_PLAN
from tests.export.docread import all_text, blocks, headings, open_docx

ISSUED = dt.date(2027, 1, 15)
MONEY_WORDS = re.compile(r"proxy|money terms|per £1|social value of|not cash", re.IGNORECASE)


@pytest.fixture(scope="module")
def sample(lancashire):
    return load_plan(SAMPLE_PLAN, lancashire).plan


@pytest.fixture(scope="module")
def valued(sample, lancashire):
    return read_proxy_file(DATA / "proxies-made-up.csv", lancashire, sample).apply(sample)


def export(plan, catalogue, folder):
    from svplan.export import export_plan

    out = folder / "plan.docx"
    export_plan(plan, catalogue, out, issued=ISSUED)
    return open_docx(out)


def test_without_values_nothing_about_money_appears(sample, lancashire, tmp_path):
    doc = export(sample, lancashire, tmp_path)
    assert not MONEY_WORDS.search(all_text(doc))
    # a table with no values is no table either
    empty = sample.model_copy(update={"proxies": ProxyTable(source="x")})
    assert not MONEY_WORDS.search(all_text(export(empty, lancashire, tmp_path)))


def money_number(doc) -> str:
    """The section number of "Social value in money terms" (other sections may come and go)."""
    found = [
        t for level, t in headings(doc, 1) if re.fullmatch(r"\d+ Social value in money terms", t)
    ]
    assert len(found) == 1, headings(doc, 1)
    return found[0].split()[0]


def test_the_sample_with_the_made_up_table_has_the_money_section(valued, lancashire, tmp_path):
    doc = export(valued, lancashire, tmp_path)
    n = money_number(doc)
    top = [text for level, text in headings(doc, 1)]
    assert top[top.index(f"{n} Social value in money terms") - 1].endswith(
        "Decarbonising and safeguarding our world"
    )  # after the commitments
    subs = [t for level, t in headings(doc, 2) if level == 2 and t.startswith(f"{n}.")]
    assert subs == [f"{n}.1 By measure", f"{n}.2 By theme", f"{n}.3 By contract year"]
    text = all_text(doc)
    assert (
        "Proxy values:\tMADE UP FOR TESTS — not real proxy values, 2025, supplied by the bidder."
        in text
        or "MADE UP FOR TESTS — not real proxy values, 2025, supplied by the bidder." in text
    )
    assert (
        "the commitments Example Contractors Ltd makes in this plan represent £334,900 of social "
        "value over the contract: 13.4p for every £1 of the £2,500,000 contract value." in text
    )
    assert "not cash" in text
    assert "NT72: not valued, no value in the proxy table." in text


def _table_after(doc, heading_text):
    found = False
    for block in blocks(doc):
        if block.kind == "p" and block.text == heading_text and block.style.startswith("Heading"):
            found = True
        elif found and block.kind == "table":
            return [[cell.text for cell in row.cells] for row in block.table.rows]
    raise AssertionError(f"no table after {heading_text}")


def test_the_tables_by_measure_theme_and_year(valued, lancashire, tmp_path):
    doc = export(valued, lancashire, tmp_path)
    n = money_number(doc)
    measure = _table_after(doc, f"{n}.1 By measure")
    assert measure[0] == [
        "Code",
        "Measure",
        "Target",
        "Proxy value",
        "Year\u00a01",
        "Year\u00a02",
        "Year\u00a03",
        "Social value",
    ]
    nt1 = next(r for r in measure if r[0] == "NT1")
    assert nt1[2:] == ["18 FTE", "£10,000 per FTE", "£60,000", "£60,000", "£60,000", "£180,000"]
    nt72 = next(r for r in measure if r[0] == "NT72")
    assert nt72[3] == "–" and nt72[-1] == "Not valued"
    assert measure[-1] == ["Total", "", "", "", "£104,400", "£115,000", "£115,500", "£334,900"]
    theme = _table_after(doc, f"{n}.2 By theme")
    assert [r[0] for r in theme[1:]] == ["Jobs", "Growth", "Social", "Environment", "Total"]
    assert theme[1][-2:] == ["£248,200", "74%"]
    year = _table_after(doc, f"{n}.3 By contract year")
    assert year[1] == ["Year\u00a01 (Apr 2027 – Mar 2028)", "£104,400", "£104,400"]
    assert year[-1] == ["Year\u00a03 (Apr 2029 – Mar 2030)", "£115,500", "£334,900"]


def test_a_level_measure_by_rule_and_without(valued, lancashire, tmp_path):
    plan = valued.model_copy(
        update={"commitments": [*valued.commitments, Commitment(measure="NT41", target=100)]}
    )
    text = all_text(export(plan, lancashire, tmp_path))
    assert "£1,000 per percentage point per year" in text
    assert "NT41: the target level is held in each contract year." in text
    no_rule = plan.proxies.model_copy(
        update={
            "values": [
                v if v.measure != "NT41" else ProxyValue(measure="NT41", value=v.value)
                for v in plan.proxies.values
            ]
        }
    )
    text = all_text(export(plan.model_copy(update={"proxies": no_rule}), lancashire, tmp_path))
    assert "NT41: not valued, a level measure" in text
    assert "£334,900" in text  # NT41 adds nothing without the rule
