"""Static word lists for the fictional demo world (no randomness here).

Every company, university and person name is assembled from these parts.
All strings are encodable in CP932 (checked by the generator).
"""

from __future__ import annotations

import datetime as dt

#: Reference date of the demo world ("as of"); every date lies in [START, REF].
REF = dt.date(2026, 9, 30)
START = dt.date(2024, 10, 1)

#: Name prefixes: (kanji, romaji). Generic words; combinations are checked
#: against :data:`FORBIDDEN` so that no well-known real company is produced.
PREFIXES: list[tuple[str, str]] = [
    ("大和", "daiwa"), ("三和", "sanwa"), ("東邦", "toho"), ("北斗", "hokuto"),
    ("光陽", "koyo"), ("日進", "nisshin"), ("新栄", "shinei"), ("共栄", "kyoei"),
    ("明和", "meiwa"), ("若葉", "wakaba"), ("青葉", "aoba"), ("白樺", "shirakaba"),
    ("桜台", "sakuradai"), ("栄和", "eiwa"), ("豊栄", "hoei"), ("正和", "seiwa"),
    ("晴海", "harumi"), ("朝霧", "asagiri"), ("暁", "akatsuki"), ("翠光", "suiko"),
    ("北陵", "hokuryo"), ("南星", "nansei"), ("西海", "saikai"), ("東雲", "shinonome"),
    ("飛鳥", "asuka"), ("白鷺", "shirasagi"), ("青嵐", "seiran"), ("銀河", "ginga"),
    ("天城", "amagi"), ("葵", "aoi"), ("泰平", "taihei"), ("睦", "mutsumi"),
    ("栄進", "eishin"), ("弘進", "koshin"), ("緑川", "midorikawa"), ("雲雀", "hibari"),
    ("立花", "tachibana"), ("湊", "minato"), ("常盤", "tokiwa"), ("岬", "misaki"),
]  # fmt: skip

#: Name suffixes: (kanji, romaji, English word, industry).
SUFFIXES: list[tuple[str, str, str, str]] = [
    ("電機", "denki", "Electric", "製造業"),
    ("工業", "kogyo", "Industries", "製造業"),
    ("精機", "seiki", "Precision", "製造業"),
    ("化学", "kagaku", "Chemical", "製造業"),
    ("製薬", "seiyaku", "Pharmaceutical", "製造業"),
    ("食品", "shokuhin", "Foods", "製造業"),
    ("印刷", "insatsu", "Printing", "製造業"),
    ("商事", "shoji", "Trading", "卸売業・小売業"),
    ("物産", "bussan", "Commerce", "卸売業・小売業"),
    ("システム", "system", "Systems", "情報通信業"),
    ("ソリューションズ", "solutions", "Solutions", "情報通信業"),
    ("ネットワークス", "networks", "Networks", "情報通信業"),
    ("情報サービス", "joho", "Information Services", "情報通信業"),
    ("ITソリューションズ", "it-solutions", "IT Solutions", "情報通信業"),
    ("ICTサービス", "ict", "ICT Services", "情報通信業"),
    ("AIラボ", "ailab", "AI Lab", "情報通信業"),
    ("建設", "kensetsu", "Construction", "建設業"),
    ("エンジニアリング", "engineering", "Engineering", "建設業"),
    ("物流", "butsuryu", "Logistics", "運輸業"),
    ("運輸", "unyu", "Transport", "運輸業"),
    ("リース", "lease", "Lease", "金融業・保険業"),
    ("ファイナンス", "finance", "Finance", "金融業・保険業"),
    ("メディカル", "medical", "Medical", "医療・福祉"),
    ("ケアサービス", "care", "Care Services", "医療・福祉"),
    ("コンサルティング", "consulting", "Consulting", "サービス業"),
    ("ビジネスサービス", "bs", "Business Services", "サービス業"),
    ("不動産", "fudosan", "Real Estate", "不動産業"),
    ("ホールディングス", "hd", "Holdings", ""),
]

#: Substrings that must never appear in a generated company name.
FORBIDDEN = [
    "トヨタ", "ソニー", "日立", "富士通", "東芝", "パナソニック", "三菱", "三井", "住友",
    "大和ハウス", "大和証券", "日清", "キヤノン", "NEC", "楽天", "ソフトバンク",
]  # fmt: skip

