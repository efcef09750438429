"""The inputs of benchmarks/limits.py: the largest plan or catalogue each limit lets through, and
a few just over a limit. Run by `limits.py --make DIR` in a process of its own (it imports the
app); deterministic, so every run measures the same files."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import Any

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # benchmarks.make_catalogue

from benchmarks.make_catalogue import make_catalogue

from svplan.core.catalogue import load_default_catalogue
from svplan.core.catalogue_fields import (
    MAX_CONTACTS,
    MAX_MEASURES,
    MAX_PARTNERS,
    MAX_ROUTES,
    MAX_WEBSITES,
)
from svplan.core.plan import MAX_COMMITMENTS, MAX_PLAN_ACTIONS, MAX_PLAN_RISKS, MAX_TEXT
from svplan.core.planio import _PlanDumper, plan_to_data
from svplan.core.textfile import MAX_FILE_BYTES
from svplan.core.yamlsafe import MAX_ALIAS_CHARS, MAX_NODES

BUDGET = int(MAX_FILE_BYTES * 0.97)  # a plan file just under the 5 MB limit
WORDS = [
    *("local", "people", "employed", "through", "the", "contract", "with", "support", "from"),
    *("partners", "in", "the", "community", "apprentices", "trained", "and", "mentored", "by"),
    *("site", "managers", "who", "report", "every", "quarter", "on", "progress"),
]
BID = {
    "title": "Highways maintenance framework",
    "reference": "LCC/2027/0042",
    "authority": "Lancashire County Council",
    "bidder": "Example Contractors Ltd",
    "contract_value": 2500000,
    "start": dt.date(2027, 4, 1),
    "months": 36,
}


def prose(length: int, seed: int = 0) -> str:
    out, i = [], seed
    while sum(len(w) + 1 for w in out) < length:
        out.append(WORDS[i % len(WORDS)])
        i += 7
    return " ".join(out)[:length]


class _Dumper(_PlanDumper):  # type: ignore[misc, valid-type]
    def ignore_aliases(self, data: Any) -> bool:  # shared lists are written out, not aliased
        return True


def dump(data: dict[str, Any]) -> str:
    return yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100)


def write(path: Path, text: str) -> None:
    path.write_text(text, encoding="utf-8")


def plan_text(commitments: list[dict[str, Any]], **extra: Any) -> str:
    data = {"svplan": 2, "catalogue": "lancashire-toms", "bid": BID, "commitments": commitments}
    return dump(plan_to_data_plain({**data, **extra}))


def plan_to_data_plain(data: dict[str, Any]) -> dict[str, Any]:
    """Dates as the writer writes them (the plan model is not built for these large inputs)."""
    from svplan.core.plan import Plan

    return plan_to_data(Plan.model_validate(data)) if len(str(data)) < 2_000_000 else data


def fill(make_item, per_commitment: int, codes: list[str], scale: float) -> list[dict[str, Any]]:
    """Commitments of up to per_commitment items each, about as many as fit in the budget."""
    item_size = len(dump({"x": [make_item(0)]}))
    total = min(int(BUDGET // item_size * scale), per_commitment * MAX_COMMITMENTS)
    out, n = [], 0
    while n < total:
        count = min(per_commitment, total - n)
        out.append({"measure": codes[len(out) % len(codes)], "target": 10, "items": count})
        n += count
    return out


def make_inputs(out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    codes = [m.code for m in load_default_catalogue().measures]
    full = {
        "target": 12,
        "yearly": [4, 4, 4],
        "owner": "HR Manager",
        "resources": prose(200),
        "actions": [
            {"action": prose(60, i), "due": dt.date(2027, 5 + i, 1), "owner": "HR"}
            for i in range(MAX_PLAN_ACTIONS // MAX_COMMITMENTS)
        ],
        "evidence": prose(150),
        "reporting": "quarterly",
        "risks": [
            {"risk": prose(60), "mitigation": prose(200), "likelihood": "low", "impact": "high"}
            for _ in range(MAX_PLAN_RISKS // MAX_COMMITMENTS)
        ],
        "notes": prose(300),
        "approach": prose(400),
    }
    commitments = [{"measure": codes[i % len(codes)], **full} for i in range(MAX_COMMITMENTS)]
    write(out / "commitments.svplan", plan_text(commitments))
    per = int(BUDGET / MAX_COMMITMENTS * 0.9) - 100  # paragraphs filling the file
    text = [
        {"measure": codes[i % len(codes)], "target": 5, "owner": "Team", "notes": prose(per, i)}
        for i in range(MAX_COMMITMENTS)
    ]
    write(out / "text.svplan", plan_text(text))
    word = "x" * MAX_TEXT
    words = [{"measure": codes[i % len(codes)], "notes": word} for i in range(BUDGET // MAX_TEXT)]
    write(out / "words.svplan", plan_text(words))
    lists = {
        "actions": (MAX_PLAN_ACTIONS, lambda i: {"action": f"Step {i}", "due": "2027-06-01"}),
        "risks": (MAX_PLAN_RISKS, lambda i: {"risk": f"Risk {i}", "mitigation": "Weekly review"}),
    }
    for name, (limit, item) in lists.items():  # the plan's limit, 1,000 a commitment (its limit)
        rows = [
            {"measure": codes[j], "target": 10, name: [item(i) for i in range(1000)]}
            for j in range(limit // 1000)
        ]
        write(out / f"{name}.svplan", plan_text(rows))
    scale = 1.0
    role = {"partner": "recruit-lancashire-people", "role": "Refers candidates"}
    while True:  # roles: as many as fit under the file limit, 1,000 a commitment
        shape = fill(lambda i: role, 1000, codes, scale)
        rows = [{"measure": c["measure"], "roles": [role] * c["items"]} for c in shape]
        text = plan_text(rows)
        if len(text.encode("utf-8")) <= BUDGET:
            break
        scale *= BUDGET / len(text.encode("utf-8")) * 0.99
    write(out / "roles.svplan", text)
    actuals = [
        {"measure": codes[i % len(codes)], "quarter": f"Y{i // 4 % 9 + 1}Q{i % 4 + 1}", "actual": 1}
        for i in range(100_000)
    ]
    small = [{"measure": c, "target": 8} for c in codes]
    write(out / "actuals.svplan", plan_text(small, delivery={"actuals": actuals}))
    make_alias_plans(out)
    values = plan_text(small).rstrip("\n") + "\nextra: [" + "1, " * (MAX_NODES - 2_000) + "1]\n"
    write(out / "values.svplan", values)
    write(out / "over-values.svplan", "svplan: 2\nextra: [" + "1," * 2_100_000 + "1]\n")
    make_catalogues(out)


def make_alias_plans(out: Path) -> None:
    """Within the limits: a 400-action commitment repeated 12 times (4,800 actions, 14,000
    values) and a 20,000-character note repeated to 1,000,000 characters. Over: 440 copies of a
    1,000-action commitment (the 47 KB file that once expanded to 440,000 actions)."""
    head = "svplan: 2\ncatalogue: lancashire-toms\n"
    head += "bid: {title: Aliases, start: 2027-04-01, months: 36}\n"
    steps = "".join(f"      - {{action: Step {i}, due: 2027-05-31}}\n" for i in range(400))
    note = "x " * (MAX_TEXT // 2)
    notes = MAX_ALIAS_CHARS // len(note) - 10  # (the 12 copies of the actions are text too)
    text = (
        f"{head}spare:\n  - &c\n    measure: NT1\n    target: 4\n    actions:\n{steps}"
        f"  - &n {note}\ncommitments:\n"
        + "  - *c\n" * 12
        + "".join(f"  - {{measure: NT{i}, notes: *n}}\n" for i in range(notes))
    )
    write(out / "aliases.svplan", text)
    steps = "".join(f"      - {{action: Step {i}, due: 2027-05-31}}\n" for i in range(1000))
    over = f"{head}spare:\n  - &c\n    measure: NT1\n    actions:\n{steps}commitments:\n"
    write(out / "over-aliases.svplan", over + "  - *c\n" * 440)


def catalogue_text(data: dict[str, Any]) -> str:
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)


def make_catalogues(out: Path) -> None:
    cat = make_catalogue(MAX_MEASURES, MAX_PARTNERS)
    write(out / "catalogue-500.yaml", catalogue_text(cat))
    all_plan(out / "all-500.svplan", cat)
    unknown = [{"measure": f"ZZ{i}Q", "target": 1} for i in range(MAX_COMMITMENTS)]
    write(out / "unknown.svplan", plan_text(unknown, catalogue=cat["info"]["id"]))
    write(out / "catalogue-501.yaml", catalogue_text(make_catalogue(MAX_MEASURES + 1, 10)))
    write(out / "over-measures.svplan", plan_text([]))
    # every list at its limit, texts filling 8 MB
    full = make_catalogue(MAX_MEASURES, MAX_PARTNERS, seed=2)
    for i, partner in enumerate(full["partners"]):
        partner["websites"] = [f"https://p{i}-{j}.example.org/" for j in range(MAX_WEBSITES)]
        partner["contacts"] = [
            {"name": f"Person {j}", "phone": "01772 000000", "email": f"c{j}@p{i}.example.org"}
            for j in range(MAX_CONTACTS)
        ]
    ids = [p["id"] for p in full["partners"]]
    for i, measure in enumerate(full["measures"]):
        measure["routes"] = [
            {"partner": ids[(i * MAX_ROUTES + j) % len(ids)], "description": prose(600, j)}
            for j in range(MAX_ROUTES)
        ]
    write(out / "catalogue-full.yaml", catalogue_text(full))
    all_plan(out / "all-full.svplan", full)
    websites = make_catalogue(3, 2)
    websites["partners"][0]["websites"] = "PLACEHOLDER"
    text = catalogue_text(websites).replace("PLACEHOLDER", "[" + "w," * 1_900_000 + "w]", 1)
    write(out / "catalogue-websites.yaml", text)
    write(out / "over-websites.svplan", plan_text([], catalogue=websites["info"]["id"]))


def all_plan(path: Path, cat: dict[str, Any]) -> None:
    """Every measure committed, every partner route engaged with a role."""
    rows = []
    for m in cat["measures"]:
        partners = [r["partner"] for r in m["routes"] if "partner" in r]
        rows.append(
            {
                "measure": m["code"],
                "target": 10,
                "owner": "Lead",
                "roles": [{"partner": p, "status": "agreed"} for p in dict.fromkeys(partners)],
            }
        )
    write(path, plan_text(rows, catalogue=cat["info"]["id"]))
