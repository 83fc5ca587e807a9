"""Translation keys of values chosen at run time, written out literally.

A page that labels a value (a tier, a role, a stage, an issue code…) looks
its key up here — ``t(TIER[k], lang)`` — instead of building it
(``t(f"accounts.tier.{k}")``): every key stays a literal that
``tests/unit/test_i18n.py`` finds in the catalog, and the same test checks
each table covers its vocabulary (every tier in ``abm.accounts.TIERS`` has
a key here). A value missing from a table raises ``KeyError`` at once
instead of showing a raw key.
"""

from __future__ import annotations

__all__ = [
    "ACCOUNT_STAGE", "ACTION", "ACTION_HELP", "AXIS", "BENCH_POSITION", "CAPACITY_STATUS",
    "CATEGORY", "CHANGE", "CHANNEL",
    "CLEANING_TAB", "CUSTOMER_FILTER", "DETOUR", "DIMENSION", "DOWNLOAD", "EMPTY_CAUSE",
    "EMPTY_NOTE", "ENCODING",
    "ENGAGEMENT_METHOD", "EXCLUSION_REASON", "EXPORT_PRESET", "FIELD", "FIT_BAND", "FIT_INDICATOR",
    "FIT_NEXT", "FIT_SEEN", "FIT_STATUS", "FIT_VERDICT", "FUNNEL_DIM", "FUNNEL_KPI", "FUNNEL_MODEL",
    "FUNNEL_SECTION", "FUNNEL_VIEW", "GAP_FREQ", "GAP_METRIC", "HISTORY_COMPONENT",
    "HISTORY_DIRECTION", "IMPLAUSIBLE",
    "KEY_SOURCE", "LEAK", "LEFT_OUT_CHECK", "LEFT_OUT_COLUMN", "MATCH_RULE", "MERGED_BY", "NAV", "OUTCOME", "PROGRESS_STEP", "QUADRANT",
    "QUADRANT_VIEW", "RECORDS_MODE", "REGISTRY_MATCH", "REVIEW_REASON", "ROLE", "RULE_FIELD", "SCHEMA_CHECK",
    "SCORING_COLUMN", "SOURCE_COLUMN", "SOURCE_KIND", "TABLE", "TIER", "TIER_CAPACITY", "TIER_CUT", "TIER_REASON",
    "TIER_SHORT", "TIER_WEIGHT", "UNPARSEABLE", "VENDOR", "WORKSPACE_ACTION", "ZIP_BOMB",
]  # fmt: skip


def _keys(prefix: str, *keys: str, suffix: str = "") -> dict[str, str]:
    """``{value: key}`` for literal ``keys`` of the form ``prefix + value + suffix``."""
    for key in keys:
        if not (key.startswith(prefix) and key.endswith(suffix)):
            raise ValueError(f"{key!r} is not {prefix!r} + value + {suffix!r}")
    return {key[len(prefix) : len(key) - len(suffix)]: key for key in keys}


# ---------------------------------------------------------------- shell / data
TABLE = _keys("table.", "table.leads", "table.activities", "table.opportunities", "table.accounts")
#: Data page: where the data comes from (abm.engine.sources.SOURCE_KINDS, or an upload).
SOURCE_KIND = _keys(
    "engine.source.kind.", "engine.source.kind.upload", "engine.source.kind.folder",
    "engine.source.kind.duckdb", "engine.source.kind.warehouse",
)  # fmt: skip
NAV = _keys(
    "nav.", "nav.home", "nav.data", "nav.cleaning", "nav.funnel", "nav.gap", "nav.scoring",
    "nav.accounts", "nav.abm_fit", "nav.account", "nav.workspace",
)  # fmt: skip
#: Workspace audit list: each action (abm.workspace.store.ACTIONS).
WORKSPACE_ACTION = _keys(
    "workspace.audit.", "workspace.audit.workspace.created", "workspace.audit.workspace.renamed",
    "workspace.audit.snapshot.saved", "workspace.audit.snapshot.replaced",
    "workspace.audit.snapshot.deleted", "workspace.audit.settings.changed",
    "workspace.audit.data.exported", "workspace.audit.view.shared",
    "workspace.audit.member.added", "workspace.audit.member.removed",
)  # fmt: skip
#: Since last meeting: how an account's tier moved, and the score components.
HISTORY_DIRECTION = _keys(
    "workspace.history.dir.", "workspace.history.dir.up", "workspace.history.dir.down",
    "workspace.history.dir.new", "workspace.history.dir.gone",
)  # fmt: skip
HISTORY_COMPONENT = _keys(
    "workspace.history.component.", "workspace.history.component.score_fit",
    "workspace.history.component.score_engagement", "workspace.history.component.score_coverage",
    "workspace.history.component.score_pipeline",
)  # fmt: skip
PROGRESS_STEP = _keys(
    "progress.", "progress.read", "progress.persons", "progress.exclusions",
    "progress.match_keys", "progress.match_names", "progress.link", "progress.table",
)  # fmt: skip
SCHEMA_CHECK = _keys(
    "schema.check.", "schema.check.missing_required", "schema.check.missing_one_of",
    "schema.check.dtype", "schema.check.duplicate", "schema.check.below_min",
    "schema.check.unknown_column", "schema.check.all_missing", "schema.check.missing_values",
)  # fmt: skip