#: Universities: (kanji prefix, romaji). 東都 is avoided (a real university).
UNI_PREFIXES: list[tuple[str, str]] = [
    ("北央", "hokuo"), ("南陵", "nanryo"), ("西翔", "seisho"), ("青嶺", "seirei"),
    ("翠嶺", "suirei"), ("晴海", "harumi"), ("朝霧", "asagiri"), ("天城", "amagi"),
    ("白樺", "shirakaba"), ("東雲", "shinonome"), ("飛鳥", "asuka"), ("湊", "minato"),
]  # fmt: skip
#: University kinds: (name pattern, domain pattern).
UNI_KINDS: list[tuple[str, str]] = [
    ("{p}大学", "{r}-u.ac.jp"),
    ("{p}工科大学", "{r}-tech.ac.jp"),
    ("{p}医療大学", "{r}-med.ac.jp"),
    ("学校法人{p}学園", "{r}-gakuen.ac.jp"),
]

#: Competitors (other fictional data-platform vendors): (name, English, domain).
COMPETITORS: list[tuple[str, str, str]] = [
    ("データフォージ株式会社", "DataForge K.K.", "dataforge.co.jp"),
    ("株式会社ルミナデータ", "Lumina Data Inc.", "luminadata.jp"),
    ("ストラタムアナリティクス株式会社", "Stratum Analytics K.K.", "stratum-analytics.jp"),
    ("株式会社ノヴァクエリ", "NovaQuery Inc.", "novaquery.co.jp"),
    ("シグマレイク株式会社", "SigmaLake K.K.", "sigmalake.jp"),
    ("株式会社アクシオデータ", "Axio Data Inc.", "axiodata.co.jp"),
    ("ヘリオスインサイト株式会社", "Helios Insight K.K.", "helios-insight.jp"),
    ("株式会社クラウドメサ", "CloudMesa Inc.", "cloudmesa.jp"),
    ("オーロラウェアハウス株式会社", "Aurora Warehouse K.K.", "aurora-wh.jp"),
]
#: Partners (SIer / resellers): (name, English, domain).
PARTNERS: list[tuple[str, str, str]] = [
    ("北斗情報システム株式会社", "Hokuto Information Systems Co., Ltd.", "hokuto-is.co.jp"),
    ("株式会社光陽システムインテグレーション", "Koyo System Integration Inc.", "koyo-si.co.jp"),
    ("青葉ITパートナーズ株式会社", "Aoba IT Partners K.K.", "aoba-itp.co.jp"),
    ("株式会社晴海データソリューションズ", "Harumi Data Solutions Inc.", "harumi-ds.co.jp"),
    ("天城テクノサービス株式会社", "Amagi Techno Service Co., Ltd.", "amagi-ts.co.jp"),
    ("株式会社雲雀ネットソリューションズ", "Hibari Net Solutions Inc.", "hibari-net.co.jp"),
    ("葵ビジネスパートナーズ株式会社", "Aoi Business Partners K.K.", "aoi-bp.co.jp"),
    ("株式会社湊デジタル販売", "Minato Digital Sales Inc.", "minato-digital.co.jp"),
]

#: Prefectures: (name, area code, weight).
PREFECTURES: list[tuple[str, str, float]] = [
    ("東京都", "03", 42), ("大阪府", "06", 12), ("愛知県", "052", 8), ("神奈川県", "045", 7),
    ("福岡県", "092", 4), ("埼玉県", "048", 3), ("千葉県", "043", 3), ("兵庫県", "078", 3),
    ("京都府", "075", 3), ("北海道", "011", 3), ("宮城県", "022", 2), ("広島県", "082", 2),
    ("静岡県", "054", 2), ("茨城県", "029", 1.5), ("長野県", "026", 1), ("新潟県", "025", 1),
    ("岡山県", "086", 1), ("熊本県", "096", 1), ("石川県", "076", 1), ("沖縄県", "098", 0.5),
]  # fmt: skip
BRANCHES = ["大阪支店", "名古屋支店", "東京本社", "福岡営業所", "横浜事業所", "関西支社"]

