"""Build examples/all-measures.svplan: a plan that commits to every Lancashire measure.

It is the largest realistic plan the product meets (43 measures, partners with roles and
engagement status, governance, a reporting calendar and plan-wide risks), used to look at the
Word plan page by page and in the export tests. Run it again after changing it:

    .venv/bin/python examples/build_all_measures.py
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from svplan.core.catalogue import load_default_catalogue
from svplan.core.governance_text import suggested_governance, suggested_reporting, suggested_risks
from svplan.core.plan import (
    Action,
    Commitment,
    Engagement,
    Governance,
    PartnerRole,
    Person,
    Plan,
    Rating,
    ReportingPlan,
    Risk,
)
from svplan.core.planio import load_plan, save_plan

HERE = Path(__file__).resolve().parent
OUT = HERE / "all-measures.svplan"
SAMPLE = HERE / "sample.svplan"  # the app's sample plan: its bid and lead are this plan's too
D = dt.date

# code: (yearly profile, owner, first action, the bidder's delivery approach)
MEASURES: dict[str, tuple[list[float], str, str, str]] = {
    "NT1": (
        [6, 6, 6],
        "HR Manager",
        "Advertise every contract vacancy locally first",
        "Every vacancy on the contract is advertised in Lancashire for two weeks before it "
        "is advertised anywhere else, with a guaranteed interview for local applicants.",
    ),
    "NT3": (
        [1, 1, 1],
        "HR Manager",
        "Agree a work-trial route with Jobcentre Plus",
        "Two-week paid work trials for long-term unemployed candidates referred by "
        "Jobcentre Plus, with a job offer for those who complete them.",
    ),
    "NT3d": (
        [0, 1, 0],
        "HR Manager",
        "Agree a referral route with Hope for Justice",
        "One supported placement for a survivor of modern slavery, through Hope for "
        "Justice's employment programme, with a named mentor.",
    ),
    "NT4": (
        [1, 1, 1],
        "HR Manager",
        "Offer pre-apprenticeship places to NEET young people",
        "Pre-apprenticeship places for young people not in education, employment or "
        "training, recruited with Jobcentre Plus youth advisers.",
    ),
    "NT4a": (
        [1, 0, 1],
        "HR Manager",
        "Ring-fence two entry-level roles for care leavers",
        "Two entry-level roles ring-fenced for care leavers, advertised through the "
        "Lancashire Care Leavers Local Offer, with a mentor for the first year.",
    ),
    "NT76": (
        [1, 1, 1],
        "HR Manager",
        "List entry roles with Jobcentre Plus",
        "Entry-level roles are listed with Jobcentre Plus before they are advertised.",
    ),
    "NT5": (
        [1, 0, 1],
        "HR Manager",
        "Set up a release-on-temporary-licence placement",
        "Placements for people leaving HMP Lancaster Farms, with a job offer on release "
        "for those who complete them.",
    ),
    "NT6": (
        [1, 1, 1],
        "HR Manager",
        "Become a Disability Confident employer (level 2)",
        "Guaranteed interviews for disabled applicants who meet the essential criteria, "
        "and workplace adjustments agreed before the start date.",
    ),
    "NT6a": (
        [0, 1, 0],
        "HR Manager",
        "Work with a veterans' employment charity",
        "One role offered through a veterans' employment charity, with adjustments.",
    ),
    "NT8": (
        [40, 40, 40],
        "Community Liaison Officer",
        "Register as an Enterprise Adviser",
        "Careers talks, site visits and mock interviews in secondary schools near our "
        "work sites, planned with each school at the start of the academic year.",
    ),
    "NT9": (
        [52, 52, 52],
        "Training Manager",
        "Enrol site staff on Level 2 NVQs",
        "Site operatives without a Level 2 qualification are enrolled on an NVQ with a "
        "Lancashire college, in paid working time.",
    ),
    "NT10": (
        [104, 208, 208],
        "Training Manager",
        "Recruit two Level 3 apprentices",
        "Two civil engineering apprentices a year from Lancashire, each with a workplace "
        "mentor and a college place arranged before they start.",
    ),
    "NT9a": (
        [26, 26, 26],
        "Training Manager",
        "Fund Level 2 courses for older workers",
        "Level 2 training for workers over 50 who want to change role on the contract.",
    ),
    "NT10a": (
        [52, 52, 52],
        "Training Manager",
        "Offer an apprenticeship to a care leaver",
        "One apprenticeship a year for a young person from a specified group.",
    ),
    "NT11": (
        [30, 30, 30],
        "HR Manager",
        "Run mock interview days with Inspira",
        "Mock interviews, CV clinics and careers mentoring for unemployed people, twice "
        "a year, run by our managers with Inspira.",
    ),
    "NT12": (
        [20, 20, 20],
        "Training Manager",
        "Host two-week work placements",
        "Two-week work placements for college students on construction courses.",
    ),
    "NT13": (
        [12, 12, 12],
        "Training Manager",
        "Offer a paid summer internship",
        "A paid 12-week summer internship for a university student each year.",
    ),
    "NT50": (
        [2000, 3000, 3000],
        "Social Value Lead",
        "Co-design a skills pilot with schools",
        "A site-based construction skills pilot co-designed with two schools.",
    ),
    "NT14": (
        [20000, 20000, 20000],
        "Procurement Manager",
        "List local VCSE suppliers",
        "Grounds maintenance and catering for site welfare bought from local social "
        "enterprises, found through SELNET.",
    ),
    "NT15": (
        [20, 20, 20],
        "Finance Director",
        "Offer expert advice sessions",
        "Finance, HR and health and safety advice for local VCSEs and small suppliers.",
    ),
    "NT17": (
        [50, 50, 50],
        "Community Liaison Officer",
        "Publish volunteering days",
        "Two paid volunteering days per employee per year with local VCSEs.",
    ),
    "NT18": (
        [250000, 250000, 250000],
        "Procurement Manager",
        "Hold a meet-the-buyer event",
        "A meet-the-buyer event each year and a local supplier register kept by "
        "procurement; local suppliers are asked to quote for every package.",
    ),
    "NT19": (
        [130000, 135000, 135000],
        "Procurement Manager",
        "Split packages for MSMEs",
        "Work packages sized so that micro and small firms can bid for them, and paid "
        "within 30 days.",
    ),
    "NT20": (
        [40, 40, 40],
        "HR Manager",
        "Launch the wellbeing programme on the contract",
        "Every employee on the contract gets the company wellbeing programme: mental "
        "health first aiders, an employee assistance line and health checks.",
    ),
    "NT21": (
        [120, 60, 60],
        "HR Manager",
        "Deliver EDI training to all contract staff",
        "Two-hour equality, diversity and inclusion sessions for all contract staff and "
        "key subcontractors, with refreshers for new starters.",
    ),
    "NT40": (
        [2000, 2000, 2000],
        "HR Manager",
        "Publish the contract's gender pay gap",
        "Flexible working for site roles and a returners' programme.",
    ),
    "NT41": (
        [100, 100, 100],
        "HR Manager",
        "Confirm Real Living Wage accreditation",
        "Every member of staff on the contract, including subcontractors' staff, is paid "
        "at least the Real Living Wage.",
    ),
    "NT43": (
        [2000, 1500, 1500],
        "Procurement Manager",
        "Audit tier-2 suppliers for slavery risk",
        "Supplier questionnaires and audits of high-risk supply chains, and training for "
        "buyers on spotting modern slavery.",
    ),
    "NT51": (
        [2000, 2000, 2000],
        "Social Value Lead",
        "Pilot a social value clause for suppliers",
        "A pilot of social value commitments in our own subcontracts.",
    ),
    "NT26": (
        [1500, 1500, 1500],
        "Community Liaison Officer",
        "Fund a community health walk",
        "Health walks and stop-smoking sessions in the communities near our sites.",
    ),
    "NT27": (
        [1500, 1500, 1500],
        "Community Liaison Officer",
        "Support a digital inclusion club",
        "Staff volunteers at a digital inclusion club for older people.",
    ),
    "NT28": (
        [1000, 1000, 1000],
        "Community Liaison Officer",
        "Donate surplus materials",
        "Surplus materials donated to community projects through A Good Thing.",
    ),
    "NT29": (
        [100, 100, 100],
        "Community Liaison Officer",
        "Agree projects with parish councils",
        "Volunteering on community projects agreed with parish councils.",
    ),
    "NT52": (
        [2000, 2000, 2000],
        "Social Value Lead",
        "Co-design a safer-routes project",
        "Safer walking routes to school near our sites, co-designed with residents.",
    ),
    "NT31": (
        [10, 15, 20],
        "Sustainability Manager",
        "Set the baseline emissions",
        "Electric vans replace diesel vans on the contract, with HVO for plant.",
    ),
    "NT82": (
        [3, 4, 5],
        "Sustainability Manager",
        "Fit LED lighting to site cabins",
        "LED lighting and timers in every site cabin and depot.",
    ),
    "NT32": (
        [5000, 5000, 5000],
        "Sustainability Manager",
        "Start a car-share scheme",
        "A car-share scheme and a minibus from the depot for site teams.",
    ),
    "NT85": (
        [3000, 3000, 3000],
        "Sustainability Manager",
        "Plant a community orchard",
        "Tree planting and a community orchard with the Treescapes team.",
    ),
    "NT86": (
        [60, 60, 60],
        "Community Liaison Officer",
        "Join a conservation volunteering day",
        "Staff volunteering days on conservation projects in the Forest of Bowland.",
    ),
    "NT87": (
        [1, 1, 1],
        "Site Waste Coordinator",
        "Remove single-use plastics from welfare",
        "Single-use plastics removed from site welfare and packaging returned to suppliers.",
    ),
    "NT72": (
        [4, 4, 4],
        "Site Waste Coordinator",
        "Set up a recycling partnership",
        "A recycling partnership for hard-to-recycle waste.",
    ),
    "NT88": (
        [5, 5, 5],
        "Site Waste Coordinator",
        "Reuse excavated material on site",
        "Excavated material and kerbs reused on site rather than sent to landfill.",
    ),
    "NT53": (
        [3000, 3000, 3000],
        "Sustainability Manager",
        "Trial a low-carbon asphalt",
        "A trial of low-carbon asphalt on one scheme, shared with the council.",
    ),
}

EVIDENCE = {
    "fte": "Payroll record for each person (start date, hours, FTE, first half of the home "
    "postcode), quarterly",
    "hours": "Activity log with the organisation supported, the staff and the hours",
    "expert-hours": "Log of advice given (organisation, topic, adviser, hours)",
    "weeks": "Enrolment and completion records with provider, level and weeks per person",
    "gbp-spent": "Spend report from the finance system (supplier, size, postcode prefix, amount)",
    "gbp-value": "Donation records with a valuation of materials and staff time",
    "gbp-invested": "Cost breakdown of each initiative, including staff time",
    "employees": "Programme enrolment list with the date each employee's access began",
    "attendee-hours": "Attendance registers with session length and attendees",
    "percent-staff": "Pay records of every member of staff on the contract, checked quarterly",
    "tco2e": "Fuel and energy records against the baseline, verified annually",
    "car-miles": "Car-share and minibus logs with the journeys replaced",
    "tonnes": "Waste transfer notes by stream and destination",
}

# partner: what it does for us, in our words
ROLES = {
    "recruit-lancashire-people": "Advertises our vacancies to Lancashire jobseekers",
    "dwp-jobcentre-plus": "Refers long-term unemployed candidates for work trials",
    "inspira": "Matches our volunteers with schools as Enterprise Advisers",
    "stemfirst": "Arranges STEM sessions in primary schools",
    "lancashire-colleges": "Provides the college places for our apprentices",
    "selnet": "Introduces local social enterprises to our buyers",
    "a-good-thing": "Passes our surplus materials to local charities",
    "supply-chain-sustainability-school": "Trains our fleet and site managers",
    "treescapes": "Chooses the planting sites and supplies the trees",
}
# measure: the partners we engage for it, how far the engagement has got and since when
ENGAGED: dict[str, list[tuple[str, Engagement, dt.date]]] = {
    "NT1": [("recruit-lancashire-people", Engagement.AGREED, D(2026, 12, 2))],
    "NT3": [("dwp-jobcentre-plus", Engagement.LETTER, D(2026, 12, 10))],
    "NT8": [
        ("inspira", Engagement.CONTACTED, D(2026, 11, 20)),
        ("stemfirst", Engagement.IDENTIFIED, D(2026, 11, 20)),
    ],
    "NT10": [("lancashire-colleges", Engagement.AGREED, D(2026, 12, 5))],
    "NT14": [("selnet", Engagement.CONTACTED, D(2026, 11, 28))],
    "NT28": [("a-good-thing", Engagement.IDENTIFIED, D(2026, 11, 28))],
    "NT31": [("supply-chain-sustainability-school", Engagement.AGREED, D(2026, 12, 1))],
    "NT85": [("treescapes", Engagement.LETTER, D(2026, 12, 8))],
}


def build() -> Plan:
    cat = load_default_catalogue()
    commitments = []
    for m in cat.measures:
        yearly, owner, action, approach = MEASURES[m.code]
        level = cat.is_level(m.code)
        target = yearly[-1] if level else sum(yearly)
        commitments.append(
            Commitment(
                measure=m.code,
                target=target,
                yearly=yearly,
                owner=owner,
                resources=f"Time of the {owner} and the contract team; "
                "budget agreed at mobilisation",
                approach=approach,
                actions=[
                    Action(action=action, due=D(2027, 6, 30), owner=owner),
                    Action(
                        action="Review progress at the annual review",
                        due=D(2028, 3, 31),
                        owner="Social Value Lead",
                    ),
                ],
                partners=None,  # every partner the council suggests stays on the shortlist
                roles=[
                    PartnerRole(partner=p, role=ROLES[p], status=s, date=d)
                    for p, s, d in ENGAGED.get(m.code, [])
                ],
                evidence=EVIDENCE[m.unit],
                reporting="quarterly",
                baseline=f"Our current contracts deliver about half of this under {m.code}.",
                additionality="Only activity on this contract, beyond what we do today, counts.",
                risks=[
                    Risk(
                        risk=f"Delivery of {m.code} falls behind the yearly profile",
                        mitigation="Recovery action agreed at the monthly meeting",
                        likelihood=Rating.LOW,
                        impact=Rating.MEDIUM,
                        owner=owner,
                    )
                ],
            )
        )
    sample = load_plan(SAMPLE, cat).plan  # the same bid, in its final version, and lead
    plan = Plan(
        bid=sample.bid.model_copy(update={"status": "Final"}),
        lead=sample.lead,
        monitoring="Site managers record social value activity monthly on a shared tracker, "
        "with the evidence filed alongside each entry.",
        commitments=commitments,
    )
    sponsor = Person(name="Alex Morgan", role="Operations Director")
    with_sponsor = plan.model_copy(update={"governance": Governance(sponsor=sponsor)})
    plan.governance = Governance(sponsor=sponsor, **suggested_governance(with_sponsor))
    plan.reporting = ReportingPlan(**suggested_reporting(plan))
    plan.risks = suggested_risks(plan)
    return plan


if __name__ == "__main__":
    save_plan(build(), OUT)
    print(OUT)
