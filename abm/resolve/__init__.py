"""名寄せ (company matching), person de-duplication and data hygiene (営業対象外).

Public API::

    normalise_company, core_name, email_domain, is_free_mail,
    is_valid_corporate_number                      # pure Series -> Series
    resolve_accounts(leads, *, config, decisions, registry)  # + account_id, account_name, match_rule, match_confidence
    read_registry(bytes), match_registry(leads, registry)  # optional official registry (NTA / EDINET)
    resolve(...) -> Resolution(leads, accounts, review); review_queue(...)
    dedupe_persons(leads), merge_persons(leads)    # email = person; survivorship rule
    apply_exclusions(leads, rules)                 # excluded + exclusion_reason
    clean_leads(leads, *, config, rules, decisions) -> CleanResult(kept, merged, excluded, ...)
"""

from abm.resolve.clean import CleanResult, clean_leads
from abm.resolve.corpnum import is_valid_corporate_number
from abm.resolve.hygiene import REASONS, ExclusionRules, apply_exclusions
from abm.resolve.normalise import core_name, email_domain, is_free_mail, normalise_company
from abm.resolve.persons import SURVIVORSHIP_RULE, dedupe_persons, merge_persons
from abm.resolve.registry import match_registry, read_registry
from abm.resolve.resolve import (
    MATCH_RULES,
    Resolution,
    ResolveConfig,
    resolve,
    resolve_accounts,
    review_queue,
)
from abm.resolve.review import ReviewDecisions

__all__ = [
    "MATCH_RULES",
    "REASONS",
    "SURVIVORSHIP_RULE",
    "CleanResult",
    "ExclusionRules",
    "Resolution",
    "ResolveConfig",
    "ReviewDecisions",
    "apply_exclusions",
    "clean_leads",
    "core_name",
    "dedupe_persons",
    "email_domain",
    "is_free_mail",
    "is_valid_corporate_number",
    "match_registry",
    "merge_persons",
    "normalise_company",
    "read_registry",
    "resolve",
    "resolve_accounts",
    "review_queue",
]
