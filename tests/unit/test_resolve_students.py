"""Student or staff, decided from the person (issue #13 item 6): golden cases and invariants."""

from __future__ import annotations

import re

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from abm.resolve import hygiene_vocab as hv
from abm.resolve import students
from abm.resolve.students import is_school, student_status

#: (company, title, department, email) -> status; "-" is NA (no evidence, not a school).
GOLDEN: list[tuple[str | None, str | None, str | None, str | None, str]] = [
    # 学校法人: staff and board are not students, whatever the corporation's name
    ("学校法人白樺学園", "課長", "事務局", "kacho@shirakaba-gakuen.ac.jp", "staff"),
    ("学校法人白樺学園", "代表取締役", None, "ceo@shirakaba-service.co.jp", "staff"),
    ("学校法人白樺学園", "部長", "総務部", None, "staff"),
    ("学校法人白樺学園", "理事長", None, None, "staff"),
    ("学校法人白樺学園", "事務職員", "学生課", None, "staff"),
    ("学校法人白樺学園", "学生", "経済学部", None, "student"),
    ("学校法人白樺学園", "大学院生", "事務局", None, "student"),  # the title speaks first
    ("学校法人白樺学園", None, None, "info@shirakaba-gakuen.ac.jp", "undecided"),
    ("(学)白樺学園", None, None, None, "undecided"),
    # ac.jp: an address at a university is where, not who
    ("晴海大学", "教授", "工学研究科", "ai.takahashi@harumi-u.ac.jp", "staff"),
    ("晴海大学", "准教授", None, "k.sato@harumi-u.ac.jp", "staff"),
    ("晴海大学", "助教", None, None, "staff"),
    ("晴海大学", "講師", None, None, "staff"),
    ("晴海大学", "情報基盤センター長", None, None, "staff"),
    ("晴海大学", "研究員", "理学部", None, "staff"),
    ("晴海大学", "博士課程", None, None, "student"),
    ("晴海大学", "修士2年", None, None, "student"),
    ("晴海大学", "学部生", None, None, "student"),
    ("晴海大学", "研究生", None, None, "student"),
    ("晴海大学", "院生", None, None, "student"),
    ("晴海大学", "M2", None, None, "student"),
    ("晴海大学", None, "博士後期課程", None, "student"),
    ("晴海大学", None, "学生支援課", None, "staff"),  # a student-affairs office
    ("晴海大学", None, None, "s6473131@st.harumi-u.ac.jp", "student"),  # student sub-domain
    ("晴海大学", None, None, "b2012345@harumi-u.ac.jp", "student"),  # student number
    ("晴海大学", "教授", None, "s6473131@st.harumi-u.ac.jp", "staff"),  # title beats address
    ("晴海大学", None, None, "yhashimoto@harumi-u.ac.jp", "undecided"),
    (None, None, None, "yhashimoto@harumi-u.ac.jp", "undecided"),
    # a student at a company, a self-described student, and companies that only sound academic
    ("株式会社アクメ", "学生", None, "intern@acme.co.jp", "student"),
    ("株式会社アクメ", "学生インターン", None, None, "student"),
    ("株式会社アクメ", "部長", None, None, "staff"),
    ("学生", None, None, "x@gmail.com", "student"),
    ("晴海大学 院生", None, None, "x@gmail.com", "student"),
    ("日本学生支援機構", None, None, "x@jasso.go.jp", "-"),
    ("株式会社大学通信", None, None, "x@daigaku-tsushin.co.jp", "-"),
    ("大学生協事業連合", None, None, None, "-"),
    ("ABC School Inc.", None, None, "x@abc-school.com", "-"),
    ("株式会社アクメ", None, None, "x@acme.co.jp", "-"),
    # English titles
    ("Harvard University", "PhD Candidate", None, "x@g.harvard.edu", "student"),
    ("Harvard University", "Graduate Student", None, None, "student"),
    ("MIT", "Undergraduate", None, "x@mit.edu", "student"),
    ("Harvard University", "Associate Professor", None, "x@harvard.edu", "staff"),
    ("Harvard University", "Student Affairs Manager", None, "x@harvard.edu", "staff"),
    ("Harvard University", "Postdoctoral Researcher", None, None, "staff"),
    ("Harvard University", "Ｓｔｕｄｅｎｔ", None, None, "student"),  # full-width
    ("Harvard University", None, None, "x@harvard.edu", "undecided"),
    ("Acme Inc.", "Studio Manager", None, None, "staff"),
]


