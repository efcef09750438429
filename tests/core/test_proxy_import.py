"""Importing a proxy table: the preview a user reads first, and every bad file refused by row.

The values are MADE UP FOR TESTS — not real proxy values.
"""

from __future__ import annotations

import csv
from decimal import Decimal
from pathlib import Path

import pytest

from svplan.core.errors import ImportFileError
from svplan.core.money import value_plan
from svplan.core.plan import Commitment, Plan, ProxyTable
from svplan.core.planio import dump_plan, load_plan, parse_plan
from svplan.core.proxy_import import read_proxy_file, unit_matches
from tests.conftest import DATA, SAMPLE_PLAN

MADE_UP_CSV = DATA / "proxies-made-up.csv"
MADE_UP = "MADE UP FOR TESTS — not real proxy values"
HEAD = "measure,value,unit,source,year,per_level\n"


def made_up_xlsx(folder: Path) -> Path:
    """The made-up CSV as an Excel workbook, numbers as numbers (generated, not shipped)."""
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    with MADE_UP_CSV.open(encoding="utf-8") as handle:
        for i, row in enumerate(csv.reader(handle)):
            sheet.append([float(c) if i and j == 1 else c for j, c in enumerate(row)])
    path = folder / "proxies-made-up.xlsx"
    book.save(path)
    return path


@pytest.fixture(scope="module")
def sample(lancashire) -> Plan:
    return load_plan(SAMPLE_PLAN, lancashire).plan


def write(tmp_path: Path, body: str, name: str = "p.csv") -> Path:
    path = tmp_path / name
    path.write_text(HEAD + body, encoding="utf-8")
    return path


def test_the_made_up_table_previewed_against_the_sample(lancashire, sample):
    preview = read_proxy_file(MADE_UP_CSV, lancashire, sample)
    assert len(preview.matched) == 10 and preview.unknown == []
    assert preview.no_value == ["NT72"]
    assert preview.unit_mismatch == [] and preview.level_without_rule == []
    table = preview.table
    assert (table.name, table.source, table.year) == ("proxies-made-up", MADE_UP, "2025")
    nt41 = next(v for v in table.values if v.measure == "NT41")
    assert nt41.per_level and nt41.value == Decimal("1000")
    lines = preview.lines()
    assert lines[0] == f"proxies-made-up.csv: 10 values read (source: {MADE_UP}, 2025)."
    assert "Committed but no value: NT72." in lines
    assert sample.proxies is None  # previewing changed nothing


def test_xlsx_gives_the_same_table(lancashire, sample, tmp_path):
    from_csv = read_proxy_file(MADE_UP_CSV, lancashire, sample).table
    from_xlsx = read_proxy_file(made_up_xlsx(tmp_path), lancashire, sample).table
    assert from_xlsx.values == from_csv.values
    assert [str(v.value) for v in from_xlsx.values][:6] == [
        "10000",
        "5000",
        "10",
        "100",
        "50",
        "0.1",
    ]


def test_apply_saves_values_as_written_digits_and_they_come_back(lancashire, sample):
    plan = read_proxy_file(MADE_UP_CSV, lancashire, sample).apply(sample)
    text = dump_plan(plan)
    assert "value: '10000'" in text and "E+" not in text
    again = parse_plan(text, catalogue=lancashire).plan
    assert again.proxies == plan.proxies
    assert value_plan(again, lancashire).total == Decimal("334900")


def test_what_the_preview_tells(lancashire, tmp_path):
    body = (
        "NT1 – Local people employed,10000,per person,x,2025,\n"
        "NT8,10,per day,x,2025,\n"
        "NT41,500,,x,2025,\n"
        "NT99,3,,x,2025,\n"
        "NT29,n/a,,x,2025,\n"
        "NT31,20,,y,2024,yes\n"
        "NT8,10,,,,\n"
    )
    plan = Plan(commitments=[Commitment(measure="NT1"), Commitment(measure="NT72")])
    preview = read_proxy_file(write(tmp_path, body), lancashire, plan)
    assert [r.code for r in preview.matched] == ["NT1", "NT8", "NT41", "NT31"]
    assert [(r.number, r.code) for r in preview.unknown] == [(5, "NT99")]
    assert [(r.code, unit, one) for r, unit, one in preview.unit_mismatch] == [
        ("NT8", "hours (staff time)", "hour")
    ]
    assert [r.code for r in preview.level_without_rule] == ["NT41"]
    assert preview.skipped == [6]
    assert preview.no_value == ["NT72"]
    assert preview.table.source == "x; y" and preview.table.year == "2025; 2024"
    text = "\n".join(preview.lines())
    assert "Row 2: 'NT1 – Local people employed' was read as NT1." in text
    assert "Row 7: NT31 is not a level measure, so per_level is ignored" in text
    assert "Row 8 repeats row 3 (NT8)." in text
    assert "Skipped (no value given): row 6." in text
    assert (
        "but the catalogue counts NT8 in hours (staff time); check the value is £ per hour." in text
    )