#: Surnames (kanji, romaji), most common first.
SURNAMES: list[tuple[str, str]] = [
    ("佐藤", "sato"), ("鈴木", "suzuki"), ("高橋", "takahashi"), ("田中", "tanaka"),
    ("伊藤", "ito"), ("渡辺", "watanabe"), ("山本", "yamamoto"), ("中村", "nakamura"),
    ("小林", "kobayashi"), ("加藤", "kato"), ("吉田", "yoshida"), ("山田", "yamada"),
    ("佐々木", "sasaki"), ("山口", "yamaguchi"), ("松本", "matsumoto"), ("井上", "inoue"),
    ("木村", "kimura"), ("林", "hayashi"), ("斎藤", "saito"), ("清水", "shimizu"),
    ("山崎", "yamazaki"), ("森", "mori"), ("池田", "ikeda"), ("橋本", "hashimoto"),
    ("阿部", "abe"), ("石川", "ishikawa"), ("山下", "yamashita"), ("中島", "nakajima"),
    ("石井", "ishii"), ("小川", "ogawa"), ("前田", "maeda"), ("岡田", "okada"),
    ("長谷川", "hasegawa"), ("藤田", "fujita"), ("後藤", "goto"), ("近藤", "kondo"),
    ("村上", "murakami"), ("遠藤", "endo"), ("青木", "aoki"), ("坂本", "sakamoto"),
    ("斉藤", "saito"), ("福田", "fukuda"), ("太田", "ota"), ("西村", "nishimura"),
    ("藤井", "fujii"), ("金子", "kaneko"), ("岡本", "okamoto"), ("藤原", "fujiwara"),
    ("中野", "nakano"), ("三浦", "miura"), ("原田", "harada"), ("中川", "nakagawa"),
    ("松田", "matsuda"), ("竹内", "takeuchi"), ("小野", "ono"), ("田村", "tamura"),
    ("中山", "nakayama"), ("和田", "wada"), ("石田", "ishida"), ("森田", "morita"),
    ("上田", "ueda"), ("原", "hara"), ("柴田", "shibata"), ("酒井", "sakai"),
    ("工藤", "kudo"), ("横山", "yokoyama"), ("宮崎", "miyazaki"), ("宮本", "miyamoto"),
    ("内田", "uchida"), ("高木", "takagi"), ("髙橋", "takahashi"), ("山﨑", "yamazaki"),
]  # fmt: skip
#: Given names (kanji, romaji).
GIVEN: list[tuple[str, str]] = [
    ("太郎", "taro"), ("健一", "kenichi"), ("大輔", "daisuke"), ("翔太", "shota"),
    ("拓也", "takuya"), ("直樹", "naoki"), ("達也", "tatsuya"), ("和也", "kazuya"),
    ("誠", "makoto"), ("浩二", "koji"), ("隆", "takashi"), ("剛", "tsuyoshi"),
    ("亮", "ryo"), ("健太", "kenta"), ("雄一", "yuichi"), ("聡", "satoshi"),
    ("博之", "hiroyuki"), ("修", "osamu"), ("淳", "jun"), ("慎也", "shinya"),
    ("悠斗", "yuto"), ("蓮", "ren"), ("陽介", "yosuke"), ("裕介", "yusuke"),
    ("花子", "hanako"), ("陽子", "yoko"), ("恵子", "keiko"), ("美穂", "miho"),
    ("由美", "yumi"), ("真由美", "mayumi"), ("智子", "tomoko"), ("直美", "naomi"),
    ("愛", "ai"), ("彩", "aya"), ("舞", "mai"), ("結衣", "yui"),
    ("美咲", "misaki"), ("さくら", "sakura"), ("理恵", "rie"), ("香織", "kaori"),
    ("沙織", "saori"), ("千尋", "chihiro"), ("奈々", "nana"), ("優子", "yuko"),
]  # fmt: skip
WESTERN_FIRST = ["John", "Michael", "David", "Sarah", "Emily", "Wei", "Mei", "Anan",
                 "Priya", "Raj", "Thomas", "Anna", "Lukas", "James", "Olivia", "Daniel"]  # fmt: skip
WESTERN_LAST = ["Smith", "Johnson", "Brown", "Lee", "Tan", "Lim", "Wong", "Chen",
                "Wang", "Schmidt", "Kumar", "Sharma", "Nguyen", "Garcia", "Taylor"]  # fmt: skip
COUNTRIES = [("United States", 0.3), ("Singapore", 0.2), ("Thailand", 0.15),
             ("Germany", 0.1), ("United Kingdom", 0.1), ("China", 0.15)]  # fmt: skip