#: Canonical columns (and what cleaning adds) by their readers' names (abm/i18n/fields.py).
FIELD = _keys(
    "field.",
    "field.lead_id", "field.email", "field.full_name", "field.last_name", "field.first_name",
    "field.company", "field.account_id", "field.converted_contact_id", "field.department",
    "field.title", "field.buying_role", "field.is_primary", "field.phone", "field.industry", "field.employees", "field.employees_band",
    "field.annual_revenue", "field.annual_revenue_band", "field.country", "field.prefecture",
    "field.postal_code", "field.address", "field.lead_source", "field.campaign", "field.created_at",
    "field.current_stage", "field.lead_status", "field.inquiry_at", "field.aql_at",
    "field.mal_at", "field.mql_at", "field.sal_at", "field.sql_at", "field.opportunity_at",
    "field.won_at", "field.lost_at", "field.recycled_at", "field.disqualified_at",
    "field.last_activity_at", "field.owner", "field.rejection_reason", "field.score",
    "field.grade", "field.page_views", "field.web_visits", "field.conversions", "field.budget",
    "field.unsubscribed", "field.bounced", "field.corporate_number", "field.domain",
    "field.contact_name", "field.timestamp", "field.activity_type", "field.channel",
    "field.url", "field.subject", "field.status", "field.result", "field.origin",
    "field.opportunity_id", "field.opportunity_name", "field.amount", "field.currency", "field.stage",
    "field.probability", "field.close_date", "field.is_won", "field.is_closed",
    "field.opportunity_type", "field.pipeline", "field.is_customer", "field.is_target",
    "field.tier", "field.source_file", "field.source_row", "field.person_id",
    "field.merged_rows", "field.account_name", "field.match_rule", "field.match_confidence",
    "field.corporate_number_valid", "field.resolve_key", "field.link_rule", "field.outcome",
    "field.outcome_source", "field.merged_into", "field.merged_by", "field.exclusion_reason",
    "field.exclusion_reasons", "field.review_reason", "field.leads", "field.names",
    "field.domains", "field.weakest_rule", "field.min_confidence", "field.fit_score",
    "field.engagement_score", "field.registry_corporate_number", "field.registry_name",
    "field.registry_reading", "field.registry_english_name", "field.registry_shared",
    "field.registry_match",
)  # fmt: skip

# ---------------------------------------------------------------------- ingest
#: The tool a file was exported from (abm.ingest.aliases.VENDORS).
VENDOR = _keys(
    "vendor.", "vendor.bownow", "vendor.salesforce", "vendor.hubspot", "vendor.pardot",
    "vendor.marketo", "vendor.satori", "vendor.business_card", "vendor.generic_ja",
    "vendor.generic",
)  # fmt: skip
#: Unparseable / implausible cells by the column's kind (``int``, ``money``…).
UNPARSEABLE = _keys(
    "ingest.issue.unparseable_", "ingest.issue.unparseable_int",
    "ingest.issue.unparseable_float", "ingest.issue.unparseable_money",
    "ingest.issue.unparseable_datetime", "ingest.issue.unparseable_bool",
    "ingest.issue.unparseable_string", "ingest.issue.unparseable_text",
)  # fmt: skip
IMPLAUSIBLE = _keys(
    "ingest.issue.implausible_", "ingest.issue.implausible_int",
    "ingest.issue.implausible_float", "ingest.issue.implausible_money",
)  # fmt: skip
ZIP_BOMB = _keys(
    "ingest.err.zip_bomb_", "ingest.err.zip_bomb_shared_strings", "ingest.err.zip_bomb_sheet",
    "ingest.err.zip_bomb_part", "ingest.err.zip_bomb_other",
)  # fmt: skip