def test_options_win_over_the_file_and_a_replaced_table_is_said(lancashire, tmp_path):
    old = ProxyTable(source="Old calculator", values=[{"measure": "NT1", "value": "1"}])
    plan = Plan(proxies=old)
    preview = read_proxy_file(
        write(tmp_path, "NT1,2,,file source,2020,\n"),
        lancashire,
        plan,
        source="Essex calculator",
        year="2025/26",
        name="essex",
    )
    assert (preview.table.name, preview.table.source, preview.table.year) == (
        "essex",
        "Essex calculator",
        "2025/26",
    )
    assert preview.lines()[-1] == "It replaces the plan's proxy table (Old calculator, 1 value)."


@pytest.mark.parametrize(
    ("body", "words"),
    [
        ("NT1,-5,,,,\n", ["p.csv, row 2 (NT1)", "'-5' is negative"]),
        ("NT1,NaN,,,,\n", ["row 2 (NT1)", "'NaN' is not an amount of money"]),
        ('NT1,10,,,,\nNT8,"£1,2,3",,,,\n', ["row 3 (NT8)", "'£1,2,3' is not an amount"]),
        ("NT1,10,,,,\n,12,,,,\n", ["row 3: the measure is empty (value '12')"]),
        ("NT1,10,,,,\nNT8,1,,,,\nnt1,12,,,,\n", ["rows 2 and 4 both give NT1", "£10.00", "£12.00"]),
        ("NT41,10,,,,maybe\n", ["row 2 (NT41): per_level is 'maybe'"]),
        ('NT1,"12,50",,,,\n', ["row 2 (NT1)", "12.50, not 12,50"]),
        ("NT1,,,,,\n", ["p.csv has no proxy values"]),
        ("NT1,1e400,,,,\n", ["row 2 (NT1)", "'1e400' is not an amount"]),
        ("NT1,£2000bn,,,,\n", ["more than £1 trillion"]),
        (
            "a code far too long to be any measure at all in any council,1,,,,\n",
            ["row 2", "not a measure code"],
        ),
    ],
)
def test_a_bad_row_refuses_the_file_by_row(lancashire, tmp_path, body, words):
    path = write(tmp_path, body)
    plan = Plan(commitments=[Commitment(measure="NT1", target=1)])
    before = plan.model_dump()
    with pytest.raises(ImportFileError) as caught:
        read_proxy_file(path, lancashire, plan)
    message = str(caught.value)
    assert "\n" not in message
    for word in words:
        assert word in message, message
    assert plan.model_dump() == before


def test_every_row_at_fault_is_listed_and_the_sentence_names_the_first(lancashire, tmp_path):
    path = write(tmp_path, "NT1,-5,,,,\nNT8,10,,,,\nNT10,NaN,,,,\n,4,,,,\n")
    with pytest.raises(ImportFileError) as caught:
        read_proxy_file(path, lancashire)
    error = caught.value
    assert error.message.startswith("p.csv: 3 rows cannot be used (the table was not imported); ")
    assert "first, row 2 (NT1): the value '-5' is negative" in error.message
    assert error.message.endswith("(2 more in the details).")
    assert [line.split(":")[0] for line in error.details.splitlines()] == [
        "p.csv, row 2 (NT1)",
        "p.csv, row 4 (NT10)",
        "p.csv, row 5",
    ]


def test_a_50_mb_file_is_refused(lancashire, tmp_path):
    path = tmp_path / "big.csv"
    with path.open("wb") as handle:
        handle.write(HEAD.encode())
        handle.truncate(50 * 1024 * 1024)
    with pytest.raises(ImportFileError, match=r"big\.csv is 50\.0 MB; a proxy table is at most"):
        read_proxy_file(path, lancashire)


def test_missing_value_column(lancashire, tmp_path):
    path = tmp_path / "p.csv"
    path.write_text("measure,proxy\nNT1,1\n", encoding="utf-8")
    with pytest.raises(ImportFileError, match="has no 'value' column"):
        read_proxy_file(path, lancashire)


@pytest.mark.parametrize(
    ("code", "stated", "fits"),
    [
        ("NT1", "FTE", True),
        ("NT1", "£ per person", True),
        ("NT8", "per hour", True),
        ("NT8", "per day", False),
        ("NT18", "£1 spent", True),
        ("NT18", "per tonne", False),
        ("NT31", "tonnes CO2e", True),
        ("NT41", "per % point per year", True),
        ("NT41", "per employee", False),
        ("NT10", "", True),
    ],
)
def test_unit_matches(lancashire, code, stated, fits):
    assert unit_matches(stated, lancashire.unit_of(code)) is fits
