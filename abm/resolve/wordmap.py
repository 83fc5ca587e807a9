"""Words of company names in Japanese and in English, kept as data (cleanco style).

A company called ``楽天銀行`` in Japanese is ``Rakuten Bank`` in English and
``Rakuten Ginko`` in romaji. To compare names across scripts, every name is
reduced to *concept tokens*: a word listed here becomes its concept (the
first English form), whatever the script it was written in, and the rest of
the name is romanised (:mod:`abm.resolve.namekeys`).

Each entry of :data:`WORDS` is ``(Japanese forms, reading, English forms)``:

* Japanese forms as they appear in names after the normaliser (NFKC,
  hiragana folded to katakana), longest matched first;
* the reading in katakana, so the romaji spelling (``ginko``, ``ginkou``,
  ``ginkoh``…) is recognised as the word too;
* English forms, lower case; the first is the concept. A form may be several
  words (``electric power``).

An empty concept (:data:`DROP`) means the word says nothing about which
company it is in either language (``コーポレーション`` / ``Corporation`` is a
legal form in English names). These are general business words of Japanese
company names, not a list of particular companies.
"""

from __future__ import annotations

__all__ = [
    "DROP",
    "GENERIC_ALIASES",
    "GENERIC_CONCEPTS",
    "LETTER_NAMES",
    "PLACE_CONCEPTS",
    "STOPWORDS",
    "STRUCTURE_CONCEPTS",
    "WORDS",
]

#: Concept of words that are dropped from the concept key.
DROP = ""