# --------------------------------------------------------------------- resolve
MATCH_RULE = _keys(
    "resolve.rule.", "resolve.rule.manual", "resolve.rule.corporate_number",
    "resolve.rule.email_domain", "resolve.rule.exact_name", "resolve.rule.reading_name",
    "resolve.rule.domain_name", "resolve.rule.fuzzy_name", "resolve.rule.singleton",
    "resolve.rule.crm_account", "resolve.rule.no_company",
)  # fmt: skip
#: How a lead matched the official registry (abm.resolve.registry.MATCH_KINDS).
REGISTRY_MATCH = _keys(
    "resolve.registry.match.", "resolve.registry.match.number", "resolve.registry.match.name",
    "resolve.registry.match.english", "resolve.registry.match.reading",
    "resolve.registry.match.skeleton", "resolve.registry.match.drop",
    "resolve.registry.match.homophone",
)  # fmt: skip
EXCLUSION_REASON = _keys(
    "resolve.reason.", "resolve.reason.test", "resolve.reason.internal",
    "resolve.reason.competitor",
    "resolve.reason.partner", "resolve.reason.customer", "resolve.reason.student",
    "resolve.reason.school", "resolve.reason.free_mail", "resolve.reason.unsubscribed",
    "resolve.reason.bounced",
)  # fmt: skip
REVIEW_REASON = _keys("resolve.hygiene_review.", "resolve.hygiene_review.school_corporation")
MERGED_BY = _keys(
    "resolve.merged_by.", "resolve.merged_by.email", "resolve.merged_by.record_id",
    "resolve.merged_by.converted_lead", "resolve.merged_by.name_company",
)  # fmt: skip
RULE_FIELD = _keys(
    "resolve.rules.", "resolve.rules.own_names", "resolve.rules.own_domains",
    "resolve.rules.competitor_names", "resolve.rules.competitor_domains",
    "resolve.rules.partner_names", "resolve.rules.partner_domains",
    "resolve.rules.customer_names", "resolve.rules.customer_domains",
)  # fmt: skip
DOWNLOAD = _keys(
    "resolve.download.", "resolve.download.kept", "resolve.download.merged",
    "resolve.download.excluded", "resolve.download.accounts",
    "resolve.download.excluded_accounts", "resolve.download.hygiene_review",
)  # fmt: skip
#: Data page: the download of rows read but not loaded (abm.ingest.leftout.LEFT_OUT_CHECKS).
LEFT_OUT_COLUMN = _keys(
    "data.left_out.", "data.left_out.file", "data.left_out.row", "data.left_out.check",
)  # fmt: skip
LEFT_OUT_CHECK = _keys(
    "data.left_out.check.", "data.left_out.check.unreadable_lines", "data.left_out.check.footer_rows", "data.left_out.check.summary_rows",
    "data.left_out.check.planned_tasks", "data.left_out.check.no_response",
    "data.left_out.check.deal_rows_merged", "data.left_out.check.superseded",
    "data.left_out.check.test_deal", "data.left_out.check.contact_roles", "data.left_out.check.deal_not_found",
)  # fmt: skip
CLEANING_TAB = _keys(
    "resolve.tab.", "resolve.tab.rules", "resolve.tab.exclusions", "resolve.tab.review",
    "resolve.tab.accounts", "resolve.tab.downloads",
)  # fmt: skip

