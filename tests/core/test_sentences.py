"""Quantities read as sentences a person wrote (svplan.core.sentences), on the real catalogue."""

from __future__ import annotations

import datetime as dt

import pytest

from svplan.core.catalogue import load_default_catalogue
from svplan.core.plan import Bid, Commitment, Plan
from svplan.core.sentences import (
    commitment_clause,
    commitment_sentence,
    decimals_for,
    quantity,
    share_of_contract,
)


@pytest.fixture(scope="module")
def cat():
    return load_default_catalogue()


@pytest.fixture
def plan():
    return Plan(
        bid=Bid(
            bidder="Example Contractors Ltd",
            contract_value=2_500_000,
            start=dt.date(2027, 4, 1),
            months=36,
        )
    )


def clause(cat, plan, code, target, yearly=None):
    return commitment_clause(Commitment(measure=code, target=target, yearly=yearly), cat, plan)


def test_the_three_sentences_of_the_issue(cat, plan):
    assert (
        clause(cat, plan, "NT1", 18, [6, 6, 6])
        == "employ 6 local people full time in each contract year (18 FTE-years)"
    )
    assert (
        clause(cat, plan, "NT18", 750_000)
        == "spend £750,000 (30% of the contract value) in the local supply chain"
    )
    assert (
        clause(cat, plan, "NT41", 100, [100, 100, 100])
        == "pay 100% of contract staff at least the Real Living Wage in every contract year"
    )


def test_the_whole_sentence_names_the_bidder_and_the_dated_contract(cat, plan):
    c = Commitment(measure="NT1", target=18, yearly=[6, 6, 6])
    assert commitment_sentence(c, cat, plan) == (
        "Example Contractors Ltd will employ 6 local people full time in each year of the "
        "36-month contract (1 April 2027 to 31 March 2030): 18 FTE-years in total."
    )
    c = Commitment(measure="NT18", target=750_000, yearly=[250_000] * 3)
    assert commitment_sentence(c, cat, plan).endswith(
        ": £750,000 in total (30% of the contract value)."
    )
    plan.bid.bidder = ""
    assert commitment_sentence(c, cat, plan).startswith("We will spend £250,000 ")


def test_one_pattern_per_kind_of_unit(cat, plan):
    assert clause(cat, plan, "NT3", 3) == (
        "employ 3 long-term unemployed people (3 FTE, each counted in their first year of "
        "employment)"
    )
    assert clause(cat, plan, "NT8", 120) == "give 120 staff hours on school and college visits"
    assert clause(cat, plan, "NT15", 60) == (
        "give 60 hours of expert business advice to VCSEs and MSMEs"
    )
    assert clause(cat, plan, "NT10", 520) == "provide 520 weeks of apprenticeships or T-Levels"
    assert clause(cat, plan, "NT40", 10_000) == (
        "invest £10,000, including staff time, in initiatives to reduce the gender pay gap"
    )
    assert clause(cat, plan, "NT28", 5_000) == (
        "give £5,000 in donations and in-kind contributions to local projects"
    )
    assert clause(cat, plan, "NT21", 240) == (
        "provide 240 attendee hours of equality, diversity and inclusion training"
    )
    assert clause(cat, plan, "NT31", 45.5) == "save 45.5 tCO2e through de-carbonisation"
    assert clause(cat, plan, "NT72", 12) == (
        "divert 12 tonnes of hard to recycle waste from landfill"
    )
    assert clause(cat, plan, "NT87", 2) == "reduce plastics by 2 tonnes"
    assert clause(cat, plan, "NT20", 50) == "enrol 50 employees in wellbeing programmes"


def test_every_measure_of_the_catalogue_reads_as_a_sentence(cat, plan):
    for m in cat.measures:
        c = Commitment(measure=m.code, target=12, yearly=[4, 4, 4])
        text = commitment_sentence(c, cat, plan)
        assert text.startswith("Example Contractors Ltd will "), text
        assert text.endswith("."), text
        assert "  " not in text and "None" not in text and "((" not in text, text
        assert "against NT" not in text, f"{m.code} fell back to the generic pattern: {text}"


def test_a_level_is_never_summed(cat, plan):
    text = commitment_sentence(
        Commitment(measure="NT41", target=100, yearly=[90, 95, 100]), cat, plan
    )
    assert "300" not in text and "285" not in text
    assert (
        "90% of contract staff at least the Real Living Wage in Year 1, rising to 100% by Year 3"
        in text
    )


def test_missing_target_and_unknown_code(cat, plan):
    assert commitment_sentence(Commitment(measure="NT15"), cat, plan) == (
        "The target for NT15 Expert business advice to VCSEs and MSMEs (hours) is to be confirmed."
    )
    assert commitment_clause(Commitment(measure="NT15"), cat, plan) == ""
    text = commitment_sentence(Commitment(measure="SOC99", target=25), cat, plan)
    assert text == (
        "Example Contractors Ltd will deliver 25 against SOC99 over the 36-month contract "
        "(1 April 2027 to 31 March 2030)."
    )
    assert "catalogue" not in text


def test_a_contract_without_dates_says_only_what_is_known(cat):
    plan = Plan(bid=Bid(bidder="Acme"))
    text = commitment_sentence(Commitment(measure="NT8", target=120), cat, plan)
    assert text == "Acme will give 120 staff hours on school and college visits over the contract."
    assert clause(cat, plan, "NT18", 1000) == "spend £1,000 in the local supply chain"


def test_part_time_people_read_as_the_equivalent(cat, plan):
    assert clause(cat, plan, "NT1", 19.5, [6.5, 6.5, 6.5]) == (
        "employ the equivalent of 6.5 local people full time in each contract year (19.5 FTE-years)"
    )


def test_decimals_are_the_same_for_every_figure_of_a_commitment(cat):
    unit = cat.unit_of("NT31")
    places = decimals_for(unit, [45.5, 10, 15, 20.5])
    assert [quantity(unit, v, places) for v in (10, 20.5)] == ["10.0 tCO2e", "20.5 tCO2e"]
    assert decimals_for(unit, [10, 15]) == 0
    money = cat.unit_of("NT18")
    assert quantity(money, 2500.5, decimals_for(money, [2500.5, 100])) == "£2,500.50"
    assert quantity(money, 100, decimals_for(money, [2500.5, 100])) == "£100.00"
    assert quantity(money, 250_000) == "£250,000"


def test_share_of_contract(plan):
    assert share_of_contract(750_000, plan) == "30%"
    assert share_of_contract(62_500, plan) == "2.5%"
    assert share_of_contract(1, plan) == "less than 0.1%"
    plan.bid.contract_value = None
    assert share_of_contract(750_000, plan) == ""


def test_one_of_anything_is_singular(cat, plan):
    assert clause(cat, plan, "NT3d", 1) == (
        "employ 1 survivor of modern slavery (1 FTE, counted in the first year of employment)"
    )
    assert clause(cat, plan, "NT76", 1).startswith("employ 1 registered unemployed person ")
    assert clause(cat, plan, "NT8", 1) == "give 1 staff hour on school and college visits"
    assert clause(cat, plan, "NT72", 1) == "divert 1 tonne of hard to recycle waste from landfill"
    assert clause(cat, plan, "NT1", 3, [1, 1, 1]) == (
        "employ 1 local person full time in each contract year (3 FTE-years)"
    )
    assert quantity(cat.unit_of("NT9"), 1) == "1 week"
    assert quantity(cat.unit_of("NT1"), 1) == "1 FTE"
