"""Plans and catalogues built in code for the export tests; `bid()` is every test's bid."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from svplan.core.catalogue import Catalogue, catalogue_from_document
from svplan.core.plan import (
    Action,
    Bid,
    Commitment,
    Engagement,
    Governance,
    PartnerRole,
    Person,
    Plan,
    Rating,
    Reporting,
    ReportingPlan,
    Risk,
)
from svplan.core.yamlsafe import YamlDocument

HERE = Path(__file__).resolve().parent
EXTRACT_CATALOGUE = HERE / "data" / "lancashire-extract.yaml"

D = dt.date


def bid(**overrides) -> Bid:
    values = dict(
        title="Highways maintenance framework",
        reference="LCC/2027/0042",
        authority="Lancashire County Council",
        bidder="Example Contractors Ltd",
        contract_value=2_500_000,
        start=D(2027, 4, 1),
        months=36,
        version="1.0",
        status="Draft for submission",
        issued=D(2027, 1, 15),
    )
    values.update(overrides)
    return Bid(**values)


def act(action: str, due: dt.date, owner: str) -> Action:
    return Action(action=action, due=due, owner=owner)


# measure: target, yearly profile, owner, reporting (None: not given)
FIGURES: dict[str, tuple[float | None, list[float] | None, str, str | None]] = {
    "NT1": (18, [6, 6, 6], "HR Manager (Priya Shah)", Reporting.QUARTERLY),
    "NT3": (3, [1, 1, 1], "HR Manager", "quarterly"),
    "NT8": (120, [40, 40, 40], "Community Liaison Officer", "quarterly"),
    "NT10": (520, [104, 208, 208], "Training Manager", "six-monthly"),
    "NT15": (None, None, "Finance Director", "quarterly"),
    "NT18": (750_000, [250_000, 250_000, 250_000], "Procurement Manager", "quarterly"),
    "NT21": (240, [120, 60, 60], "HR Manager", "six-monthly"),
    "NT29": (300, [100, 100, 100], "Community Liaison Officer", "quarterly"),
    "NT31": (45.5, [10, 15, 20.5], "Sustainability Manager", "annually"),
    "NT72": (12, None, "Site Waste Coordinator", None),
    "SOC99": (25, None, "Social Value Lead", "quarterly"),
}
# measure: everything else its commitment says
DETAILS: dict[str, dict] = {
    "NT1": {
        "resources": "Recruitment budget £4,000 a year; HR advisor one day a week",
        "actions": [
            act(
                "Advertise every vacancy through Recruit Lancashire People",
                D(2027, 5, 31),
                "HR Manager",
            ),
            act("Agree a guaranteed-interview scheme", D(2027, 6, 30), "HR Manager"),
        ],
        "evidence": "Payroll extract for each local employee (start date, hours, FTE, "
        "first half of home postcode)",
        "approach": "Every vacancy is advertised in Lancashire for two weeks first.",
        "baseline": "4 local FTE on our current Lancashire contracts (2026).",
        "additionality": "Local hiring is not our policy today; this contract starts it.",
        "roles": [
            PartnerRole(
                partner="skills-pledge-recruit",
                role="Advertises our vacancies to Lancashire jobseekers",
                status=Engagement.AGREED,
                date=D(2026, 12, 2),
            )
        ],
        "risks": [
            Risk(
                likelihood=Rating.MEDIUM,
                impact=Rating.HIGH,
                owner="HR Manager",
                risk="Too few local applicants for skilled roles",
                mitigation="Pre-employment courses before each recruitment round",
            )
        ],
        "notes": "NT1 counts every year of employment.",
    },
    "NT3": {
        "actions": [
            act("Agree a work-trial route with Jobcentre Plus", D(2027, 6, 30), "HR Manager")
        ],
        "evidence": "Referral confirmation and payroll record",
    },
    "NT8": {
        "partners": ["inspira", "no-such-partner", "stemfirst"],
        "roles": [
            PartnerRole(partner="inspira", role="Matches our volunteers with schools"),
            PartnerRole(partner="no-such-partner", status=Engagement.AGREED),
            PartnerRole(partner="stemfirst", status=Engagement.IDENTIFIED),
        ],
        "actions": [
            act("Register as an Enterprise Adviser", D(2027, 6, 30), "Community Liaison Officer")
        ],
        "evidence": "Visit log with school, date, staff names and hours",
    },
    "NT10": {"partners": [], "evidence": "Apprenticeship agreements and weeks on programme"},
    "NT18": {
        "risks": [
            Risk(
                risk="Specialist materials only available outside Lancashire",
                mitigation="Buy through local merchants where possible",
            )
        ]
    },
    "NT29": {"resources": "Two volunteering days per employee per year, paid"},
    "SOC99": {"notes": "A council-specific measure."},
}


def realistic_plan() -> Plan:
    """Ten commitments on the extract catalogue, plus one measure the catalogue does not have.

    Covers: a full commitment with a partner role, approach, baseline and rated risks (NT1), a
    missing target (NT15), partners left as the catalogue suggests (NT3: not the bidder's
    partners), an explicit partner list with roles, one for an unknown id (NT8), partners=[] (NT10),
    measures with suggested actions never adopted (NT21, NT29, NT72), reporting left unset (NT72),
    multi-paragraph text, an unknown code (SOC99), governance, a reporting owner and a plan-wide
    risk. It does not pass `check` (NT15, NT72, SOC99 ...), so it exports as a DRAFT.
    """
    return Plan(
        bid=bid(),
        lead=Person(
            name="Sam Taylor",
            role="Social Value Lead",
            email="sam.taylor@example.com",
            phone="01772 000000",
        ),
        monitoring="Site managers record activity monthly on a shared tracker.\n\n"
        "The Social Value Lead checks the tracker before each quarterly submission.",
        governance=Governance(
            sponsor=Person(name="Alex Morgan", role="Operations Director", phone="07700 900123"),
            cadence="A monthly social value meeting chaired by the lead.",
            escalation="Slippage goes to the sponsor after one quarter.",
        ),
        reporting=ReportingPlan(
            data_owner="Sam Taylor", verification="A sample of entries is checked each quarter."
        ),
        risks=[
            Risk(
                risk="Knowledge is lost at handover to the site team",
                mitigation="The lead briefs each owner at mobilisation.",
                likelihood=Rating.MEDIUM,
                impact=Rating.MEDIUM,
                owner="Sam Taylor",
            )
        ],
        commitments=[
            Commitment(
                measure=code,
                target=target,
                yearly=yearly,
                owner=owner,
                reporting=reporting,
                **DETAILS.get(code, {}),
            )
            for code, (target, yearly, owner, reporting) in FIGURES.items()
        ],
    )


def every_measure_plan(catalogue: Catalogue) -> Plan:
    """A commitment on every measure of the catalogue, with every field filled in; every partner
    the catalogue suggests is recorded with a role and an engagement status."""
    commitments = []
    for i, m in enumerate(catalogue.measures):
        commitments.append(
            Commitment(
                measure=m.code,
                target=10 + i,
                yearly=[3 + i, 3, 4],
                owner=f"Owner {i}",
                resources=f"Resources for {m.code}",
                actions=[
                    Action(action=f"First action for {m.code}", due=D(2027, 6, 30), owner="Lead"),
                    Action(
                        action=f"Second action for {m.code}", due=D(2028, 3, 31), owner="Manager"
                    ),
                ],
                evidence=f"Evidence kept for {m.code}",
                reporting=list(Reporting)[i % 4],
                risks=[Risk(risk=f"Risk for {m.code}", mitigation="How it is handled")],
                notes=f"Notes on {m.code}",
                roles=[
                    PartnerRole(
                        partner=pid,
                        role=f"Helps deliver {m.code}",
                        status=Engagement.AGREED,
                        date=D(2026, 12, 1),
                    )
                    for pid in m.partner_ids
                ],
            )
        )
    return Plan(
        bid=bid(),
        lead=Person(name="Sam Taylor", role="Social Value Lead", email="sam@example.com"),
        commitments=commitments,
    )


def synthetic_catalogue(n_measures: int = 43, n_partners: int = 40) -> Catalogue:
    """A catalogue the size of Lancashire's: 5 themes, 43 measures, 40 partners, 3 routes each."""
    themes = []
    for t in range(5):
        themes.append(
            {
                "id": f"theme-{t}",
                "name": f"Theme {t}",
                "description": f"About theme {t}",
                "outcomes": [
                    {"id": f"outcome-{t}-{o}", "name": f"Outcome {t}.{o}"} for o in range(3)
                ],
            }
        )
    partners = [
        {
            "id": f"partner-{p}",
            "name": f"Partner organisation {p}",
            "websites": [f"https://partner{p}.example.org/get-involved/"],
            "contacts": [
                {
                    "name": f"Contact {p}",
                    "phone": f"01772 {p:06d}",
                    "email": f"contact{p}@partner{p}.example.org",
                },
                {"email": f"info@partner{p}.example.org"},
            ],
        }
        for p in range(n_partners)
    ]
    measures = []
    for i in range(n_measures):
        t = i % 5
        measures.append(
            {
                "code": f"NT{i + 1}",
                "short": f"Measure number {i + 1}",
                "wording": f"No. of things delivered under measure {i + 1} on the contract " * 2,
                "unit": ["fte", "hours", "gbp"][i % 3],
                "theme": f"theme-{t}",
                "outcome": f"outcome-{t}-{i % 3}",
                "routes": [
                    {
                        "partner": f"partner-{(i + k) % n_partners}",
                        "description": f"What partner {(i + k) % n_partners} offers for measure "
                        f"{i + 1}. " * 4,
                    }
                    for k in range(3)
                ]
                + [{"action": f"A suggested approach for measure {i + 1}"}],
            }
        )
    return catalogue_from_document(
        YamlDocument(
            data={
                "format": 1,
                "info": {
                    "id": "synthetic",
                    "title": "Synthetic TOMs",
                    "publisher": "Test Council",
                    "source_title": "Synthetic",
                    "edition": "1",
                },
                "units": [
                    {"id": "fte", "name": "people (FTE)", "suffix": "FTE", "decimals": 1},
                    {"id": "hours", "name": "hours", "suffix": "hours"},
                    {"id": "gbp", "name": "£ spent", "prefix": "£", "decimals": 2, "maximum": 1e12},
                ],
                "themes": themes,
                "partners": partners,
                "measures": measures,
            },
            source="",
        ),
        Path("synthetic.yaml"),
    )
