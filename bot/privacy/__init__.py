"""Personal data masking: `mask_pii` is what the rest of the code calls (the service is built on first use)."""

from __future__ import annotations

from functools import lru_cache
from typing import Iterable, Tuple

from bot.privacy.masker import LABELS, Masker
from bot.privacy.patterns import EMAIL, PHONE

__all__ = ["EMAIL", "LABELS", "PHONE", "get_masker", "mask_pii"]


@lru_cache(maxsize=1)
def get_masker() -> Masker:
    """The process's masking service (GiNZA loads on the first message that needs it)."""
    from bot.privacy.contacts import read_public_contacts
    from bot.privacy.lexicon import read_name_words, read_public_words
    from bot.privacy.names import NameFinder
    from bot.settings import get_settings

    data = get_settings().data_dir
    privacy = data / "privacy"
    public = read_public_words(privacy / "public_names.yml", privacy / "place_words.yml")
    names = NameFinder(public, words=read_name_words(privacy / "name_words.yml"))
    contacts = read_public_contacts(privacy / "public_contacts.yml", data / "municipalities", public.places)
    return Masker(names, contacts=contacts)


def mask_pii(text: str, keep: Iterable[str] = (), allow: Iterable[str] = ()) -> str:
    """Names, street addresses, birth dates, ages next to names, personal numbers, phones and e-mails masked.

    The same text is masked once per process (a tracker is saved after every turn with its whole history).
    """
    return _masked(text, tuple(keep), tuple(sorted(allow)))


@lru_cache(maxsize=8192)
def _masked(text: str, keep: Tuple[str, ...], allow: Tuple[str, ...]) -> str:
    return get_masker().mask(text, keep, allow)