def _frame(rows) -> pd.DataFrame:
    cols = ["company", "title", "department", "email"]
    return pd.DataFrame([r[:4] for r in rows], columns=cols).astype("string")


@pytest.mark.parametrize("row", GOLDEN, ids=lambda r: f"{r[0]}|{r[1]}|{r[2]}|{r[3]}")
def test_golden_person(row) -> None:
    status = student_status(_frame([row])).fillna("-").iloc[0]
    assert status == row[4]


def test_whole_table_at_once_keeps_order_and_index() -> None:
    df = _frame(GOLDEN)
    df.index = df.index * 3 + 7
    before = df.copy()
    out = student_status(df)
    pd.testing.assert_frame_equal(df, before)
    assert list(out.index) == list(df.index)
    assert out.fillna("-").tolist() == [r[4] for r in GOLDEN]


def test_missing_columns_mean_no_evidence() -> None:
    only_company = pd.DataFrame(
        {"company": pd.array(["晴海大学", "株式会社アクメ"], dtype="string")}
    )
    assert student_status(only_company).fillna("-").tolist() == ["undecided", "-"]
    assert student_status(pd.DataFrame(index=range(2))).isna().all()


@pytest.mark.parametrize(
    ("company", "domain", "expected"),
    [
        ("学校法人白樺学園", None, True),
        ("国立大学法人晴海大学", None, True),
        ("晴海工業高等専門学校", None, True),
        ("Harumi University", None, True),
        ("株式会社アクメ", "harumi-u.ac.jp", True),
        ("株式会社大学通信", None, False),
        ("ABC School Inc.", "abc-school.com", False),
        ("株式会社アクメ", "acme.co.jp", False),
        (None, "www.mit.edu", True),
    ],
)
def test_is_school(company, domain, expected) -> None:
    frame = pd.DataFrame({"company": [company], "domain": [domain]}).astype("string")
    assert bool(is_school(frame)[0]) is expected


_SCHOOLS = st.sampled_from([w for w in hv.SCHOOL_NAME_WORDS if w.isascii() is False])
_FILLER = st.text(alphabet="晴海白樺湊青嶺朝霧北央工科医療学園法人", max_size=6)


@given(before=_FILLER, school=_SCHOOLS, after=_FILLER)
def test_a_school_name_alone_never_makes_a_student(before: str, school: str, after: str) -> None:
    frame = pd.DataFrame({"company": [before + school + after]}, dtype="string")
    assert student_status(frame).iloc[0] == "undecided"


@given(
    staff=st.sampled_from([w for w in hv.STAFF_WORDS_JA if "学生" not in w]),
    student=st.sampled_from([w for w in hv.STUDENT_WORDS_JA if "\\" not in w]),
    company=st.sampled_from(["学校法人白樺学園", "晴海大学", "株式会社アクメ", ""]),
)
def test_a_staff_title_is_never_a_student(staff: str, student: str, company: str) -> None:
    frame = pd.DataFrame(
        {"company": [company or None], "title": [f"{student} {staff}"]}, dtype="string"
    )
    assert student_status(frame).iloc[0] == "staff"


