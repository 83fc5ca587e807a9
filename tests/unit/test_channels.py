"""Lead-source channels: one row per channel whatever language or tool wrote the source."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from abm.core.channels import (
    CHANNEL_WORDS,
    CHANNELS,
    channel_keys,
    channel_lookup,
    channel_of,
    channel_written,
    lead_channels,
)
from abm.core.text import normalise_value
from abm.funnel import MODELS, breakdown, compute_reach, dimension_options, segment_mask
from abm.funnel.display import source_label
from abm.gap.display import source_table
from abm.gap.lenses import marketing_lens
from abm.gap.sources import cost_groups, source_truth_table
from abm.scoring.model import ScoringModel

#: What the tools write → the channel (golden table: HubSpot internal values and its
#: English and Japanese labels, Salesforce's default picklist in both languages, Account
#: Engagement's vendor + type, the words Japanese teams type).
GOLDEN: tuple[tuple[str, str], ...] = (
    # HubSpot Original Source: internal values
    ("ORGANIC_SEARCH", "organic_search"), ("PAID_SEARCH", "paid_search"),
    ("EMAIL_MARKETING", "email_marketing"), ("SOCIAL_MEDIA", "social_organic"),
    ("PAID_SOCIAL", "social_paid"), ("REFERRALS", "web_referral"),
    ("OTHER_CAMPAIGNS", "other_campaigns"), ("DIRECT_TRAFFIC", "direct"),
    ("OFFLINE", "offline"), ("AI_REFERRALS", "ai_referral"),
    # … English labels
    ("Organic Search", "organic_search"), ("Paid Search", "paid_search"),
    ("Email Marketing", "email_marketing"), ("Organic Social", "social_organic"),
    ("Social Media", "social_organic"), ("Paid Social", "social_paid"),
    ("Other Campaigns", "other_campaigns"),
    ("Direct Traffic", "direct"), ("Offline Sources", "offline"),
    ("AI Referrals", "ai_referral"),
    # … Japanese labels (current and older)
    ("オーガニック検索", "organic_search"), ("検索連動広告", "paid_search"),
    ("検索連動型広告", "paid_search"), ("ペイドサーチ", "paid_search"),
    ("Eメールマーケティング", "email_marketing"), ("オーガニックソーシャル", "social_organic"),
    ("ソーシャルメディア", "social_organic"), ("ソーシャル広告", "social_paid"),
    ("参照元", "web_referral"),
    ("他のキャンペーン", "other_campaigns"), ("その他のキャンペーン", "other_campaigns"),
    ("直接トラフィック", "direct"), ("ダイレクトトラフィック", "direct"),
    ("オフラインソース", "offline"),
    # Salesforce default Lead Source, English and Japanese
    ("Web", "website"), ("Phone Inquiry", "inquiry"), ("Partner Referral", "referral"),
    ("Purchased List", "purchased_list"), ("Other", "other"),
    ("電話問い合わせ", "inquiry"), ("パートナー紹介", "referral"),
    ("購入リスト", "purchased_list"), ("その他", "other"),
    # Salesforce's older defaults and the catalogue's English org
    ("Trade Show", "event"), ("Seminar - Internal", "webinar"),
    ("Employee Referral", "referral"), ("Partner", "referral"),
    # Account Engagement: vendor + type
    ("Google Natural Search", "organic_search"), ("Baidu Natural Search", "organic_search"),
    ("Google Paid Search", "paid_search"), ("Google Ad", "paid_search"),
    ("Google Ads", "paid_search"), ("Bing Paid Search", "paid_search"),
    ("Yahoo! Natural Search", "organic_search"), ("Naver Paid Search", "paid_search"),
    ("LinkedIn", "social_organic"),
    # what Japanese B2B teams type (Marketo, BowNow, SATORI, CRM picklists)
    ("展示会", "event"), ("イベント", "event"), ("セミナー", "webinar"),
    ("ウェビナー", "webinar"), ("資料請求", "content"), ("お問い合わせ", "inquiry"),
    ("問い合わせ", "inquiry"), ("名刺交換", "business_card"), ("紹介", "referral"),
    ("リスティング広告", "paid_search"), ("自然検索", "organic_search"), ("メルマガ", "email_marketing"),
    ("広告", "advertising"), ("SNS広告", "social_paid"), ("テレアポ", "sales_outreach"),
    ("ダイレクトメール", "direct_mail"),
    # a person's introduction, in Japanese sales teams' words
    ("リファーラル", "referral"), ("紹介", "referral"),
    # a form submission is an inquiry; Salesforce's bare Web is the website
    ("Web-to-Lead", "inquiry"), ("Webフォーム", "inquiry"), ("Web Form", "inquiry"),
    ("Web問い合わせ", "inquiry"), ("お問い合わせフォーム", "inquiry"),
    # explicit e-mail marketing words
    ("メール配信", "email_marketing"), ("Newsletter", "email_marketing"),
    ("メールマガジン", "email_marketing"),
    # plurals
    ("Webinars", "webinar"), ("Events", "event"), ("Trade Shows", "event"),
    ("Seminars", "webinar"), ("Inquiries", "inquiry"), ("Partners", "referral"),
    ("Ads", "advertising"), ("Purchased Lists", "purchased_list"),
    # a CRM opportunity picklist's 既存顧客 / 電話 (QA-R): the customer already won, a call
    # whose direction the value does not say; a customer's introduction stays a referral,
    # a call the value says is outbound or inbound keeps its direction
    ("既存顧客", "existing_customer"), ("既存客", "existing_customer"),
    ("既存取引先", "existing_customer"), ("アップセル", "existing_customer"),
    ("クロスセル", "existing_customer"), ("Existing Customer", "existing_customer"),
    ("Existing Business", "existing_customer"), ("Upsell", "existing_customer"),
    ("Cross-sell", "existing_customer"), ("既存顧客紹介", "referral"),
    ("Customer Referral", "referral"),
    ("電話", "phone"), ("Phone", "phone"), ("Telephone", "phone"), ("TEL", "phone"),
    ("電話問い合わせ", "inquiry"), ("電話問合せ", "inquiry"), ("Inbound Call", "inquiry"),
    ("架電", "sales_outreach"), ("電話営業", "sales_outreach"), ("Cold Call", "sales_outreach"),
)  # fmt: skip

#: Words shown as written: they mean different channels to different tools and teams, or
#: name no channel (Non-Paid Search is not paid search).
AS_WRITTEN: tuple[str, ...] = (
    "Referrals", "referrals", "Email", "E-mail", "Eメール", "メール", "Emails",
    "Non-Paid Search", "Unpaid Search", "Non Natural Search", "My Paid Search",
)  # fmt: skip


@pytest.mark.parametrize(("written", "channel"), GOLDEN)
def test_golden_words(written, channel):
    assert channel_of(written) == channel


@pytest.mark.parametrize("written", AS_WRITTEN)
def test_ambiguous_or_unknown_words_stay_as_written(written):
    assert channel_of(written) is None
    assert channel_keys(pd.Series([written])).iloc[0] == written


def test_a_value_as_written_never_reads_as_a_channel():
    """``Referrals`` shown as written is marked, not labelled like a channel; a value that
    reads like no label is shown plainly."""
    assert source_label("Inquiries", "en") == "Inquiries (as written)"
    assert source_label("お問い合わせ", "ja") == "お問い合わせ（記載のまま）"
    assert source_label("inquiries", "ja") == "inquiries（記載のまま）"
    assert source_label("Referrals", "en") == "Referrals"
    assert source_label("inquiry", "en") == "Inquiries"
    labels = {source_label(c, lang) for c in CHANNELS for lang in ("ja", "en")}
    for word in (*AS_WRITTEN, "Inquiries", "Email marketing", "Other"):
        if channel_of(word) is None:
            assert source_label(word, "en") not in labels
            assert source_label(word, "ja") not in labels


@pytest.mark.parametrize(
    "spelling",
    ["organic search", "ORGANIC-SEARCH", " Organic_Search ", "ＯＲＧＡＮＩＣ　ＳＥＡＲＣＨ",
     "organicsearch", "Organic  Search"],
)  # fmt: skip
def test_spellings_fold_case_width_spaces_underscores_hyphens(spelling):
    assert channel_of(spelling) == "organic_search"


def test_every_channel_has_its_own_key_among_its_words_and_no_word_twice():
    """A channel's key read back is the channel (a group is never mistaken for a source
    as written), and a word names one channel only."""
    assert set(CHANNEL_WORDS) == set(CHANNELS)
    seen: dict[str, str] = {}
    for channel, words in CHANNEL_WORDS.items():
        assert channel_of(channel) == channel
        for word in words:
            assert seen.setdefault(normalise_value(word), channel) == channel, word


def test_unknown_values_pass_through_as_written_trimmed_nfkc():
    values = pd.Series(["  展示会２０２４春 ", "Ｐａｒｔｎｅｒ Day", None, "  ", "Webinar"])
    got = channel_keys(values)
    assert got.tolist()[:2] == ["展示会2024春", "Partner Day"]  # not "other", not dropped
    assert got.isna().tolist() == [False, False, True, True, False]
    assert got.iloc[4] == "webinar"
    assert got.dtype == "string" and got.index.equals(values.index)


def test_keys_are_looked_up_once_per_distinct_value(monkeypatch):
    import abm.core.channels as ch

    calls: list[str] = []
    real = ch.channel_of
    monkeypatch.setattr(ch, "channel_of", lambda v: calls.append(v) or real(v))
    values = pd.Series(["自然検索", "Organic Search", "展示会X"] * 10_000, dtype="string")
    got = ch.channel_keys(values)
    assert len(calls) == 3
    assert got.value_counts().to_dict() == {"organic_search": 20_000, "展示会X": 10_000}


def test_lookup_table_for_the_engine():
    table = channel_lookup(pd.Series(["Web", "Web", "展示会2024", None]))
    assert table.to_dict("list") == {"source": ["Web", "展示会2024"],
                                     "channel": ["website", "展示会2024"]}  # fmt: skip


def test_written_lists_the_spellings_of_each_channel():
    values = pd.Series(["自然検索"] * 3 + ["Organic Search"] * 2 + ["ORGANIC_SEARCH", "X社"])
    assert channel_written(values) == {
        "organic_search": ["自然検索", "Organic Search", "ORGANIC_SEARCH"]
    }


def test_labels_in_both_languages_and_sources_as_written():
    assert source_label("organic_search", "ja") == "自然検索"
    assert source_label("organic_search", "en") == "Organic search"
    assert source_label("展示会2024", "en") == "展示会2024"


# -- the Gap page and the funnel: one row per channel ---------------------------------------

AS_OF = pd.Timestamp("2025-06-30")


def _mixed_leads() -> pd.DataFrame:
    """A HubSpot export in English, one in Japanese, a Salesforce one and a typed source."""
    sources = [
        "Organic Search", "自然検索", "オーガニック検索", "ORGANIC_SEARCH",  # one channel
        "Trade Show", "展示会", " 展示会 ",  # another
        "展示会2024春", "展示会2024春",  # a client's own word: as written
        None,
    ]  # fmt: skip
    n = len(sources)
    return pd.DataFrame(
        {
            "lead_id": pd.array([f"L{i}" for i in range(n)], dtype="string"),
            "lead_source": pd.array(sources, dtype="string"),
            "created_at": pd.to_datetime(["2025-03-01"] * n),
            "current_stage": pd.array(["MQL", "SAL"] * (n // 2), dtype="string"),
            "mql_at": pd.to_datetime(["2025-03-02"] * n),
        }
    )


def test_gap_source_table_has_one_row_per_channel():
    leads = _mixed_leads()
    reach = compute_reach(leads, MODELS["classic"], as_of=AS_OF)
    table = source_truth_table(leads, reach)
    assert table["leads"].to_dict() == {
        "organic_search": 4, "event": 3, "展示会2024春": 2, "(unknown)": 1
    }  # fmt: skip
    shown = source_table(table, "ja")
    assert list(shown.index) == ["自然検索", "展示会・イベント", "展示会2024春", "（不明）"]
    assert list(source_table(table, "en").index)[:2] == ["Organic search", "Trade shows & events"]


def test_gap_volume_has_one_column_per_channel():
    leads = _mixed_leads()
    reach = compute_reach(leads, MODELS["classic"], as_of=AS_OF)
    scores = pd.DataFrame({"engagement_score": np.zeros(len(leads))})
    lens = marketing_lens(leads, reach, scores, ScoringModel())
    assert lens.volume.loc["2025-03"].to_dict() == {
        "(unknown)": 1, "event": 3, "organic_search": 4, "展示会2024春": 2
    }  # fmt: skip


def test_opportunity_sources_join_the_leads_channels():
    """An opportunity's own source (the CRM's Japanese UI) and its lead's (the MA tool's
    English) land in one row."""
    leads = _mixed_leads()
    reach = compute_reach(leads, MODELS["classic"], as_of=AS_OF)
    opps = pd.DataFrame(
        {
            "opportunity_id": pd.array(["O1", "O2"], dtype="string"),
            "lead_id": pd.array(["L0", "L1"], dtype="string"),
            "lead_source": pd.array(["自然検索", None], dtype="string"),
            "stage": pd.array(["受注", "提案"], dtype="string"),
            "amount": [100.0, 50.0],
            "created_at": pd.to_datetime(["2025-04-01", "2025-04-01"]),
            "close_date": pd.to_datetime(["2025-05-01", "2025-09-01"]),
            "is_won": [True, False],
            "is_closed": [True, False],
        }
    )
    table = source_truth_table(leads, reach, opps)
    assert table.loc["organic_search", "opportunities"] == 2
    assert table.index.tolist().count("organic_search") == 1


def test_costs_entered_per_spelling_add_up_per_channel():
    costs = {"展示会": 100.0, "Trade Show": 50.0, "event": 25.0, "展示会2024春": 10.0}
    assert cost_groups(costs, "lead_source") == {"event": 175.0, "展示会2024春": 10.0}
    assert cost_groups(costs, "campaign") == costs  # campaign names are free text


def test_funnel_breakdown_filter_and_segment_by_channel():
    leads = _mixed_leads()
    reach = compute_reach(leads, MODELS["classic"], as_of=AS_OF)
    bd = breakdown(reach, leads, "lead_source")
    first = MODELS["classic"].keys[0]
    assert bd[first].to_dict() == {
        "organic_search": 4, "event": 3, "展示会2024春": 2, "(unknown)": 1
    }  # fmt: skip
    assert dimension_options(leads, "lead_source") == sorted(
        ["organic_search", "event", "展示会2024春", "(unknown)"]
    )
    mask = segment_mask(leads, (("lead_source", ("event",)),))
    assert mask.tolist() == [False] * 4 + [True] * 3 + [False] * 3


def test_campaigns_are_not_grouped():
    leads = _mixed_leads().assign(campaign=pd.array(["Web", "Webサイト"] * 5, dtype="string"))
    reach = compute_reach(leads, MODELS["classic"], as_of=AS_OF)
    assert sorted(breakdown(reach, leads, "campaign").index) == ["Web", "Webサイト"]
    assert sorted(source_truth_table(leads, reach, by="campaign").index) == ["Web", "Webサイト"]


def test_stored_filter_choices_read_as_channels():
    """A saved view's raw sources (the export's web, Trade Show) are their channels; an
    option is kept as it is; a value no option matches is counted, not kept."""
    from abm.funnel import restore_choices

    options = ["event", "website", "展示会2024春"]
    assert restore_choices(["Web", "website", "Trade Show"], options, "lead_source") == (
        ["website", "event"],
        0,
    )
    assert restore_choices(["展示会2024春", "X社"], options, "lead_source") == (["展示会2024春"], 1)
    assert restore_choices(["Web"], ["Web"], "campaign") == (["Web"], 0)
    assert restore_choices(["web"], ["Web"], "campaign") == ([], 1)  # campaigns: as written
    assert restore_choices(None, options, "lead_source") == ([], 0)


def test_a_leads_column_is_read_once_by_every_table_and_rerun(monkeypatch):
    """The Gap page's source table and volume chart and the funnel's breakdown, filter and
    'written as' column read one factorisation of the leads' sources; a column set anew
    is read anew."""
    import abm.core.channels as ch

    calls: list[str] = []
    real = ch._group
    monkeypatch.setattr(ch, "_group", lambda v: calls.append(v) or real(v))
    leads = _mixed_leads()
    reach = compute_reach(leads, MODELS["classic"], as_of=AS_OF)
    scores = pd.DataFrame({"engagement_score": np.zeros(len(leads))})
    for _ in range(2):  # two reruns
        table = source_truth_table(leads, reach)
        lens = marketing_lens(leads, reach, scores, ScoringModel())
        bd = breakdown(reach, leads, "lead_source")
        written = channel_written(leads["lead_source"], rows=np.arange(4))
    assert len(calls) == 8  # the 8 distinct values, once
    assert table["leads"]["event"] == 3 and lens.volume.loc["2025-03", "event"] == 3
    assert bd[MODELS["classic"].keys[0]]["organic_search"] == 4
    assert written == {"organic_search": ["Organic Search", "自然検索", "オーガニック検索",
                                          "ORGANIC_SEARCH"]}  # fmt: skip
    leads["lead_source"] = pd.array(["Web"] * len(leads), dtype="string")
    assert lead_channels(leads["lead_source"]).unique().tolist() == ["website"]
    assert len(calls) == 9


#: A channel word with a bracketed name, or a bracketed prefix before one (QA-O:
#: 展示会（HR EXPO） stayed a raw row while 展示会 was trade shows).
BRACKETED_GOLDEN = [
    ("展示会（HR EXPO）", "event"),
    ("展示会(HR EXPO)", "event"),
    ("展示会（HR EXPO）（東京）", "event"),
    ("【2024秋】展示会", "event"),
    ("[2024] Trade Show", "event"),
    ("ウェビナー【経費精算】", "webinar"),
    ("Webinar (Q3)", "webinar"),
    ("紹介（山田様）", "referral"),
    ("Google Natural Search (JP)", "organic_search"),
    ("REFERRALS (HubSpot)", "web_referral"),
    # no channel word before or after the brackets: as written
    ("展示会（HR EXPO）2024", None),  # text after the brackets
    ("展示会2024春", None),
    ("(株)ミライ商事", None),
    ("【重要】", None),
    ("Referrals (partner)", None),  # an ambiguous word stays ambiguous
    ("メール（紹介）", None),
    ("[展示会] HR EXPO", None),  # the bracket holds the word, not what follows
]


@pytest.mark.parametrize(("written", "channel"), BRACKETED_GOLDEN)
def test_a_channel_word_with_a_bracketed_name_takes_the_channel(written, channel):
    assert channel_of(written) == channel


def test_a_bracketed_spelling_is_listed_as_written_under_its_channel():
    values = pd.Series(["展示会（HR EXPO）", "展示会（HR EXPO）", "展示会", "展示会2024春"])
    assert channel_keys(values).tolist() == ["event", "event", "event", "展示会2024春"]
    assert channel_written(values) == {"event": ["展示会(HR EXPO)", "展示会"]}


def test_a_long_bracketed_cell_is_read_in_linear_time():
    hostile = pd.Series(["展示会" + " " * 50_000 + "(x)", "(" * 50_000, "【" + "a" * 50_000])
    assert channel_keys(hostile).notna().all()


# --- channel keys renamed since costs and filters were saved ------------------------------


def test_renamed_channels_golden_table():
    """Old key → today's (golden): each old key is no channel now, each new one is."""
    from abm.core.channels import RENAMED_CHANNELS

    assert RENAMED_CHANNELS == {"email": "email_marketing"}
    for old, new in RENAMED_CHANNELS.items():
        assert old not in CHANNELS and new in CHANNELS