# ---------------------------------------------------------------------- funnel
FUNNEL_MODEL = _keys(
    "funnel.model.", "funnel.model.classic", "funnel.model.sd2012", "funnel.model.the_model",
    "funnel.model.the_model_sal_after_sql", "funnel.model.custom",
)  # fmt: skip
FUNNEL_VIEW = _keys("funnel.view.", "funnel.view.leads", "funnel.view.accounts")
FUNNEL_DIM = _keys(
    "funnel.dim.", "funnel.dim.lead_source", "funnel.dim.campaign", "funnel.dim.industry",
    "funnel.dim.size_band", "funnel.dim.owner",
)  # fmt: skip
FUNNEL_KPI = _keys(
    "funnel.kpi.", "funnel.kpi.leads", "funnel.kpi.mql", "funnel.kpi.sal", "funnel.kpi.sql",
    "funnel.kpi.opportunities", "funnel.kpi.won", "funnel.kpi.win_rate",
    "funnel.kpi.pipeline_value",
)  # fmt: skip
ACCOUNT_STAGE = _keys(
    "funnel.account.", "funnel.account.engaged", "funnel.account.mqa",
    "funnel.account.opportunity", "funnel.account.won",
)  # fmt: skip
RECORDS_MODE = _keys(
    "funnel.records.mode.", "funnel.records.mode.reached", "funnel.records.mode.current",
    "funnel.records.mode.dropped",
)  # fmt: skip
DETOUR = _keys(
    "funnel.detour.", "funnel.detour.lost", "funnel.detour.recycled",
    "funnel.detour.disqualified",
)  # fmt: skip
FUNNEL_SECTION = _keys(
    "funnel.section.", "funnel.section.funnel", "funnel.section.bench",
    "funnel.section.cohorts", "funnel.section.velocity", "funnel.section.stalled",
    "funnel.section.breakdown", "funnel.section.records", "funnel.section.period",
    "funnel.section.stage_map", "funnel.section.accounts",
)  # fmt: skip
BENCH_POSITION = _keys(
    "funnel.bench.", "funnel.bench.below", "funnel.bench.within", "funnel.bench.above",
    "funnel.bench.none", "funnel.bench.implied",
)  # fmt: skip
#: Why a stage counts no lead (``abm.funnel.EMPTY_CAUSES``): a short note and the sentence.
EMPTY_NOTE = _keys(
    "funnel.empty.short.", "funnel.empty.short.unmapped", "funnel.empty.short.out_of_order",
    "funnel.empty.short.after_empty",
)  # fmt: skip
EMPTY_CAUSE = _keys(
    "funnel.empty.", "funnel.empty.unmapped", "funnel.empty.out_of_order",
    "funnel.empty.after_empty",
)  # fmt: skip

# ------------------------------------------------------------------------- gap
QUADRANT = _keys(
    "gap.q.", "gap.q.both_hot", "gap.q.marketing_hot", "gap.q.sales_hot", "gap.q.both_cold"
)
QUADRANT_VIEW = _keys("gap.q.view_", "gap.q.view_leads", "gap.q.view_accounts")
#: Lead-source channels (abm.core.channels.CHANNELS).
CHANNEL = _keys(
    "channel.", "channel.organic_search", "channel.paid_search", "channel.advertising",
    "channel.social_organic", "channel.social_paid", "channel.email_marketing",
    "channel.web_referral", "channel.ai_referral", "channel.direct", "channel.website", "channel.inquiry",
    "channel.phone", "channel.content", "channel.webinar", "channel.event", "channel.business_card",
    "channel.referral", "channel.existing_customer", "channel.purchased_list", "channel.sales_outreach",
    "channel.direct_mail", "channel.offline", "channel.other_campaigns", "channel.other",
)  # fmt: skip
#: Group-by dimensions and columns of the source truth table.
SOURCE_COLUMN = _keys(
    "gap.src.", "gap.src.lead_source", "gap.src.campaign", "gap.src.leads", "gap.src.mql",
    "gap.src.sal", "gap.src.sal_rate", "gap.src.opportunities", "gap.src.pipeline",
    "gap.src.won", "gap.src.won_revenue", "gap.src.cost", "gap.src.cost_per_lead",
    "gap.src.cost_per_mql", "gap.src.cost_per_sal", "gap.src.cost_per_opportunity",
    "gap.src.cost_per_won",
)  # fmt: skip
GAP_METRIC = _keys(
    "gap.metric.", "gap.metric.handoff.acceptance_rate", "gap.metric.handoff.never_followed_up",
    "gap.metric.handoff.sla_breach_rate", "gap.metric.handoff.median_days_to_touch",
    "gap.metric.quadrant.sales_hot.leads", "gap.metric.quadrant.marketing_hot.leads",
    "gap.metric.sources.sal_rate", "gap.metric.sales.closable_value",
    "gap.metric.marketing.nurture_pool", "gap.metric.marketing.leads",
    "gap.metric.marketing.engaged",
)  # fmt: skip
GAP_FREQ = _keys("gap.freq.", "gap.freq.W", "gap.freq.M", "gap.freq.Q")

