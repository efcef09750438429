"""The tender answer: always within the word and character limits, using them, built only from
what the bidder wrote or adopted, shortened by whole sentences."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from svplan.core.answer import compose, current_text
from svplan.core.catalogue import PartnerRoute
from svplan.core.plan import (
    Action,
    Answer,
    Commitment,
    Engagement,
    Governance,
    PartnerRole,
    Person,
    Plan,
    Reporting,
    Risk,
)
from svplan.core.planio import load_plan
from svplan.core.wordcount import count
from tests.conftest import SAMPLE_PLAN


@pytest.fixture(scope="module")
def sample(lancashire) -> Plan:
    return load_plan(SAMPLE_PLAN, lancashire).plan


def every_measure_plan(catalogue) -> Plan:
    """A plan committing to all 43 Lancashire measures, each with a full delivery detail."""
    base = load_plan(SAMPLE_PLAN, catalogue).plan
    commitments = []
    for i, m in enumerate(catalogue.measures):
        level = catalogue.is_level(m.code)
        target = 100.0 if level else float(10 * (i + 1))
        yearly = [target] * 3 if level else [target / 2, target / 4, target / 4]
        partner = next(iter(m.partner_ids), None)
        commitments.append(
            Commitment(
                measure=m.code,
                target=target,
                yearly=yearly,
                owner=f"Delivery Manager {i}",
                resources=f"A budget of £{1000 * (i + 1):,} a year; two site supervisors.",
                approach=(
                    f"We will run this through our site teams in year one. Progress on {m.code} "
                    "is checked monthly by the contract manager. Lessons are shared each quarter."
                ),
                actions=[
                    Action(
                        action=f"Agree the {m.code} programme with the council",
                        due=dt.date(2027, 5, 31),
                        owner="Social Value Lead",
                    ),
                    Action(
                        action="Brief every site team on the commitment", due=dt.date(2027, 6, 30)
                    ),
                    Action(action="Review delivery against the profile", due=dt.date(2028, 3, 31)),
                    Action(
                        action="Publish a case study for the annual review",
                        due=dt.date(2029, 3, 31),
                    ),
                ],
                roles=[
                    PartnerRole(
                        partner=partner,
                        role="Refers candidates to our site teams",
                        status=Engagement.CONTACTED,
                        date=dt.date(2026, 12, 1),
                    )
                ]
                if partner
                else [],
                baseline=f"{i} a year on our current contracts",
                additionality="Only new activity on this contract is counted.",
                evidence="Monthly log with names, dates and hours, checked by the lead.",
                reporting=Reporting.QUARTERLY,
                risks=[
                    Risk(risk="Demand falls", mitigation="Widen the offer to nearby sites"),
                    Risk(risk="Staff turnover", mitigation="Two trained deputies for each owner"),
                ],
            )
        )
    return base.model_copy(
        update={
            "commitments": commitments,
            "governance": Governance(
                sponsor=Person(name="Alex Morgan", role="Operations Director"),
                cadence="Monthly social value meeting chaired by the sponsor.",
                escalation="Slippage over one quarter goes to the board.",
            ),
            "risks": [Risk(risk="Programme delays", mitigation="Re-profile with the council")],
        }
    )


@pytest.fixture(scope="module")
def big(lancashire) -> Plan:
    plan = every_measure_plan(lancashire)
    assert len(plan.commitments) == 43
    return plan


def check_within_and_using(plan, catalogue, words=None, chars=None):
    full = count(compose(plan, catalogue).text)
    answer = compose(plan, catalogue, words=words, chars=chars)
    c = count(answer.text)
    assert words is None or c.words <= words
    assert chars is None or c.length <= chars
    # when the plan has more to say than fits, the answer fills at least 60% of a limit
    used = []
    if words is not None and full.words > words:
        used.append(c.words >= 0.6 * words)
    if chars is not None and full.length > chars:
        used.append(c.length >= 0.6 * chars)
    assert not used or any(used), (words, chars, c)
    if (words is None or full.words <= words) and (chars is None or full.length <= chars):
        assert c == full  # everything fits: nothing is left out
    return answer


@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(words=st.integers(min_value=100, max_value=3000))
def test_sample_answer_fits_every_word_limit_and_uses_it(sample, lancashire, words):
    check_within_and_using(sample, lancashire, words=words)


@settings(
    max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(words=st.integers(min_value=100, max_value=3000))
def test_43_measure_answer_fits_every_word_limit_and_uses_it(big, lancashire, words):
    check_within_and_using(big, lancashire, words=words)


@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(words=st.integers(min_value=100, max_value=3000), chars=st.integers(600, 20_000))
def test_word_and_character_limits_together(big, lancashire, words, chars):
    check_within_and_using(big, lancashire, words=words, chars=chars)


@pytest.mark.parametrize("words", [100, 250, 500, 750, 1000, 1500, 2000, 3000])
def test_limits_on_the_boundaries(big, sample, lancashire, words):
    check_within_and_using(big, lancashire, words=words)
    check_within_and_using(sample, lancashire, words=words)


def test_shortening_starts_with_actions_and_never_cuts_a_sentence(big, lancashire):
    full = compose(big, lancashire).text
    assert full.count("publish a case study") == 43  # the 4th action of every measure
    a_little_less = compose(big, lancashire, words=count(full).words - 100).text
    # fewer actions come first: some 4th actions are gone, every risk is still there
    assert 0 < a_little_less.count("publish a case study") < 43
    assert a_little_less.count("Demand falls") == 43 == a_little_less.count("Staff turnover")
    approach = [
        "We will run this through our site teams in year one.",
        "is checked monthly by the contract manager.",
        "Lessons are shared each quarter.",
    ]
    for words in (2500, 1200, 600):
        answer = compose(big, lancashire, words=words)
        text = answer.text
        for block in answer.blocks:
            if block.kind == "para":
                assert block.text.endswith("."), block.text[-60:]
        for piece in approach:
            if piece[:24] in text:
                assert text.count(piece[:24]) == text.count(piece)  # the bidder's sentence is whole


def test_only_the_bidders_words_never_the_councils_descriptions(big, sample, lancashire):
    descriptions = {
        r.description.strip()[:60]
        for m in lancashire.measures
        for r in m.routes
        if isinstance(r, PartnerRoute) and r.description.strip()
    }
    for plan in (big, sample):
        text = compose(plan, lancashire).text
        for d in descriptions:
            assert d not in text
    text = compose(big, lancashire).text
    assert "Refers candidates to our site teams" in text  # the bidder's words for the role
    assert "(contacted December 2026)" in text


def test_commitments_grouped_by_theme_in_catalogue_order(sample, lancashire):
    text = compose(sample, lancashire).text
    headings = [t.name for t in lancashire.themes]
    found = [h for h in headings if f"\n{h}: " in text]
    assert found == ["Jobs", "Growth", "Social", "Environment"]
    assert text.index("NT1:") < text.index("NT3:") < text.index("NT18:") < text.index("NT72:")
    assert "Sam Taylor, our Social Value Lead, leads delivery." in text
    assert "through the Social Value Portal" in text


def test_the_bidders_edits_are_what_the_answer_is(sample, lancashire):
    edited = sample.model_copy(update={"answer": Answer(text="Our own words.", edited=True)})
    assert current_text(edited, lancashire) == "Our own words."
    fresh = sample.model_copy(update={"answer": Answer(words=300)})
    assert count(current_text(fresh, lancashire)).words <= 300


def test_a_tiny_limit_still_fits_with_whole_sentences(sample, lancashire):
    for words in (1, 5, 20, 40):
        text = compose(sample, lancashire, words=words).text
        assert count(text).words <= words
        assert not text or text.rstrip().endswith(".")


def test_an_action_starting_with_a_verb_that_ends_a_partner_name_reads_we_will(sample, lancashire):
    """'Offer expert advice …' is the bidder's action, not the end of 'Local Offer' (a partner):
    it follows 'We will' in lower case, never left as a stray imperative."""
    text = compose(sample, lancashire).text
    assert "We will offer expert advice sessions to local VCSEs" in text
    assert ". Offer expert advice" not in text
    assert "Lancashire" in text  # names keep their capital


def test_reporting_frequency_is_the_one_the_bidder_chose(sample, lancashire):
    """The answer never promises quarterly reporting the plan does not say."""
    yearly = [c.model_copy(update={"reporting": Reporting.ANNUALLY}) for c in sample.commitments]
    text = compose(sample.model_copy(update={"commitments": yearly}), lancashire).text
    assert "report progress on every commitment to Lancashire County Council once a year" in text
    assert "Council each quarter" not in text  # (the bidder's own monitoring text may say so)
    mixed = compose(sample, lancashire).text  # the sample's commitments differ
    assert "as often as our delivery plan sets out for each one" in mixed
