"""Vocabularies for 名寄せ and hygiene, kept as data (cleanco style).

Everything here is a plain tuple or frozenset of lower-case, NFKC-folded
strings so it can be reviewed, extended and golden-tested without touching an
algorithm. Hiragana in these lists is already folded to katakana where the
normaliser does the same.
"""

from __future__ import annotations

#: Japanese legal forms (full words), longest first so the regex prefers them.
JA_LEGAL_FORMS: tuple[str, ...] = (
    "特定非営利活動法人",
    "地方独立行政法人",
    "国立研究開発法人",
    "一般社団法人",
    "一般財団法人",
    "公益社団法人",
    "公益財団法人",
    "独立行政法人",
    "社会福祉法人",
    "国立大学法人",
    "公立大学法人",
    "有限責任事業組合",
    "社会医療法人",
    "医療法人社団",
    "医療法人財団",
    "株式会社",
    "有限会社",
    "合同会社",
    "合資会社",
    "合名会社",
    "相互会社",
    "学校法人",
    "医療法人",
    "宗教法人",
    "NPO法人",
    "社団法人",
    "財団法人",
)

#: Bracketed abbreviations after NFKC: ``㈱``/``（株）`` become ``(株)`` etc.
JA_LEGAL_ABBREVIATIONS: tuple[str, ...] = (
    "(株)",
    "(有)",
    "(合)",
    "(同)",
    "(資)",
    "(名)",
    "(社)",
    "(財)",
    "(一社)",
    "(一財)",
    "(公社)",
    "(公財)",
    "(学)",
    "(医)",
    "(福)",
    "(宗)",
    "(特非)",
    "(独)",
    "(npo)",
)

#: English legal forms, matched as whole words at either end of the name
#: (after lower-casing; dots and commas are optional in the pattern).
EN_LEGAL_FORMS: tuple[str, ...] = (
    "company limited",
    "companylimited",
    "co ltd",
    "coltd",
    "co limited",
    "kabushiki kaisha",
    "kabushikigaisha",
    "corporation",
    "incorporated",
    "limited",
    "ltd",
    "inc",
    "corp",
    "kk",
    "k k",
    "llc",
    "l l c",
    "gk",
    "g k",
    "plc",
    "gmbh",
    "ag",
    "sa",
    "co",
    "company",
)

#: Holding-company words. They are *kept* and unified to one token: a holding
#: company and its operating company are different legal entities (different
#: 法人番号), so ``Xホールディングス`` must not collapse into ``X``.
HOLDINGS_WORDS: tuple[str, ...] = ("ホールディングス", "holdings", "hldgs", "hd")
HOLDINGS_TOKEN = "ホールディングス"

#: Branch / site words removed with the place name in front of them.
BRANCH_WORDS: tuple[str, ...] = (
    "支店",
    "営業所",
    "支社",
    "本社",
    "本店",
    "事業所",
    "出張所",
    "営業本部",
    "営業部",
    "工場",
    "研究所",
    "オフィス",
)
EN_BRANCH_WORDS: tuple[str, ...] = ("branch", "office", "head office", "headquarters", "hq")

#: Site words that name a part of a company (a site, branch or department) when written
#: after its name: removed with whatever stands before them up to the name (``川崎工場``,
#: ``第二工場``, ``横浜事業所``), but only when that part is set off from the name by a
#: legal form (``東邦繊維株式会社　川崎工場``) or brackets (``山陽精機（工場）``,
#: ``X（東京支店）``). A company's own name may end in one of these (``東京センター株式会社``,
#: ``株式会社野村総合研究所``, ``株式会社ヤクルト本社``): typed without such a separator it stays.
SITE_WORDS: tuple[str, ...] = (
    "工場", "支店", "支社", "営業所", "事業所", "出張所", "事業部", "営業部", "本部", "本社",
    "本店", "研究所", "センター", "オフィス",
)  # fmt: skip
#: Site words that name a site after a mere space too, whatever comes before them
#: (``株式会社東洋鋼材 第二工場``, ``双葉商事 川崎工場``, ``X 産業機器事業部``): no company's
#: own name in the real-names data ends in one with a word in front of it. ``本社``,
#: ``本店``, ``研究所`` and ``センター`` are not here: ``株式会社 放電精密 加工研究所``,
#: ``株式会社フジオフード グループ本社`` are names, spaced.
SITE_WORDS_AFTER_SPACE: tuple[str, ...] = (
    "工場", "支店", "支社", "営業所", "事業所", "出張所", "事業部", "営業部", "本部",
)  # fmt: skip
#: Ordinal prefixes of a site word after a space (``第二工場``, ``第2研究所``).
SITE_ORDINAL = r"第[0-9一二三四五六七八九十]+"