#: ``(Japanese forms, reading, English forms)``: see the module docstring.
WORDS: tuple[tuple[tuple[str, ...], str, tuple[str, ...]], ...] = (
    # legal and group structure
    (
        ("ホールディングス", "ホールディング"),
        "ホールディングス",
        ("holdings", "holding", "hldgs", "hd"),
    ),
    (("グループ",), "グループ", ("group",)),
    (("コーポレーション",), "コーポレーション", (DROP,)),
    (("リミテッド", "インコーポレイテッド", "インコーポレーテッド"), "リミテッド", (DROP,)),
    (("カンパニー",), "カンパニー", (DROP,)),
    # "and" / "of" spelled in katakana say nothing, as in English (STOPWORDS)
    (("アンド",), "アンド", (DROP,)),
    (("オブ",), "オブ", (DROP,)),
    # country and places that English names translate
    (("日本", "ジャパン"), "ニッポン", ("japan", "nippon", "nihon", "jpn")),
    (("東日本",), "ヒガシニッポン", ("east japan", "higashinippon", "higashinihon")),
    (("中日本",), "ナカニッポン", ("central japan", "nakanippon", "nakanihon")),
    (("西日本",), "ニシニッポン", ("west japan", "nishinippon", "nishinihon")),
    (("国際", "インターナショナル"), "コクサイ", ("international", "kokusai", "intl")),
    (("グローバル",), "グローバル", ("global",)),
    (("アジア",), "アジア", ("asia",)),
    (("パシフィック", "太平洋"), "パシフィック", ("pacific",)),
    (("ワールド",), "ワールド", ("world",)),
    # finance
    (("銀行", "バンク"), "ギンコウ", ("bank",)),
    # schools: "The University of Tokyo" / 東京大学 (the "of" order is read like a bank's)
    (("工業大学",), "コウギョウダイガク", ("institute of technology",)),
    (("短期大学",), "タンキダイガク", ("junior college",)),
    (("大学院大学",), "ダイガクインダイガク", ("graduate university",)),
    (("大学", "ユニバーシティ"), "ダイガク", ("university",)),
    (("信託銀行",), "シンタクギンコウ", ("trust bank", "trust banking")),
    (("信託", "トラスト"), "シンタク", ("trust",)),
    (("証券",), "ショウケン", ("securities",)),
    (("証券金融",), "ショウケンキンユウ", ("securities finance",)),
    (("保険",), "ホケン", ("insurance",)),
    (("保証", "ギャランティ", "ギャランティー"), "ホショウ", ("guarantee", "guarantor")),
    (("生命保険",), "セイメイホケン", ("life insurance",)),
    (("損害保険",), "ソンガイホケン", ("fire and marine insurance", "general insurance")),
    (("フィナンシャル", "ファイナンシャル"), "フィナンシャル", ("financial",)),
    (("ファイナンス",), "ファイナンス", ("finance",)),
    (("金融",), "キンユウ", ("finance", "financial")),
    (("キャピタル",), "キャピタル", ("capital",)),
    (("インベストメント", "インベストメンツ"), "インベストメント", ("investment", "investments")),
    (("アセットマネジメント",), "アセットマネジメント", ("asset management",)),
    (("アセット",), "アセット", ("asset", "assets")),
    (("リース",), "リース", ("leasing", "lease")),
    (("ファンド",), "ファンド", ("fund",)),
    (("不動産",), "フドウサン", ("real estate",)),
    (("リアルティ", "リアルティー"), "リアルティ", ("realty",)),
    (("エステート",), "エステート", ("estate",)),
    (("地所",), "ジショ", ("estate",)),
    (("プロパティ", "プロパティー"), "プロパティ", ("property", "properties")),
    # power, energy, materials
    (("電力",), "デンリョク", ("electric power",)),
    (("電機", "電気", "エレクトリック"), "デンキ", ("electric", "electrical")),
    (("電子", "エレクトロニクス"), "デンシ", ("electronics", "electronic")),
    (("石油",), "セキユ", ("oil", "petroleum")),
    (("ガス", "瓦斯"), "ガス", ("gas",)),
    (("エネルギー", "エナジー"), "エネルギー", ("energy",)),
    (("化学", "ケミカル", "ケミカルズ"), "カガク", ("chemical", "chemicals", "chemistry")),
    (
        ("製薬", "薬品", "ファーマ", "ファーマシューティカル"),
        "セイヤク",
        ("pharmaceutical", "pharma", "pharmaceuticals"),
    ),
    (("製鉄", "製鋼", "製鋼所", "鉄鋼", "スチール"), "セイテツ", ("steel", "steel works")),
    (("鉄工", "鉄工所"), "テッコウ", ("iron works", "ironworks")),
    (("鋼管",), "コウカン", ("steel tube", "steel pipe")),
    (("鋳工", "鋳造"), "チュウゾウ", ("casting", "castings", "foundry")),
    (("油脂",), "ユシ", ("oil fat", "oils fats")),
    (("電線",), "デンセン", ("electric wire cable", "wire cable", "electric wire", "wire")),
    (("マテリアル", "マテリアルズ"), "マテリアル", ("material", "materials")),
    (("製紙",), "セイシ", ("paper", "paper mills", "paper mill")),
    (("ガラス", "硝子"), "ガラス", ("glass",)),
    (("セメント",), "セメント", ("cement",)),
    (("ゴム",), "ゴム", ("rubber",)),
    (("繊維",), "センイ", ("textile", "textiles", "fibers")),
    # industry, making things
    (
        ("工業", "工業所", "インダストリー", "インダストリーズ"),
        "コウギョウ",
        ("industries", "industry", "industrial"),
    ),
    (("重工業",), "ジュウコウギョウ", ("heavy industries",)),
    (("産業",), "サンギョウ", ("industries", "industry", "industrial")),
    # "general enterprises" (矢崎総業 is Yazaki Corporation): no English word of its own
    (("総業",), "ソウギョウ", ("sogyo",)),
    (("製作所", "ワークス"), "セイサクショ", ("works", "manufacturing", "mfg")),
    (("製造",), "セイゾウ", ("manufacturing",)),
    (("機械", "マシナリー"), "キカイ", ("machinery", "machine", "machines")),
    (("建機",), "ケンキ", ("construction machinery",)),
    (("自動機",), "ジドウキ", ("automatic machinery",)),
    (("精密",), "セイミツ", ("precision",)),
    (("自動車", "モーター", "モーターズ"), "ジドウシャ", ("motor", "motors", "automobile")),
    (("造船",), "ゾウセン", ("shipbuilding",)),
    (("建設", "コンストラクション"), "ケンセツ", ("construction",)),
    # 電気工事 is Electrical Construction, yet X工事 and X建設 are two names: its own
    # concept, read as construction when generic words are compared (GENERIC_ALIASES)
    (("工事",), "コウジ", ("construction work",)),
    (("工務店",), "コウムテン", ("builders",)),
    (("空調",), "クウチョウ", ("air conditioning",)),
    (("施設",), "シセツ", ("facilities", "facility")),
    (("道路",), "ドウロ", ("road",)),
    (("ビル", "ビルディング", "建物"), "ビル", ("building", "buildings")),
    (("エンジニアリング",), "エンジニアリング", ("engineering",)),
    (("プロダクツ",), "プロダクツ", ("products",)),
    (("テクノロジー", "テクノロジーズ"), "テクノロジー", ("technology", "technologies")),
    (("テクノ",), "テクノ", ("techno",)),
    (("テック",), "テック", ("tech", "tec")),
    (("ラボ", "ラボラトリーズ"), "ラボ", ("lab", "labs", "laboratories", "laboratory")),
    (
        ("研究所", "インスティテュート"),
        "ケンキュウジョ",
        ("laboratory", "laboratories", "research institute", "institute"),
    ),
    (("セミコンダクター",), "セミコンダクター", ("semiconductor",)),
    # trade, transport, services
    (("商事", "トレーディング"), "ショウジ", ("trading",)),
    (("貿易",), "ボウエキ", ("trading",)),
    (("物産",), "ブッサン", ("bussan",)),
    (("商船",), "ショウセン", ("shipping", "kaisha line")),
    (("海運",), "カイウン", ("shipping", "marine")),
    (("海上",), "カイジョウ", ("marine",)),  # after 海運: English "marine" stays shipping
    (("汽船",), "キセン", ("steamship",)),
    (("運輸", "トランスポート"), "ウンユ", ("transport", "transportation")),
    (("物流", "ロジスティクス"), "ブツリュウ", ("logistics",)),
    (("倉庫",), "ソウコ", ("warehouse",)),
    (("鉄道", "電鉄"), "テツドウ", ("railway", "railroad", "railways", "electric railway")),
    (("航空", "エアライン", "エアラインズ"), "コウクウ", ("airlines", "airways", "aviation")),
    (("空港",), "クウコウ", ("airport",)),
    (("高速道路",), "コウソクドウロ", ("expressway",)),
    (("取引所", "エクスチェンジ"), "トリヒキジョ", ("exchange",)),
    (
        ("通信", "コミュニケーションズ", "コミュニケーション"),
        "ツウシン",
        ("communications", "communication"),
    ),
    (("テレコム",), "テレコム", ("telecom",)),
    (("放送",), "ホウソウ", ("broadcasting",)),
    (("テレビ",), "テレビ", ("tv", "television")),
    (("情報", "インフォメーション"), "ジョウホウ", ("information",)),
    (("システム", "システムズ"), "システム", ("system", "systems")),
    (("ソフトウェア", "ソフトウエア"), "ソフトウェア", ("software",)),
    (("ソフト",), "ソフト", ("soft",)),
    (("データ",), "データ", ("data",)),
    (("デジタル",), "デジタル", ("digital",)),
    (("ネットワーク", "ネットワークス"), "ネットワーク", ("network", "networks")),
    (("インターネット",), "インターネット", ("internet",)),
    (("ネット",), "ネット", ("net",)),
    (("モバイル",), "モバイル", ("mobile",)),
    (("セキュリティ", "セキュリティー"), "セキュリティ", ("security",)),
    (("ソリューション", "ソリューションズ"), "ソリューション", ("solution", "solutions")),
    (("サービス", "サービシズ"), "サービス", ("service", "services")),
    (("コンサルティング",), "コンサルティング", ("consulting",)),
    (("マネジメント", "マネージメント"), "マネジメント", ("management",)),
    (("マーケティング",), "マーケティング", ("marketing",)),
    (("パートナーズ",), "パートナーズ", ("partners",)),
    (("リクルートメント",), "リクルートメント", ("recruitment",)),
    (("エージェント", "エージェンシー"), "エージェント", ("agent", "agency")),
    (("スタッフ",), "スタッフ", ("staff",)),
    (("ヒューマン",), "ヒューマン", ("human",)),
    (("リソース", "リソーシズ"), "リソース", ("resource", "resources")),
    (("デザイン",), "デザイン", ("design",)),
    (("メディア",), "メディア", ("media",)),
    (("出版",), "シュッパン", ("publishing",)),
    (("印刷",), "インサツ", ("printing",)),
    (("広告",), "コウコク", ("advertising",)),
    (
        ("エンタテインメント", "エンターテインメント", "エンターテイメント"),
        "エンタテインメント",
        ("entertainment",),
    ),
    (("ゲームス", "ゲームズ"), "ゲームス", ("games",)),
    (("スタジオ",), "スタジオ", ("studio", "studios")),
    (("開発", "ディベロップメント"), "カイハツ", ("development",)),
    (("企画", "プランニング"), "キカク", ("planning",)),
    (("クリエイト",), "クリエイト", ("create",)),
    (("クリエイティブ",), "クリエイティブ", ("creative",)),
    (("エンタープライズ", "エンタープライゼズ"), "エンタープライズ", ("enterprise", "enterprises")),
    (("ベンチャーズ",), "ベンチャーズ", ("ventures",)),
    (("アドバイザーズ", "アドバイザリー"), "アドバイザーズ", ("advisors", "advisory")),
    # retail, food, living
    (("百貨店",), "ヒャッカテン", ("department store",)),
    (("ストアー", "ストア", "ストアーズ", "ストアズ"), "ストア", ("store", "stores")),
    (("ショップ",), "ショップ", ("shop",)),
    (("リテイリング",), "リテイリング", ("retailing",)),
    (("食品", "フーズ", "フード"), "ショクヒン", ("foods", "food")),
    (("製菓",), "セイカ", ("confectionery",)),
    # what the maker makes, which English names leave out (タイガー魔法瓶 is Tiger Corporation)
    (("魔法瓶", "マホービン", "マホウビン"), "マホウビン", ("vacuum bottle", "vacuum flask")),
    (("製糖", "精糖"), "セイトウ", ("sugar refining", "sugar")),
    (("乳業",), "ニュウギョウ", ("dairy", "milk industry", "milk industries", "dairy products")),
    (("製粉",), "セイフン", ("flour milling",)),
    (("水産",), "スイサン", ("fisheries", "suisan")),
    (("酒造",), "シュゾウ", ("brewery",)),
    (("ホテル", "ホテルズ"), "ホテル", ("hotel", "hotels")),
    (("リゾート", "リゾーツ"), "リゾート", ("resort", "resorts")),
    (("観光", "トラベル", "ツーリスト"), "カンコウ", ("travel", "tourism", "tourist")),
    (("ゴルフ",), "ゴルフ", ("golf", "golfing")),
    (("ホーム", "ホームズ"), "ホーム", ("home", "homes")),
    (("ハウス",), "ハウス", ("house",)),
    (("住宅",), "ジュウタク", ("housing", "homes")),
    (("ライフ",), "ライフ", ("life",)),
    (("化粧品", "コスメティックス"), "ケショウヒン", ("cosmetics",)),
    (("照明", "ライティング"), "ショウメイ", ("lighting",)),
    (("メディカル",), "メディカル", ("medical",)),
    (("ヘルスケア",), "ヘルスケア", ("healthcare",)),
    (("ケア",), "ケア", ("care",)),
    (("バイオ",), "バイオ", ("bio",)),
    (("病院",), "ビョウイン", ("hospital",)),
    (("教育",), "キョウイク", ("education",)),
    (("新聞",), "シンブン", ("newspaper",)),
)