#: Every pattern a person's fields are matched against.
_PATTERNS = {
    "staff": students._STAFF,
    "student": students._STUDENT,
    "self": students._SELF,
    "school": students._SCHOOL,
    "form": students._FORM,
    "year": hv.STUDENT_YEAR_TITLE,
}
#: Text near the patterns' edges: words glued to Japanese or Latin letters (Python's ``\b``
#: is Unicode-aware, RE2's ASCII), full-width and non-ASCII digits, odd spaces and cases.
_PIECES = st.sampled_from(
    [
        "学生", "大学院生", "院生", "教授", "課長", "学部", "年", "年生", "student", "Student",
        "phd", "ph.d.", " candidate", "intern", "M", "D", "2", "２", "٣", "inc", "Inc.", "ltd",
        "co.,ltd", "K.K.", "大学", "学校法人", "株式会社", "University", "college", "abc",
        " ", "\u3000", "\n", "-", "(", ")", "İ", "ß", "東京",
    ]
)  # fmt: skip


def _reference_texts(texts: list[str]) -> list[str]:
    """The distinct texts as the checks read them before they moved to Arrow: pandas'
    per-value NFKC (Python's ``unicodedata``), then its lower case and strip."""
    plain = pd.Series(list(dict.fromkeys(texts)), dtype="string")
    return plain.str.normalize("NFKC").str.lower().str.strip().tolist()


@given(
    texts=st.lists(st.lists(_PIECES, max_size=5).map("".join), min_size=1, max_size=30),
    among=st.lists(st.booleans(), min_size=30, max_size=30),
)
def test_distinct_texts_match_as_pythons_re_does(texts: list[str], among: list[bool]) -> None:
    """The texts are normalised as before, and RE2 only narrows them: each pattern matches the
    texts Python's ``re`` matches (its ``\\b`` and ``\\d`` are Unicode-aware, RE2's are
    not), also when only some texts are asked (``among``)."""
    distinct = students._Distinct(pd.Series(texts, dtype="string"))
    assert distinct.text.to_pylist() == _reference_texts(texts)
    asked = pd.Series(among[: len(distinct.text)]).to_numpy(dtype=bool)
    for name, pattern in _PATTERNS.items():
        expected = [re.search(pattern, t) is not None for t in distinct.text.to_pylist()]
        assert distinct.matches(pattern).tolist() == expected, name
        assert (
            distinct.matches(pattern, among=asked).tolist()
            == (pd.Series(expected, dtype=bool).to_numpy() & asked).tolist()
        ), name


def test_the_loose_pattern_is_refused_where_re2_reads_differently() -> None:
    assert students._loose(hv.STUDENT_YEAR_TITLE) is None  # \s: RE2's misses \x0b
    assert students._loose(r"(?<=a)b") is None
    assert students._loose(r"\bphd\b") == "phd"
    assert students._loose(r"学部\d年") == r"学部\p{Nd}年"
    assert students._loose(r"x\\d") == r"x\\d"  # an escaped backslash, then a letter
    assert students._loose(r"a\\b") == r"a\\b"
    for python_only in (r"[\b]", r"(?P=n)", r"a*+", r"\u00e9", r"(?x)a", r"(?#c)a"):
        assert students._loose(python_only) is None, python_only


def test_a_text_outside_unicode_14_is_normalised_as_python_does() -> None:
    """Arrow's NFKC follows a newer Unicode than Python's ``unicodedata`` (which every other
    name key uses): outlined letters (U+1CCD6…) stay as they are, as before."""
    outlined = "\U0001ccea\U0001ccebudent"
    distinct = students._Distinct(pd.Series([outlined, "ＳＴＵＤＥＮＴ"]))
    assert distinct.text.to_pylist() == _reference_texts([outlined, "ＳＴＵＤＥＮＴ"])
    assert distinct.text.to_pylist()[1] == "student"


def test_texts_are_nfkc_lower_and_stripped_once_per_value() -> None:
    distinct = students._Distinct(pd.Series([" ＳＴＵＤＥＮＴ ", None, " ＳＴＵＤＥＮＴ "]))
    assert distinct.text.to_pylist() == ["student"]
    assert distinct.codes.tolist() == [0, -1, 0]
    assert distinct.has(r"\bstudent\b").tolist() == [True, False, True]