#: Honorifics written after a company's name in a hand-kept sheet (``双葉商事様``,
#: ``X御中``, ``X各位``): removed at the end of the name, before anything else (``さま``
#: in hiragana only: a katakana ``サマ`` ends names).
HONORIFICS: tuple[str, ...] = ("様", "御中", "殿", "さま", "各位")
#: Words that end in an honorific's characters but are words of a name: kept.
HONORIFIC_LOOKALIKES: tuple[str, ...] = (
    "御殿", "宮殿", "神殿", "湯殿", "本殿", "拝殿", "社殿", "殿様", "王様", "神様", "仏様",
    "模様", "仕様", "多様", "同様", "おひさま", "お日様", "おてんとさま",
)  # fmt: skip

#: Place names that commonly precede a branch word without a space.
PLACES: tuple[str, ...] = (
    "北海道", "札幌", "仙台", "東北", "関東", "東京", "首都圏", "横浜", "埼玉", "千葉",
    "大宮", "北関東", "新潟", "静岡", "浜松", "中部", "名古屋", "北陸", "金沢", "関西",
    "近畿", "京都", "大阪", "神戸", "中国", "岡山", "広島", "四国", "高松", "松山",
    "九州", "福岡", "北九州", "熊本", "鹿児島", "沖縄", "那覇", "西日本", "東日本",
    "tokyo", "osaka", "nagoya", "fukuoka", "sapporo", "yokohama", "japan",
)  # fmt: skip

#: Generic business words removed to form the *core* name. Their set (the
#: "generic signature") must agree for a fuzzy merge: 三和電機 ≠ 三和商事.
GENERIC_WORDS: tuple[str, ...] = (
    "ソリューションズ", "ソリューション", "テクノロジーズ", "テクノロジー", "エンジニアリング",
    "コンサルティング", "コーポレーション", "インターナショナル", "コミュニケーションズ",
    "ネットワークス", "ネットワーク", "マーケティング", "システムズ", "システム",
    "サービシズ", "サービス", "ジャパン", "グループ", "デザイン", "ラボ", "テック",
    "エンタープライズ", "パートナーズ",
    "製作所", "研究所", "電機", "電気", "電子", "電工", "工業", "工務店", "商事", "商会",
    "商店", "産業", "物産", "興業", "興産", "技研", "技術", "情報", "通信", "化学", "化成",
    "建設", "建設工業", "運輸", "物流", "倉庫", "不動産", "製薬", "薬品", "食品", "精機",
    "精工", "重工", "開発", "企画", "設計", "印刷", "製作", "製造", "自動車", "機械",
    "機工", "鉄工", "金属", "電設", "設備", "総業", "総研", "交通", "観光", "保険",
    "銀行", "証券", "ホーム", "ハウス", "エナジー",
    "solutions", "solution", "systems", "system", "technologies", "technology", "tech",
    "services", "service", "japan", "group", "international", "consulting",
    "engineering", "industries", "industry", "electric", "electronics", "trading",
    "partners", "labs", "lab", "networks", "network", "software", "global",
)  # fmt: skip

#: Free-mail and consumer ISP domains: never evidence of a company.
FREE_MAIL_DOMAINS: frozenset[str] = frozenset(
    {
        "gmail.com", "googlemail.com", "yahoo.co.jp", "ymail.ne.jp", "yahoo.com",
        "yahoo.ne.jp", "outlook.jp", "outlook.com", "hotmail.co.jp", "hotmail.com",
        "live.jp", "live.com", "msn.com", "icloud.com", "me.com", "mac.com", "aol.com",
        "proton.me", "protonmail.com", "gmx.com", "mail.com", "zoho.com",
        "docomo.ne.jp", "ezweb.ne.jp", "au.com", "softbank.ne.jp", "i.softbank.jp",
        "disney.ne.jp", "willcom.com", "ymobile.ne.jp", "rakuten.jp", "uqmobile.jp",
        "nifty.com", "nifty.ne.jp", "biglobe.ne.jp", "ocn.ne.jp", "so-net.ne.jp",
        "plala.or.jp", "dion.ne.jp", "odn.ne.jp", "jcom.home.ne.jp", "jcom.zaq.ne.jp",
        "zaq.ne.jp", "eonet.ne.jp", "commufa.jp", "bbiq.jp", "tnc.ne.jp", "infoseek.jp",
        "excite.co.jp", "goo.jp", "mail.goo.ne.jp", "livedoor.com", "hi-ho.ne.jp",
        "asahi-net.or.jp", "sannet.ne.jp", "kcn.ne.jp", "ybb.ne.jp", "qq.com",
        "163.com", "naver.com",
    }
)  # fmt: skip

