"""Offices' and public lines' numbers and e-mail addresses, told from a person's (pure, no GiNZA)."""

from pathlib import Path

import pytest

from bot.privacy.contacts import PublicContacts, read_public_contacts
from bot.privacy.patterns import PHONE

ROOT = Path(__file__).resolve().parents[3]


@pytest.fixture(scope="module")
def contacts() -> PublicContacts:
    return read_public_contacts(ROOT / "data" / "privacy" / "public_contacts.yml", ROOT / "data" / "municipalities")


def public(contacts: PublicContacts, text: str) -> bool:
    m = PHONE.search(text)
    assert m, text
    return contacts.public_phone(text, m.start(), m.end())


@pytest.mark.parametrize(
    "text",
    [
        "国保年金課の0241-22-9876につながりません",
        "総合案内の代表番号は0242-11-2222ですか",
        "消費生活センターは0242-98-7654で合っていますか",
        "ガス会社の電話番号は0242-33-4444でしょうか",
        "0120-123-456は何時から",
        "0570-000-111に電話するとお金がかかりますか",
        "0242-39-1111に電話すればいい？",  # the city hall's number (data/municipalities)
    ],
)
def test_an_offices_number_or_a_public_line_stays(contacts, text):
    assert public(contacts, text)


@pytest.mark.parametrize(
    "text",
    [
        "私の電話番号は0242-55-6677です",
        "自宅の0241-22-3344に折り返しください",
        "連絡は090-1111-2222までお願いします",
        "市役所の方、携帯080-3333-4444にかけてください",  # a mobile number is a person's
        "母の番号は0242-27-8899ですか",
        "0242-22-1357に電話ください",
        "電話番号は0241-23-4567です",
    ],
)
def test_a_persons_number_is_masked(contacts, text):
    assert not public(contacts, text)


@pytest.mark.parametrize(
    ("address", "kept"),
    [
        ("kenkou@city.aizuwakamatsu.fukushima.jp", True),
        ("soumu@town.example.fukushima.jp", True),
        ("jinji@pref.fukushima.lg.jp", True),
        ("someone@mhlw.go.jp", True),
        ("info@sakagura.co.jp", True),
        ("hanako.sato@gmail.com", False),
        ("taro1975@docomo.ne.jp", False),
    ],
)
def test_public_bodies_and_office_mailboxes_stay(contacts, address, kept):
    assert contacts.public_email(address) is kept


def test_the_offices_numbers_come_from_the_municipalities_files(contacts):
    assert "0242391111" in contacts.numbers and "0241245206" in contacts.numbers