#: Departments: (name, relevance to a data-platform purchase 0..1).
DEPARTMENTS: list[tuple[str, float]] = [
    ("情報システム部", 1.0), ("DX推進室", 1.0), ("経営企画部", 0.8), ("IT戦略部", 0.9),
    ("データ活用推進部", 1.0), ("経理部", 0.4), ("財務部", 0.4), ("購買部", 0.5),
    ("営業部", 0.3), ("営業企画部", 0.5), ("マーケティング部", 0.6), ("製造部", 0.2),
    ("生産管理部", 0.4), ("研究開発部", 0.4), ("品質保証部", 0.3), ("人事部", 0.2),
    ("総務部", 0.3), ("広報部", 0.2), ("カスタマーサポート部", 0.3),
]  # fmt: skip
#: Japanese titles: (title, seniority 0..1, weight in large accounts, weight in SMB).
TITLES: list[tuple[str, float, float, float]] = [
    ("代表取締役", 1.0, 0.2, 12), ("取締役", 0.95, 0.5, 6), ("執行役員", 0.95, 1, 0.5),
    ("本部長", 0.9, 3, 0.5), ("部長", 0.85, 10, 6), ("次長", 0.75, 4, 1),
    ("課長", 0.7, 14, 6), ("係長", 0.55, 8, 3), ("主任", 0.5, 10, 5),
    ("担当", 0.35, 14, 10), ("リーダー", 0.55, 5, 3), ("マネージャー", 0.7, 6, 4),
    ("", 0.35, 12, 12),
]  # fmt: skip
UNI_TITLES: list[tuple[str, float, float]] = [
    ("教授", 0.6, 6), ("准教授", 0.5, 6), ("助教", 0.4, 5), ("研究員", 0.3, 5),
    ("事務職員", 0.4, 8), ("情報基盤センター長", 0.8, 2), ("学生", 0.0, 22),
    ("大学院生", 0.0, 14),
]  # fmt: skip
EN_TITLES: list[tuple[str, float]] = [
    ("CIO", 1.0), ("VP of IT", 0.95), ("Director, Data & Analytics", 0.85),
    ("IT Manager", 0.7), ("Manager", 0.65), ("Data Engineer", 0.4), ("Engineer", 0.35),
    ("Business Analyst", 0.4),
]  # fmt: skip

FREE_MAIL = ["gmail.com", "yahoo.co.jp", "outlook.jp", "icloud.com", "docomo.ne.jp"]

#: Lead sources: (name, weight, effect on the MQL log-odds).
LEAD_SOURCES: list[tuple[str, float, float]] = [
    ("展示会", 25, -0.4), ("ウェビナー", 20, 0.1), ("Web問い合わせ", 8, 1.2),
    ("資料ダウンロード", 20, 0.2), ("広告", 10, -0.3), ("紹介", 4, 0.9),
    ("セミナー", 6, 0.3), ("名刺交換", 7, -0.3),
]  # fmt: skip
HUBSPOT_SOURCE = {
    "展示会": "Offline Sources", "名刺交換": "Offline Sources", "セミナー": "Offline Sources",
    "ウェビナー": "Other Campaigns", "Web問い合わせ": "Direct Traffic",
    "資料ダウンロード": "Organic Search", "広告": "Paid Search", "紹介": "Referrals",
}  # fmt: skip
REJECT_REASONS = ["予算なし", "時期尚早", "競合利用中", "規模が小さい", "連絡つかず"]

#: Fictional sales reps of 株式会社ミライクラウド (owners).
OWNERS = ["佐藤 健一", "高橋 美穂", "田中 大輔", "伊藤 沙織", "渡辺 翔太", "中村 香織",
          "小林 直樹", "加藤 由美"]  # fmt: skip

#: Activity types: (type, channel, value); value drives scoring signal.
ACTIVITY_TYPES: dict[str, tuple[str, int]] = {
    "ページ閲覧": ("web", 1), "料金ページ閲覧": ("web", 10), "資料ダウンロード": ("web", 15),
    "ウェビナー参加": ("event", 20), "展示会来場": ("event", 10), "メールクリック": ("email", 3),
    "フォーム送信": ("web", 25), "デモ依頼": ("web", 40), "採用ページ閲覧": ("web", -10),
    "配信停止": ("email", -20),
}  # fmt: skip
PAGE_PATHS = ["/", "/product/overview", "/product/etl", "/product/warehouse", "/product/bi",
              "/case/manufacturing", "/case/retail", "/blog/data-mesh", "/blog/dwh-basics",
              "/blog/generative-ai", "/company", "/security", "/partners"]  # fmt: skip

#: Opportunity stages (Salesforce JA): (stage, probability %).
OPP_STAGES = [("見込み", 10), ("要件定義", 20), ("提案", 40), ("見積提示", 60), ("交渉", 80)]
