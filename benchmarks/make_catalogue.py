"""Generate a large, valid TOMs catalogue for the scale benchmarks (deterministic).

    python benchmarks/make_catalogue.py OUT.yaml [--measures 2000] [--partners 5000] [--seed 1]

Text lengths follow the Lancashire catalogue: a measure's wording is about 150 characters, a
route description about 600, a measure has 1-4 routes (mostly partners, some suggested actions),
partners have a website and one or two contacts. Themes and outcomes grow with the size
(about 25 measures per outcome) so the measure tree keeps a realistic shape. The vocabulary is
the social value one; about one measure in twelve (and one route in twenty) is about
apprentices, so the query "apprentice" matches a realistic share.
The output is written with PyYAML's safe dumper and is valid for svplan.core.catalogue.Catalogue.
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path
from typing import Any

import yaml

try:
    from yaml import CSafeDumper as _Dumper
except ImportError:  # pragma: no cover
    from yaml import SafeDumper as _Dumper  # type: ignore[assignment]


def _split(text: str, sep: str | None = None) -> list[str]:
    return text.split(sep)


THEMES = [
    ("jobs", "Jobs: promote local skills and employment"),
    ("growth", "Growth: supporting the growth of responsible regional business"),
    ("social", "Social: healthier, safer and more resilient communities"),
    ("environment", "Environment: decarbonising and safeguarding our world"),
    ("innovation", "Innovation: promoting social innovation"),
    ("wellbeing", "Wellbeing: a healthy and inclusive workforce"),
    ("place", "Place: vibrant town centres and neighbourhoods"),
    ("education", "Education: raising aspiration in schools and colleges"),
]
OUTCOME_NOUNS = [
    "local people in employment",
    "opportunities for disadvantaged people",
    "improved skills for a low carbon transition",
    "spend in the local supply chain",
    "support for micro, small and medium enterprises",
    "a healthier community",
    "vulnerable people helped to live independently",
    "carbon emissions reduced",
    "air pollution reduced",
    "safeguarding the natural environment",
    "social innovation to support communities",
    "young people ready for work",
]
UNITS = [
    {"id": "fte", "name": "people (FTE)", "suffix": "FTE", "decimals": 1, "maximum": 100000},
    {"id": "weeks", "name": "weeks", "suffix": "weeks", "maximum": 1000000},
    {"id": "hours", "name": "hours (staff time)", "suffix": "hours", "maximum": 10000000},
    {"id": "gbp", "name": "£ invested", "prefix": "£", "decimals": 2},
    {"id": "tonnes", "name": "tonnes CO2e", "suffix": "tCO2e", "decimals": 1},
    {"id": "percent", "name": "% of spend", "suffix": "%", "decimals": 1, "maximum": 100},
]
WORDS = _split(
    "local people employed training skills employment "
    "disadvantaged young care leavers veterans ex-offenders long-term unemployed disability "
    "graduate placement work experience school college university careers mentoring support "
    "hours weeks volunteering community charity voluntary sector small medium enterprise "
    "supply chain spend procurement carbon emissions reduction electric vehicle fleet waste "
    "recycling biodiversity green infrastructure health wellbeing mental first aid workforce "
    "fair pay real living wage flexible working equality diversity inclusion digital "
    "innovation social enterprise funding donation in-kind equipment facilities town centre "
    "housing homelessness food poverty energy retrofit insulation heating resilient safe "
    "crime prevention youth sports culture heritage tourism local business growth mentoring"
)
FIRST = _split("Sam Alex Jo Chris Priya Mohammed Aisha Tom Emma Liam Olivia Noah Grace Ben Zara")
LAST = _split("Taylor Smith Khan Patel Jones Brown Wilson Evans Ahmed Walker Hughes Clarke Shaw")
ORG_A = _split("Lancashire Preston Blackburn Burnley Lancaster Chorley Pendle Fylde Ribble Wyre")
ORG_B = _split(
    "Skills Hub,Works,Training Trust,Community Foundation,Enterprise Agency,Youth Zone,"
    "Volunteer Centre,Employment Service,Chamber of Commerce,Climate Network,Food Bank,"
    "Carers Centre,Careers Hub,Growth Company,Housing Association,Wildlife Trust",
    ",",
)


def _text(rng: random.Random, length: int, first: str = "") -> str:
    """Sentences of vocabulary words, about `length` characters, ending with a full stop."""
    out: list[str] = [first] if first else []
    size = len(first)
    sentence = 0
    while size < length:
        word = rng.choice(WORDS)
        if sentence == 0:
            word = word.capitalize()
        sentence += 1
        if sentence > rng.randint(8, 16):
            word += "."
            sentence = 0
        out.append(word)
        size += len(word) + 1
    text = " ".join(out).rstrip(".")
    return text + "."


def _around(rng: random.Random, mean: int) -> int:
    return max(20, int(rng.gauss(mean, mean * 0.25)))


def make_catalogue(measures: int = 2000, partners: int = 5000, seed: int = 1) -> dict[str, Any]:
    """The catalogue as plain data (what the YAML file holds)."""
    rng = random.Random(seed)
    outcomes_needed = max(2, -(-measures // 25))
    themes: list[dict[str, Any]] = []
    outcome_ids: list[tuple[str, str]] = []  # (theme id, outcome id)
    per_theme = max(1, -(-outcomes_needed // len(THEMES)))
    n = 0
    for tid, tname in THEMES:
        outcomes = []
        for j in range(per_theme):
            if n >= outcomes_needed:
                break
            oid = f"{tid}-outcome-{j + 1}"
            name = f"More {OUTCOME_NOUNS[(n + j) % len(OUTCOME_NOUNS)]} ({tid} {j + 1})"
            outcomes.append({"id": oid, "name": name})
            outcome_ids.append((tid, oid))
            n += 1
        if outcomes:
            themes.append(
                {"id": tid, "name": tname, "description": _text(rng, 120), "outcomes": outcomes}
            )

    partner_list = []
    for i in range(partners):
        name = f"{rng.choice(ORG_A)} {rng.choice(ORG_B)} {i + 1}"
        slug = f"partner-{i + 1:05d}"
        contacts = []
        for _ in range(rng.randint(1, 2)):
            first, last = rng.choice(FIRST), rng.choice(LAST)
            contacts.append(
                {
                    "name": f"{first} {last}",
                    "role": rng.choice(["Partnerships Manager", "Coordinator", "Director"]),
                    "phone": f"01772 {rng.randint(100000, 999999)}",
                    "email": f"{first.lower()}.{last.lower()}@{slug}.example.org",
                }
            )
        partner_list.append(
            {
                "id": slug,
                "name": name,
                "websites": [f"https://{slug}.example.org/"],
                "contacts": contacts,
                "note": _text(rng, _around(rng, 160)),
            }
        )

    measure_list = []
    for i in range(measures):
        tid, oid = outcome_ids[i * len(outcome_ids) // measures]
        routes: list[dict[str, str]] = []
        for _ in range(rng.randint(1, 4)):
            lead = "Apprenticeship support:" if rng.random() < 0.05 else ""
            description = _text(rng, _around(rng, 600), first=lead)
            if rng.random() < 0.8 and partner_list:
                routes.append(
                    {"partner": rng.choice(partner_list)["id"], "description": description}
                )
            else:
                action = _text(rng, _around(rng, 60)).rstrip(".")
                routes.append({"action": action, "description": description})
        short = _text(rng, _around(rng, 40)).rstrip(".")
        # About one measure in twelve is about apprentices, as in the Lancashire catalogue.
        opening = "No. of apprentices (weeks) hired:" if i % 12 == 5 else "No. of"
        measure: dict[str, Any] = {
            "code": f"NT{i + 1}",
            "short": short,
            "wording": _text(rng, _around(rng, 150), first=opening),
            "unit": UNITS[i % len(UNITS)]["id"],
            "theme": tid,
            "outcome": oid,
            "routes": routes,
        }
        if i % 7 == 0:
            measure["counting"] = _text(rng, _around(rng, 120))
        if i % 25 == 0:
            measure["guidance"] = _text(rng, _around(rng, 400))
        if i % 9 == 0:
            measure["disadvantaged"] = True
        measure_list.append(measure)

    codes = [m["code"] for m in measure_list]
    overlaps = [
        {"codes": [codes[i], codes[i + 1]], "warning": _text(rng, _around(rng, 100))}
        for i in range(0, len(codes) - 1, 20)
    ]
    return {
        "format": 1,
        "info": {
            "id": f"bench-toms-{measures}",
            "title": f"Benchmark TOMs ({measures} measures)",
            "publisher": "Benchmark Borough Council",
            "source_title": "Generated by benchmarks/make_catalogue.py",
            "edition": f"seed {seed}",
        },
        "units": UNITS,
        "themes": themes,
        "partners": partner_list,
        "measures": measure_list,
        "overlaps": overlaps,
    }


def write_catalogue(path: Path, measures: int = 2000, partners: int = 5000, seed: int = 1) -> Path:
    """Write a generated catalogue to `path` (parents created) and return the path."""
    data = make_catalogue(measures, partners, seed)
    text = yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"# Generated by benchmarks/make_catalogue.py (seed {seed})\n{text}", "utf-8")
    return path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--measures", type=int, default=2000)
    parser.add_argument("--partners", type=int, default=5000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    print(write_catalogue(args.out, args.measures, args.partners, args.seed))
    return 0


if __name__ == "__main__":
    sys.exit(main())