# --------------------------------------------------------------------- scoring
#: Every category of every scoring dimension (industry, seniority, department,
#: region, flags, activity kinds).
CATEGORY = _keys(
    "scoring.cat.",
    "scoring.cat.manufacturing", "scoring.cat.it_software", "scoring.cat.telecom_media",
    "scoring.cat.finance", "scoring.cat.construction_real_estate",
    "scoring.cat.retail_wholesale", "scoring.cat.logistics", "scoring.cat.healthcare",
    "scoring.cat.services", "scoring.cat.energy", "scoring.cat.education",
    "scoring.cat.public", "scoring.cat.other", "scoring.cat.unknown",
    "scoring.cat.executive", "scoring.cat.officer", "scoring.cat.head", "scoring.cat.manager",
    "scoring.cat.section_manager", "scoring.cat.supervisor", "scoring.cat.staff",
    "scoring.cat.student",
    "scoring.cat.management", "scoring.cat.corporate_planning", "scoring.cat.it",
    "scoring.cat.engineering", "scoring.cat.marketing", "scoring.cat.sales",
    "scoring.cat.accounting", "scoring.cat.production", "scoring.cat.procurement",
    "scoring.cat.hr_admin", "scoring.cat.legal",
    "scoring.cat.hokkaido", "scoring.cat.tohoku", "scoring.cat.kanto", "scoring.cat.chubu",
    "scoring.cat.kinki", "scoring.cat.chugoku", "scoring.cat.shikoku",
    "scoring.cat.kyushu_okinawa", "scoring.cat.overseas",
    "scoring.cat.yes", "scoring.cat.no",
    "scoring.cat.page_view", "scoring.cat.pricing_page", "scoring.cat.download",
    "scoring.cat.webinar", "scoring.cat.event", "scoring.cat.business_card",
    "scoring.cat.email_open", "scoring.cat.email_click", "scoring.cat.form",
    "scoring.cat.demo_request", "scoring.cat.careers_page", "scoring.cat.unsubscribe",
    "scoring.cat.call", "scoring.cat.sales_email", "scoring.cat.meeting",
    "scoring.cat.web_meeting", "scoring.cat.visit", "scoring.cat.task",
    "scoring.cat.result_appointment", "scoring.cat.result_connected",
    "scoring.cat.result_no_answer", "scoring.cat.result_refused", "scoring.cat.result_done",
    "scoring.cat.stage_none", "scoring.cat.stage_mql", "scoring.cat.stage_sal",
    "scoring.cat.stage_sql", "scoring.cat.stage_opportunity",
    "scoring.cat.age_none", "scoring.cat.age_lt_30", "scoring.cat.age_30_90",
    "scoring.cat.age_90_180", "scoring.cat.age_ge_180",
)  # fmt: skip
DIMENSION = _keys(
    "scoring.dim.", "scoring.dim.industry", "scoring.dim.employees", "scoring.dim.revenue",
    "scoring.dim.seniority", "scoring.dim.department", "scoring.dim.region",
    "scoring.dim.free_mail", "scoring.dim.competitor", "scoring.dim.activity", "scoring.dim.cap",
    "scoring.dim.deal_stage", "scoring.dim.deal_age", "scoring.dim.prior_win",
)  # fmt: skip
AXIS = _keys("scoring.axis.", "scoring.axis.fit", "scoring.axis.engagement")
OUTCOME = _keys("scoring.outcome.", "scoring.outcome.opportunity", "scoring.outcome.won")
LEAK = _keys(
    "scoring.leak.", "scoring.leak.feature", "scoring.leak.outcome",
    "scoring.leak.after_outcome", "scoring.leak.current_state", "scoring.leak.window_total",
    "scoring.leak.converted", "scoring.leak.not_feature",
)  # fmt: skip
CHANGE = _keys("scoring.change.", "scoring.change.entered", "scoring.change.left")
SCORING_COLUMN = _keys("scoring.col.", "scoring.col.company", "scoring.col.title")
#: Scoring tasks (``abm.scoring.TASKS``), learning-set exclusions, feature
#: families, prediction-time modes and the axes of a lead's breakdown.
TASK = _keys("scoring.task.", "scoring.task.converted", "scoring.task.won_vs_lost")
EXCLUSION = _keys(
    "scoring.excl.", "scoring.excl.no_created", "scoring.excl.undated_outcome",
    "scoring.excl.decided_before", "scoring.excl.too_recent", "scoring.excl.undecided",
    "scoring.excl.before_log",
)  # fmt: skip
FAMILY = _keys(
    "scoring.family.", "scoring.family.fit", "scoring.family.marketing",
    "scoring.family.sales", "scoring.family.opportunity",
)  # fmt: skip
PREDICTION_MODE = _keys("scoring.mode.", "scoring.mode.created", "scoring.mode.monthly")
BREAKDOWN_AXIS = _keys(
    "scoring.axis.", "scoring.axis.fit", "scoring.axis.engagement", "scoring.axis.deal"
)
__all__ += ["BREAKDOWN_AXIS", "EXCLUSION", "FAMILY", "PREDICTION_MODE", "TASK"]