#: Concepts that name a place: part of which company it is, but English puts
#: them anywhere in the name (``LITE-ON JAPAN`` / ``日本ライトン``).
PLACE_CONCEPTS: frozenset[str] = frozenset({"japan", "eastjapan", "westjapan", "centraljapan"})

#: Concepts that say what a company does, not which company it is: a name
#: reduced to these alone is not evidence, and two names may differ in them
#: only when one side does not name any (``USHIO INC.`` / ``ウシオ電機``).
GENERIC_CONCEPTS: frozenset[str] = frozenset(
    c for c in (e[2][0].replace(" ", "") for e in WORDS) if c not in PLACE_CONCEPTS and c != DROP
)

#: Generic concepts that English names use for one another (製作所 is "works", 工業
#: "industries", and ``ASAHI-SEIKI MANUFACTURING`` is 旭精機工業): read as one when a
#: Latin name is compared with a Japanese one.
GENERIC_ALIASES: dict[str, str] = {
    "works": "industries",
    "manufacturing": "industries",  # 製造 (English manufacturing, mfg: 製作所, works)
    "marine": "shipping",  # 海上 (English marine: 海運, shipping)
    "technology": "tech",  # テクノロジー / テック
    "builders": "construction",  # 工務店 / 建設
    "laboratory": "lab",  # 研究所 / Laboratories (ラボ)
    "constructionwork": "construction",  # 工事 / Construction (建設)
}

