"""Individuals and test records the tester's list slipped past (QA-P).

Four free-mail people wrote ``self`` as their company and became an account "self";
``asdf@asdf.com`` (company ``asdf``) and Mickey Mouse at ``disney.example`` were kept
(8 of 10 test records were caught: by the test words, prefixes and domains, which these
extend as data). A real 山田太郎 at a company's domain stays.
"""

from __future__ import annotations

import pandas as pd
import pytest

from abm.resolve import vocab
from abm.resolve.hygiene import apply_exclusions


def _reason(company: str | None, email: str, first: str = "花子", last: str = "佐藤") -> str:
    people = pd.DataFrame(
        {
            "company": pd.array([company], dtype="string"),
            "email": pd.array([email], dtype="string"),
            "first_name": pd.array([first], dtype="string"),
            "last_name": pd.array([last], dtype="string"),
        }
    )
    return apply_exclusions(people)["exclusion_reason"].fillna("-").iloc[0]


@pytest.mark.parametrize(
    "company", ["self", "Self", "SELF", "self-employed", "自分", "本人", "Personal", "Private",
                "Freelance", "フリーランス", "個人"],
)  # fmt: skip
def test_a_person_describing_themself_on_free_mail_is_an_individual(company: str) -> None:
    assert _reason(company, "someone@gmail.com") == "free_mail"


def test_the_same_words_at_a_company_domain_are_not_an_individual() -> None:
    assert _reason("self", "a@self-corp.co.jp") == "-"


@pytest.mark.parametrize(
    ("company", "email", "first", "last"),
    [
        ("asdf", "asdf@asdf.com", "asdf", "asdf"),
        ("qwerty", "q@gmail.com", "a", "b"),
        ("Test123", "x@yahoo.co.jp", "a", "b"),
        ("Disney", "mickey@disney.example", "Mickey", "Mouse"),
        ("Acme", "jd@acme.co.jp", "John", "Doe"),  # a famous placeholder, wherever
        ("株式会社サンプル商事", "m@gmail.com", "Mouse", "Mickey"),  # either order
        ("株式会社山田商店", "taro@example.com", "太郎", "山田"),
    ],
)
def test_test_records_are_excluded(company, email, first, last) -> None:
    assert _reason(company, email, first, last) == "test"


def test_a_real_yamada_taro_at_a_company_stays() -> None:
    assert _reason("トヨタ自動車株式会社", "taro.yamada@toyota.co.jp", "太郎", "山田") == "-"
    assert _reason("株式会社ミッキー", "m@mickey.co.jp", "Mickey", "Suzuki") == "-"


def test_vocabularies_golden() -> None:
    assert {"self", "myself", "personal", "自分", "本人", "自身"} <= set(vocab.INDIVIDUAL_NAMES)
    assert {"freelance", "フリーランス", "private", "self-employed"} <= set(vocab.INDIVIDUAL_NAMES)
    assert vocab.TEST_NAMES[-12:] == (
        "asdf", "asdfg", "asdfgh", "asdfasdf", "qwerty", "qwer", "zxcv", "zxcvb", "test123",
        "testtest", "aaaaa", "abc123",
    )  # fmt: skip
    assert vocab.TEST_LOCAL_PREFIXES == (
        "test", "dummy", "sample", "example", "noreply", "no-reply", "asdf", "qwerty",
    )  # fmt: skip
    assert {"asdf.com", "qwerty.com"} <= vocab.TEST_DOMAINS
    assert vocab.PLACEHOLDER_PEOPLE == (
        "Mickey Mouse", "Minnie Mouse", "Donald Duck", "John Doe", "Jane Doe", "名無し権兵衛",
    )  # fmt: skip
