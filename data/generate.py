"""Generate the bundled, entirely fictional demo data (``data/demo``, ``data/demo_truth``).

Run from the repository root::

    .venv/bin/python -m data.generate            # writes data/demo and data/demo_truth
    .venv/bin/python -m data.generate --out DIR  # writes DIR/demo and DIR/demo_truth

The output depends only on :data:`SEED` (``numpy.random.default_rng``); no wall clock.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import numpy as np

from data import vocab as V
from data.activity import build_activities
from data.events import build_opportunities
from data.export_leads import (
    BOWNOW_HEADER,
    BOWNOW_TITLE,
    HUBSPOT_HEADER,
    activity_stats,
    bownow_rows,
    hubspot_rows,
)
from data.export_other import (
    activity_rows,
    opportunity_rows,
    select_target_accounts,
    write_accounts_xlsx,
    write_csv,
    write_dicts,
)
from data.funnel import run_funnel
from data.people import build_people
from data.world import build_accounts

SEED = 20260930
DATA_DIR = Path(__file__).resolve().parent
BOWNOW_FILE = "bownow_leads.csv"
HUBSPOT_FILE = "hubspot_contacts.csv"
ACTIVITY_FILE = "activities.csv"
SF_FILE = "salesforce_opportunities.csv"
XLSX_FILE = "accounts.xlsx"


def generate(out: Path = DATA_DIR, seed: int = SEED) -> dict[str, float]:
    """Build the world and write every demo file.

    Parameters
    ----------
    out : pathlib.Path
        Parent folder; files go to ``out/demo`` and ``out/demo_truth``.
    seed : int
        Seed for ``numpy.random.default_rng``.

    Returns
    -------
    dict
        Summary: row counts per file and funnel rates (also printed by ``main``).
    """
    rng = np.random.default_rng(seed)
    accounts = build_accounts(rng)
    people = build_people(rng, accounts)
    run_funnel(rng, people, accounts)
    opps = build_opportunities(rng, people, accounts)
    activities = build_activities(rng, people)
    stats = activity_stats(rng, activities)
    bn_rows, bn_truth = bownow_rows(rng, people, accounts, stats)
    hs_rows, hs_truth = hubspot_rows(rng, people, accounts, stats)
    sf_rows = opportunity_rows(rng, opps, accounts)
    selection = select_target_accounts(rng, accounts)

    demo, truth = out / "demo", out / "demo_truth"
    demo.mkdir(parents=True, exist_ok=True)
    truth.mkdir(parents=True, exist_ok=True)
    write_csv(demo / BOWNOW_FILE, [*BOWNOW_TITLE, BOWNOW_HEADER, *bn_rows], encoding="cp932",
              quote_all=True)  # fmt: skip
    write_csv(demo / HUBSPOT_FILE, [HUBSPOT_HEADER, *hs_rows], encoding="utf-8", newline="\n")
    write_csv(demo / ACTIVITY_FILE, activity_rows(activities), encoding="utf-8", bom=True)
    write_csv(demo / SF_FILE, sf_rows, encoding="cp932", quote_all=True)
    write_accounts_xlsx(demo / XLSX_FILE, selection, accounts)

    first_line = len(BOWNOW_TITLE) + 2
    records = [{"file": BOWNOW_FILE, "line": first_line + i, "row_index": i, **t}
               for i, t in enumerate(bn_truth)]  # fmt: skip
    records += [{"file": HUBSPOT_FILE, "line": 2 + i, "row_index": i, **t}
                for i, t in enumerate(hs_truth)]  # fmt: skip
    write_dicts(truth / "leads_truth.csv", records)
    xlsx_row = {s["company_id"]: i + 2 for i, s in enumerate(selection)}
    write_dicts(truth / "accounts_truth.csv", [
        {"company_id": a.company_id, "segment": a.segment, "official_name": a.official,
         "core_name": a.core, "english_name": a.en_name, "domain": a.domain,
         "corporate_number": a.corp_no, "prefecture": a.prefecture, "industry": a.industry,
         "employees": a.employees, "revenue_m": a.revenue_m, "is_customer": int(a.is_customer),
         "xlsx_row": xlsx_row.get(a.company_id, "")}
        for a in accounts
    ])  # fmt: skip
    write_dicts(truth / "opportunities_truth.csv", [
        {"opp_id": o.opp_id, "company_id": o.company_id, "person_id": o.person_id, "kind": o.kind}
        for o in opps
    ])  # fmt: skip
    write_workspace(out / "demo_settings.json", accounts)
    return _summary(people, accounts, opps, activities, bn_rows, hs_rows, selection)


def write_workspace(path: Path, accounts: list) -> None:
    """Write the demo's workspace settings: the competitor and partner lists.

    A consultant enters these once per client; the demo ships them so the
    cleaning page shows competitors and partners excluded with their reason.
    """
    import json

    def names(segment: str) -> list[str]:
        return sorted(a.official for a in accounts if a.segment == segment)

    def domains(segment: str) -> list[str]:
        return sorted(a.domain for a in accounts if a.segment == segment)

    rules = {
        "competitor_names": names("competitor"),
        "competitor_domains": domains("competitor"),
        "partner_names": names("partner"),
        "partner_domains": domains("partner"),
    }
    doc = {"format": "mori-workspace", "version": 1, "sections": {"exclusion_rules": rules}}
    text = json.dumps(doc, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    path.write_text(text, encoding="utf-8")


def _summary(people, accounts, opps, activities, bn_rows, hs_rows, selection) -> dict[str, float]:
    live = [p for p in people if not p.is_test]
    n = {s: sum(s in p.stages for p in live) for s in ("mql", "sal", "sql", "opp", "won", "lost")}
    return {
        "accounts": len(accounts),
        "customers": sum(a.is_customer for a in accounts),
        "bownow_rows": len(bn_rows),
        "hubspot_rows": len(hs_rows),
        "activities": len(activities),
        "opportunities": len(opps),
        "accounts_xlsx_rows": len(selection),
        "inquiry_to_mql": n["mql"] / len(live),
        "mql_to_sal": n["sal"] / n["mql"],
        "sal_to_sql": n["sql"] / n["sal"],
        "sql_to_opp": n["opp"] / n["sql"],
        "win_rate": n["won"] / max(n["won"] + n["lost"], 1),
    }


def main(argv: list[str] | None = None) -> None:
    """Command-line entry point: generate and print a short summary."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=DATA_DIR, help="parent output folder")
    parser.add_argument("--seed", type=int, default=SEED)
    args = parser.parse_args(argv)
    summary = generate(args.out, args.seed)
    print(f"demo data as of {V.REF:%Y-%m-%d} (seed {args.seed}) -> {args.out}")
    for key, value in summary.items():
        print(f"  {key:<20} {value:.1%}" if isinstance(value, float) else f"  {key:<20} {value}")


if __name__ == "__main__":
    main()