#: Concepts of holding and group structure: a holding company is a different
#: legal entity from its operating company, so these must agree on both sides. So must a
#: school's: 明治大学 is not ``MEIJI CO., LTD.``.
STRUCTURE_CONCEPTS: frozenset[str] = frozenset(
    {"holdings", "group", "university", "instituteoftechnology", "juniorcollege",
     "graduateuniversity"}
)  # fmt: skip

#: English words that carry no meaning in a company name (``The Bank of Iwate``).
STOPWORDS: frozenset[str] = frozenset({"the", "of", "and"})

#: Latin letters as they are spelled in katakana (``ＮＴＴ`` is ``エヌティーティー``);
#: a katakana run made only of these spells letters (``ジェイエイシー`` → ``jac``).
LETTER_NAMES: dict[str, str] = {
    "エー": "a", "エイ": "a", "ビー": "b", "シー": "c", "ディー": "d", "デー": "d", "ディ": "d",
    "イー": "e", "エフ": "f", "ジー": "g", "エイチ": "h", "エッチ": "h", "アイ": "i",
    "ジェー": "j", "ジェイ": "j", "ケー": "k", "ケイ": "k", "エル": "l", "エム": "m",
    "エヌ": "n", "オー": "o", "ピー": "p", "キュー": "q", "アール": "r", "エス": "s",
    "ティー": "t", "ティ": "t", "テイ": "t", "テー": "t", "ユー": "u", "ブイ": "v", "ヴィ": "v",
    "ダブリュー": "w", "ダブリュ": "w", "エックス": "x", "ワイ": "y", "ゼット": "z", "ゼッド": "z",
}  # fmt: skip
