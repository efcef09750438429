"""Build examples/delivery-sample.svplan: a 4-year contract half-way through its second year.

Run from the repository: `.venv/bin/python examples/build_delivery_sample.py`. The file is
committed; tests/core/test_delivery_sample.py checks that this script still builds exactly it.

The contract starts on 1 June 2027 and runs 48 months, so Y1Q1 is 1 Jun - 31 Aug 2027. It was
awarded on 20 April 2027 and carries six quarters of actuals (Y1Q1 to Y2Q2). At Y2Q2:
NT1, NT8 and NT10 are Good (NT8 after a variation, NT10 with no yearly profile: its target is
spread evenly), NT41 (a level: % of staff on the Real Living Wage) is Approaching target, NT29
Requires improvement and NT18 is Inadequate; each of the last three has a recovery action.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

from svplan.core.actuals import add_recovery, put_actuals
from svplan.core.catalogue import load_default_catalogue
from svplan.core.delivery import award, vary
from svplan.core.plan import Actual, Evidence, Plan, RecoveryAction
from svplan.core.planio import dump_plan

OUT = Path(__file__).resolve().parent / "delivery-sample.svplan"
QUARTERS = ("Y1Q1", "Y1Q2", "Y1Q3", "Y1Q4", "Y2Q1", "Y2Q2")
D = dt.date


# measure: target, yearly profile (None: the target is spread evenly), owner
TARGETS: dict[str, tuple[float, list[float] | None, str]] = {
    "NT1": (40, [10, 10, 10, 10], "HR Manager"),
    "NT8": (160, [40, 40, 40, 40], "Community Liaison Officer"),
    "NT10": (416, None, "Training Manager"),
    "NT18": (2_000_000, [500_000, 500_000, 500_000, 500_000], "Commercial Manager"),
    "NT29": (800, [200, 200, 200, 200], "Community Liaison Officer"),
    "NT41": (100, [90, 100, 100, 100], "HR Manager"),
}
# measure: the evidence the bidder keeps
KEPT = {
    "NT1": "Payroll extract for each local employee: role, start date, hours, FTE and the first "
    "half of the home postcode.",
    "NT8": "Visit log: school, date, staff and hours (6 staff x 2 hours = 12 hours).",
    "NT10": "Apprentice register: weeks on the contract, provider, qualification.",
    "NT18": "Spend report from the finance system: supplier, postcode prefix, amount.",
    "NT29": "Volunteering log: project, organisation, staff and hours.",
    "NT41": "Payroll check each quarter: staff on the contract and how many are paid at least "
    "the Real Living Wage.",
}
# measure: the first action and its due date
FIRST_ACTION = {
    "NT1": ("Advertise every vacancy locally first", D(2027, 7, 31)),
    "NT8": ("Agree visits with four partner schools", D(2027, 9, 30)),
    "NT10": ("Recruit two apprentices each September", D(2027, 9, 30)),
    "NT18": ("Meet-the-buyer event for Preston firms", D(2027, 10, 31)),
    "NT29": ("Offer every employee two volunteering days", D(2027, 8, 31)),
    "NT41": ("Move all site roles to the Real Living Wage", D(2028, 5, 31)),
}


def _commitment(code: str) -> dict:
    target, yearly, owner = TARGETS[code]
    action, due = FIRST_ACTION[code]
    data: dict = {"measure": code, "target": target, "reporting": "quarterly", "owner": owner}
    data |= {"evidence": KEPT[code], "actions": [{"action": action, "due": due}]}
    if yearly is not None:
        data["yearly"] = yearly
    return data


PLAN = {
    "svplan": 2,
    "catalogue": "lancashire-toms",
    "bid": {
        "title": "Preston schools estate maintenance",
        "reference": "LCC/2027/0118",
        "authority": "Lancashire County Council",
        "bidder": "Example Contractors Ltd",
        "contract_value": 8_000_000,
        "start": D(2027, 6, 1),
        "months": 48,
        "version": "2.0",
        "status": "Contract",
        "issued": D(2027, 4, 20),
    },
    "lead": {
        "name": "Sam Taylor",
        "role": "Social Value Lead",
        "email": "sam.taylor@example.com",
        "phone": "01772 000000",
    },
    "monitoring": (
        "Site managers record social value activity each month on the delivery tracker; the "
        "Social Value Lead checks it and the evidence before each quarterly return."
    ),
    "commitments": [_commitment(code) for code in TARGETS],
}

# (measure, quarter) -> (actual, note, evidence)
ACTUALS: dict[str, list[float]] = {
    "NT1": [2, 3, 2.5, 3, 2.5, 2.5],  # 15.5 FTE against 15 due: Good
    "NT8": [12, 10, 8, 10, 8, 8],  # 56 hours against 55 due after the variation: Good
    "NT10": [20, 26, 30, 26, 28, 30],  # 160 weeks against 156 due (416 spread evenly): Good
    "NT18": [40_000, 50_000, 45_000, 60_000, 55_000, 70_000],  # £320k of £750k: Inadequate
    "NT29": [40, 45, 30, 20, 30, 25],  # 190 hours of 300: Requires improvement
    "NT41": [85, 88, 90, 92, 95, 88],  # a level: 88% against 100% due: Approaching target
}
NOTES = {
    ("NT1", "Y2Q2"): "Two local site operatives started; one local joiner left in October.",
    ("NT18", "Y2Q2"): "Two local framework suppliers appointed; their first orders start in Y2Q3.",
    ("NT29", "Y2Q2"): "Volunteering paused during the summer works peak.",
    ("NT41", "Y2Q2"): "Six new agency operatives are paid below the Real Living Wage.",
}
EVIDENCE = {
    ("NT1", "Y2Q2"): [  # the two local starters
        Evidence(
            what="Site operative (new starter)",
            date=started,
            hours=39,
            area=area,
            reference=f"Payroll extract Y2Q2, {hr}",
        )
        for started, area, hr in [
            (D(2028, 9, 12), "PR1", "HR-2028-114"),
            (D(2028, 10, 3), "PR2", "HR-2028-121"),
        ]
    ],
    ("NT8", "Y2Q2"): [
        Evidence(
            what="Road safety talks, St Mary's Primary (4 staff x 2 hours)",
            date=D(2028, 9, 20),
            reference="SV tracker, row 88",
        )
    ],
    ("NT18", "Y2Q2"): [
        Evidence(
            what="Local spend report, Y2Q2",
            date=D(2028, 11, 30),
            reference="Finance/SocialValue/2028-Y2Q2-spend.xlsx",
        )
    ],
    ("NT41", "Y2Q2"): [
        Evidence(
            what="Payroll check: 44 of 50 staff on the contract at or above the RLW",
            date=D(2028, 11, 30),
            reference="HR/RLW/2028-11.pdf",
        )
    ],
}
# measure: the quarter it fell behind, what its owner will do to recover, and by when
RECOVERY = {
    "NT29": (
        "Y1Q3",
        "Book team volunteering days with Preston food banks for every site team, two a quarter, "
        "and report hours monthly.",
        D(2028, 3, 31),
    ),
    "NT18": (
        "Y2Q2",
        "Move scaffolding and skip hire to the two local framework suppliers and hold a second "
        "meet-the-buyer event.",
        D(2029, 2, 28),
    ),
    "NT41": (
        "Y2Q2",
        "Require the agency to pay the Real Living Wage from the next pay period.",
        D(2028, 12, 31),
    ),
}


def build() -> Plan:
    catalogue = load_default_catalogue()
    plan = Plan.model_validate(PLAN)
    plan = award(plan, D(2027, 4, 20))
    plan = vary(
        plan,
        catalogue,
        "NT8",
        D(2028, 3, 15),
        "Two of the four partner schools close for rebuilding from September 2028; the council "
        "agreed a lower target for years 2 to 4 at the annual review.",
        target=120,
        yearly=[40, 30, 25, 25],
    )
    entries = []
    for code, values in ACTUALS.items():
        for key, value in zip(QUARTERS, values, strict=True):
            entries.append(
                Actual(
                    measure=code,
                    quarter=key,
                    actual=value,
                    note=NOTES.get((code, key), ""),
                    evidence=EVIDENCE.get((code, key), []),
                )
            )
    plan = put_actuals(plan, entries)
    for code, (quarter, action, due) in RECOVERY.items():
        owner = TARGETS[code][2]  # the commitment's owner
        plan = add_recovery(
            plan, RecoveryAction(measure=code, quarter=quarter, action=action, owner=owner, due=due)
        )
    return plan


def main() -> int:
    OUT.write_text(dump_plan(build()), encoding="utf-8")
    print(OUT)
    return 0


if __name__ == "__main__":
    sys.exit(main())