# -------------------------------------------------------------------- accounts
ROLE = _keys(
    "accounts.role.", "accounts.role.decision_maker", "accounts.role.budget_holder",
    "accounts.role.technical_evaluator", "accounts.role.user_department",
    "accounts.role.procurement",
)  # fmt: skip
TIER = _keys(
    "accounts.tier.", "accounts.tier.tier_1", "accounts.tier.tier_2", "accounts.tier.tier_3",
    "accounts.tier.none",
)  # fmt: skip
TIER_SHORT = _keys(
    "accounts.tier_short.", "accounts.tier_short.tier_1", "accounts.tier_short.tier_2",
    "accounts.tier_short.tier_3", "accounts.tier_short.none",
)  # fmt: skip
#: Why (not) an account is in its tier (codes of ``abm.accounts.tiers``).
TIER_REASON = _keys(
    "accounts.reason.", "accounts.reason.score_high", "accounts.reason.fit_high",
    "accounts.reason.engaged", "accounts.reason.coverage_good",
    "accounts.reason.pipeline_open", "accounts.reason.customer", "accounts.reason.score_below",
    "accounts.reason.fit_unknown", "accounts.reason.fit_below",
    "accounts.reason.coverage_below", "accounts.reason.no_engagement",
    "accounts.reason.excluded", "accounts.reason.ranked", "accounts.reason.capacity_full",
)  # fmt: skip
#: Tier capacities by their field in ``abm.accounts.TierRules``.
TIER_CAPACITY = _keys(
    "accounts.page.", "accounts.page.tier1_capacity", "accounts.page.tier2_capacity",
    "accounts.page.tier3_capacity",
)  # fmt: skip
#: Account story: activity groups (``abm.accounts.story.ACTIVITY_GROUPS``), opportunity
#: events and states on the as-of day, and the score-history lines.
STORY_GROUP = _keys(
    "account.group.", "account.group.marketing", "account.group.sales", "account.group.other"
)
STORY_EVENT = _keys(
    "account.event.", "account.event.created", "account.event.won", "account.event.lost"
)
STORY_STATE = _keys(
    "account.state.", "account.state.open", "account.state.won", "account.state.lost"
)
STORY_HISTORY = _keys(
    "account.history.", "account.history.engagement_max", "account.history.engagement_mean"
)
__all__ += ["STORY_EVENT", "STORY_GROUP", "STORY_HISTORY", "STORY_STATE"]
#: A capacity against the ABM-fit advice (``abm.accounts.capacity_status``).
CAPACITY_STATUS = _keys(
    "accounts.capacity.", "accounts.capacity.below", "accounts.capacity.within",
    "accounts.capacity.above",
)  # fmt: skip
ENGAGEMENT_METHOD = _keys(
    "accounts.method.", "accounts.method.sum", "accounts.method.decayed", "accounts.method.breadth"
)
CUSTOMER_FILTER = _keys(
    "accounts.page.customers.", "accounts.page.customers.all",
    "accounts.page.customers.prospects", "accounts.page.customers.customers",
)  # fmt: skip
TIER_WEIGHT = _keys(
    "accounts.page.w_", "accounts.page.w_fit", "accounts.page.w_engagement",
    "accounts.page.w_coverage", "accounts.page.w_pipeline",
)  # fmt: skip
#: Tier thresholds by their field in ``abm.accounts.TierRules``.
TIER_CUT = _keys(
    "accounts.page.", "accounts.page.tier1_score", "accounts.page.tier2_score",
    "accounts.page.tier3_score", "accounts.page.tier1_fit", "accounts.page.tier2_fit",
    "accounts.page.tier1_coverage",
)  # fmt: skip
KEY_SOURCE = _keys(
    "accounts.page.key_", "accounts.page.key_existing", "accounts.page.key_resolved",
    "accounts.page.key_fallback",
)  # fmt: skip
ACTION = _keys(
    "accounts.action.", "accounts.action.whitespace", "accounts.action.engaged_no_sales",
    "accounts.action.stalled_pipeline", "accounts.action.expansion",
)  # fmt: skip
ACTION_HELP = _keys(
    "accounts.action.", "accounts.action.whitespace.help",
    "accounts.action.engaged_no_sales.help", "accounts.action.stalled_pipeline.help",
    "accounts.action.expansion.help", suffix=".help",
)  # fmt: skip
EXPORT_PRESET = _keys(
    "accounts.preset.", "accounts.preset.list", "accounts.preset.mori", "accounts.preset.hubspot",
    "accounts.preset.salesforce",
)  # fmt: skip
ENCODING = _keys("accounts.encoding.", "accounts.encoding.utf-8-sig", "accounts.encoding.cp932")
FIT_INDICATOR = _keys(
    "accounts.fit.ind.", "accounts.fit.ind.large_won_share",
    "accounts.fit.ind.large_pipeline_share", "accounts.fit.ind.median_contacts",
    "accounts.fit.ind.median_departments", "accounts.fit.ind.deal_spread",
    "accounts.fit.ind.small_buyer_share",
)  # fmt: skip
FIT_STATUS = _keys(
    "accounts.fit.status.", "accounts.fit.status.good", "accounts.fit.status.partial",
    "accounts.fit.status.poor", "accounts.fit.status.unknown",
)  # fmt: skip
FIT_BAND = _keys(
    "accounts.fit.band.", "accounts.fit.band.large", "accounts.fit.band.mid",
    "accounts.fit.band.smb", "accounts.fit.band.university", "accounts.fit.band.unknown",
)  # fmt: skip
FIT_VERDICT = _keys(
    "accounts.fit.verdict.", "accounts.fit.verdict.good", "accounts.fit.verdict.partial",
    "accounts.fit.verdict.poor", "accounts.fit.verdict.insufficient",
)  # fmt: skip
#: Next steps by verdict and by indicator.
FIT_NEXT = _keys(
    "accounts.fit.next.", "accounts.fit.next.good", "accounts.fit.next.partial",
    "accounts.fit.next.poor", "accounts.fit.next.insufficient",
    "accounts.fit.next.large_won_share", "accounts.fit.next.large_pipeline_share",
    "accounts.fit.next.median_contacts", "accounts.fit.next.median_departments",
    "accounts.fit.next.deal_spread", "accounts.fit.next.small_buyer_share",
)  # fmt: skip
#: What each weak indicator shows, said instead of its advice when the verdict is poor.
FIT_SEEN = _keys(
    "accounts.fit.seen.", "accounts.fit.seen.large_won_share",
    "accounts.fit.seen.large_pipeline_share", "accounts.fit.seen.median_contacts",
    "accounts.fit.seen.median_departments", "accounts.fit.seen.deal_spread",
    "accounts.fit.seen.small_buyer_share",
)  # fmt: skip
