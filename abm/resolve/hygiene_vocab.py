"""Vocabularies for deciding "student" from the person, kept as data (cleanco style).

A person is a student only on evidence about the person: their title,
department, what they typed as their company ("学生", "〇〇大学 院生") or a
student address at a school. A school's name alone (学校法人…, …大学) says
where someone is, not who they are: staff, teachers and the board of a school
corporation are buyers like any other. Every entry is matched after NFKC and
lower-casing; English words are matched as whole words.

The lists are reviewed against the titles Japanese universities and schools
use (学長, 教授, 准教授, 講師, 助教, 事務職員, 事務局, 理事…) and the ways
students describe themselves in forms (学部生, 院生, 博士課程, M2…).
"""

from __future__ import annotations

#: Words in a title (or department) that say the person is a student.
STUDENT_WORDS_JA: tuple[str, ...] = (
    "学生", "大学生", "大学院生", "院生", "学部生", "研究生", "留学生", "聴講生", "科目等履修生",
    "高校生", "高専生", "専門学校生", "短大生", "受験生", "就活生", "新卒予定",
    "博士課程", "博士前期", "博士後期", "修士課程", "修士", "学部\\d年", "\\d年生",
)  # fmt: skip
#: English student words (whole words).
STUDENT_WORDS_EN: tuple[str, ...] = (
    "student", "students", "undergraduate", "undergrad", "postgraduate", "graduate student",
    "grad student", "phd candidate", "ph\\.d\\. candidate", "phd student", "ph\\.d\\. student",
    "doctoral candidate", "doctoral student", "master'?s student", "msc student", "mba student",
    "pupil",
)  # fmt: skip
#: A title that is only a lab year (B4, M1, M2, D3), as students write it.
STUDENT_YEAR_TITLE = r"^\s*[bmd][1-6]\s*$"

#: Titles and departments of people who work at a school (or anywhere): they win
#: over a student word in the same field (学生課 課長, Student Affairs Manager).
STAFF_WORDS_JA: tuple[str, ...] = (
    "理事長", "理事", "監事", "評議員", "学長", "副学長", "総長", "学部長", "研究科長", "校長",
    "副校長", "教頭", "園長", "院長", "塾長", "事務長", "事務局", "事務", "職員", "教員",
    "教職員", "教授", "准教授", "助教", "講師", "助手", "教諭", "司書", "技師", "研究員",
    "ポスドク", "特任", "非常勤", "嘱託", "社長", "会長", "代表取締役", "取締役", "執行役",
    "代表理事", "代表者", "役員", "部長", "次長", "課長", "係長", "室長", "所長", "局長",
    "センター長", "本部長", "店長", "グループ長", "チーム長", "主任", "主査", "主事", "参事",
    "担当", "社員", "スタッフ", "マネージャ", "マネジャ", "ディレクター", "エンジニア",
    "コンサルタント", "秘書",
    # student-affairs offices are staff departments, not students
    "学生課", "学生部", "学生係", "学生室", "学生センター", "学生支援", "学生相談", "学生生活",
    "学務", "教務", "入試", "キャリアセンター", "就職課",
)  # fmt: skip
STAFF_WORDS_EN: tuple[str, ...] = (
    "professor", "prof", "lecturer", "faculty", "staff", "dean", "provost", "president",
    "chancellor", "principal", "director", "manager", "head", "chair", "chairman", "chairperson",
    "officer", "administrator", "coordinator", "secretary", "librarian", "registrar",
    "researcher", "research fellow", "research scientist", "scientist", "postdoc",
    "postdoctoral", "engineer", "teacher", "instructor", "counselor", "counsellor", "advisor",
    "adviser", "ceo", "cto", "cio", "cfo", "coo", "vp", "vice president", "executive",
    "specialist", "analyst", "consultant", "founder", "owner", "board member", "trustee",
    "student affairs", "student services", "student support", "student office",
)  # fmt: skip

#: A company field that ends with one of these is the person describing
#: themselves ("学生", "〇〇大学 院生", "Student"), not an organisation's name
#: (日本学生支援機構 does not end with 学生).
SELF_DESCRIBED_JA: tuple[str, ...] = (
    "学生", "大学生", "大学院生", "院生", "学部生", "研究生", "留学生", "高校生", "専門学校生",
)  # fmt: skip
SELF_DESCRIBED_EN: tuple[str, ...] = ("student", "phd student", "phd candidate", "undergraduate")

#: Words in an organisation's name that make it a school (after NFKC).
SCHOOL_NAME_WORDS: tuple[str, ...] = (
    "学校法人", "国立大学法人", "公立大学法人", "(学)", "大学校", "大学院", "短期大学", "大学",
    "高等専門学校", "高専", "専門学校", "専修学校", "高等学校", "中学校", "小学校", "幼稚園",
    "university", "college", "school", "institute of technology", "polytechnic",
)  # fmt: skip
#: …unless the name carries a company's legal form (株式会社大学通信, ABC School Inc.).
COMPANY_FORMS_JA: tuple[str, ...] = (
    "株式会社", "有限会社", "合同会社", "合資会社", "合名会社", "(株)", "(有)", "(同)",
    "生活協同組合", "生協",
)  # fmt: skip
COMPANY_FORMS_EN: tuple[str, ...] = (
    "inc", "ltd", "llc", "corp", "corporation", "co\\.? ?ltd", "k\\.?k", "gmbh", "plc",
)  # fmt: skip

#: Registrable-domain endings of schools and universities.
ACADEMIC_DOMAIN_SUFFIXES: tuple[str, ...] = (
    ".ac.jp", ".ed.jp", ".edu", ".ac.uk", ".edu.au", ".ac.kr", ".edu.cn", ".edu.tw", ".ac.nz",
    ".edu.sg", ".ac.th",
)  # fmt: skip
#: Mail sub-domains that universities give students (x@st.example-u.ac.jp,
#: x@stu.example.ac.jp); only read on an academic domain.
STUDENT_MAIL_LABELS: frozenset[str] = frozenset(
    {"st", "stu", "stud", "student", "students", "s", "ug", "ecs"}
)
#: Student-number local parts (s1234567@, b2012345@…); only read on an academic domain.
STUDENT_NUMBER_LOCAL = r"^[a-z]{0,2}\d{6,}[a-z]?$"