def test_a_cost_saved_under_the_old_email_key_is_the_email_marketing_channels():
    """A cost saved as ``email`` (the channel's key before 2026-12-07) is e-mail marketing's,
    unless the data writes a lead source exactly ``email`` (shown as written now): then that
    row's. A cost saved under the new key wins over the old key's."""
    from abm.gap.sources import read_costs

    saved = {"lead_source": {"email": 500.0, "event": 10.0}, "campaign": {"email": 3.0}}
    sources = ["Email Marketing", "メルマガ", "展示会"]
    got = read_costs(saved, sources=sources)
    assert got["lead_source"] == {"email_marketing": 500.0, "event": 10.0}
    assert got["campaign"] == {"email": 3.0}  # campaign names are free text
    assert cost_groups(got["lead_source"], "lead_source")["email_marketing"] == 500.0
    # the data writes a bare "email": the literal row's cost (the value is its own group)
    literal = read_costs(saved, sources=["email", "メルマガ"])
    assert literal["lead_source"] == {"email": 500.0, "event": 10.0}
    assert channel_keys(pd.Series(["email"], dtype="string")).tolist() == ["email"]
    # an old flat file's costs too; a cost under the new key is kept over the old
    flat = read_costs({"email": 5.0, "email_marketing": 7.0}, campaigns=[], sources=sources)
    assert flat["lead_source"] == {"email_marketing": 7.0}
    # and it reaches the source table's e-mail marketing row
    leads = pd.DataFrame({
        "lead_id": pd.array(["L1", "L2", "L3"], dtype="string"),
        "lead_source": pd.array(["Email Marketing", "メルマガ", "展示会"], dtype="string"),
        "lead_status": pd.array(["new"] * 3, dtype="string"),
        "created_at": pd.to_datetime(["2025-04-01"] * 3),
    })  # fmt: skip
    reach = compute_reach(leads, MODELS["classic"], as_of=AS_OF)
    table = source_truth_table(leads, reach, costs=got["lead_source"])
    assert table.loc["email_marketing", "cost_per_lead"] == 250.0


def test_a_filter_saved_under_the_old_email_key_reads_as_email_marketing():
    from abm.funnel import restore_choices

    options = ["email_marketing", "event"]
    assert restore_choices(["email", "event"], options, "lead_source") == (
        ["email_marketing", "event"],
        0,
    )
    # the data writes a bare "email" (an option as written): the literal value is kept
    literal = ["email", "email_marketing", "event"]
    assert restore_choices(["email"], literal, "lead_source") == (["email"], 0)
    # neither in the data: counted as lost, as any stored value no option matches
    assert restore_choices(["email"], ["event"], "lead_source") == ([], 1)
    assert restore_choices(["email"], ["email_marketing"], "campaign") == ([], 1)


def test_an_opportunity_picklist_s_customer_and_phone_sources_read_in_english():
    # QA-R: the English report showed 既存顧客 and 電話 as written
    assert source_label(channel_of("既存顧客"), "en") == "Existing customers (upsell, cross-sell)"
    assert source_label(channel_of("既存顧客"), "ja") == "既存顧客（アップセル・クロスセル）"
    assert source_label(channel_of("電話"), "en") == "Phone"
    assert source_label(channel_of("電話"), "ja") == "電話"