#: Shared hosting / group-portal domains: many unrelated companies use them.
SHARED_DOMAINS: frozenset[str] = frozenset(
    {
        "sakura.ne.jp", "xserver.jp", "lolipop.jp", "heteml.jp", "onamae.com",
        "wixsite.com", "jimdo.com", "coreserver.jp", "kagoya.net",
    }
)  # fmt: skip

#: Second-level labels under a country code that form a registrable suffix.
SECOND_LEVEL: frozenset[str] = frozenset(
    {"co", "ne", "or", "ac", "go", "ed", "lg", "gr", "ad", "com", "net", "org", "edu", "gov"}
)
#: Japanese prefecture/city ("geographic") labels before .jp, e.g. x.tokyo.jp.
GEO_LABELS: frozenset[str] = frozenset({"tokyo", "osaka", "kyoto", "aichi", "kanagawa"})

#: Placeholder / test values (normalised company or email local part).
TEST_NAMES: tuple[str, ...] = (
    "テスト", "テスト会社", "テスト株式会社", "ダミー", "ダミー会社", "サンプル", "サンプル会社",
    "test", "testcompany", "testco", "dummy", "sample", "example", "アアア", "アイウエオ",
    "xxx", "xxxx", "aaa", "aaaa", "hoge", "fuga",
    # keyboard mashes typed to get past a form (QA-P: asdf@asdf.com, company asdf)
    "asdf", "asdfg", "asdfgh", "asdfasdf", "qwerty", "qwer", "zxcv", "zxcvb", "test123",
    "testtest", "aaaaa", "abc123",
)  # fmt: skip
TEST_LOCAL_PREFIXES: tuple[str, ...] = (
    "test", "dummy", "sample", "example", "noreply", "no-reply", "asdf", "qwerty",
)  # fmt: skip
TEST_DOMAINS: frozenset[str] = frozenset(
    {"example.com", "example.co.jp", "example.jp", "example.org", "example.net", "test.com",
     "test.co.jp", "test.jp", "sample.com", "dummy.com", "mailinator.com", "localhost",
     "asdf.com", "qwerty.com"}
)  # fmt: skip
#: Famous placeholder people (first and last name, either order): a test record
#: wherever the address (QA-P: Mickey Mouse at disney.example). 山田太郎 / 山田花子 are
#: real names too: a test only at a test domain (:data:`TEST_DOMAINS`). The top-level
#: domains RFC 2606 reserves (.test, .example) are not read as tests: the suite's
#: fixtures, and documentation copied into a sheet, write real-looking people there.
PLACEHOLDER_PEOPLE: tuple[str, ...] = (
    "Mickey Mouse", "Minnie Mouse", "Donald Duck", "John Doe", "Jane Doe", "名無し権兵衛",
)  # fmt: skip

#: Words around a company's name that name a region or group of that same company
#: (:mod:`abm.resolve.listed`): a company listed by name also matches the name with
#: these after it (``PTC Japan``, ``AVEVA Group``, ``Autodesk Asia Pacific``)…
LISTED_NAME_SUFFIXES: tuple[str, ...] = (
    "Japan", "Nippon", "Nihon", "ジャパン", "日本", "Group", "グループ", "Holdings",
    "ホールディングス", "International", "Intl", "インターナショナル", "Asia", "アジア", "APAC",
    "Asia Pacific", "アジアパシフィック", "Pacific", "パシフィック", "Global", "グローバル",
    "Worldwide", "K.K.",
)  # fmt: skip
#: …or these before it (``日本オラクル`` is Oracle Japan).
LISTED_NAME_PREFIXES: tuple[str, ...] = ("日本",)

#: Individuals: company field says "none" / "individual".
INDIVIDUAL_NAMES: tuple[str, ...] = (
    "個人", "個人事業主", "個人事業", "自営", "自営業", "フリーランス", "フリー", "無職", "主婦",
    "なし", "ナシ", "無し", "特になし", "ナイ", "none", "n/a", "na", "individual",
    "self-employed", "selfemployed", "freelance", "freelancer", "private", "-", "ー", ".",
    # the person themself (QA-P: 'self' on free mail became an account 'self')
    "self", "myself", "personal", "自分", "本人", "自身",
)  # fmt: skip

#: Students and schools: :mod:`abm.resolve.hygiene_vocab` (decided per person).

#: Branch words stripped even without a place or space in front of them.
BRANCH_WORDS_BARE: tuple[str, ...] = ("支店", "営業所", "支社", "本社", "本店", "出張所")

#: Old/variant kanji folded to their common form (not covered by NFKC).
KANJI_VARIANTS: dict[str, str] = {
    "髙": "高",
    "﨑": "崎",
    "德": "徳",
    "濵": "浜",
    "邊": "辺",
    "邉": "辺",
    "會": "会",  # 株式會社: the old form of the legal form too
}
