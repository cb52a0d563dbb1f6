"""Office staff accounts (one per person, tied to one municipality department), argon2-hashed."""

from __future__ import annotations

import json
import os
import re
import tempfile
from pathlib import Path
from typing import Dict

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from pydantic import BaseModel

USERNAME = re.compile(r"^[a-z0-9][a-z0-9_.-]{2,31}$")
MIN_PASSWORD = 12


class OfficeAccount(BaseModel):
    """A staff login."""

    username: str
    municipality: str
    function: str
    password_hash: str
    email: str | None = None

    @property
    def office_key(self) -> str:
        return f"{self.municipality}/{self.function}"


class AccountError(ValueError):
    """Invalid account data."""


class AccountBook:
    """Accounts stored in a JSON file outside git (.state/office-accounts.json by default)."""

    def __init__(self, path: Path, hasher: PasswordHasher | None = None) -> None:
        self.path = path
        self._hasher = hasher or PasswordHasher()
        self._dummy = self._hasher.hash("timing-equaliser-not-a-password")

    def _read(self) -> Dict[str, OfficeAccount]:
        if not self.path.exists():
            return {}
        raw = json.loads(self.path.read_text(encoding="utf-8"))
        return {name: OfficeAccount.parse_obj(item) for name, item in raw.items()}

    def add(
        self, username: str, password: str, municipality: str, function: str, email: str | None = None
    ) -> OfficeAccount:
        """Create or replace an account (validated), writing the file atomically."""
        if not USERNAME.match(username):
            raise AccountError("username: 3–32 characters a-z 0-9 _ . -")
        if len(password) < MIN_PASSWORD:
            raise AccountError(f"password must be at least {MIN_PASSWORD} characters")
        accounts = self._read()
        account = OfficeAccount(
            username=username,
            municipality=municipality,
            function=function,
            password_hash=self._hasher.hash(password),
            email=email,
        )
        accounts[username] = account
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile("w", dir=self.path.parent, delete=False, encoding="utf-8") as tmp:
            json.dump({k: v.dict() for k, v in accounts.items()}, tmp, ensure_ascii=False, indent=2)
        os.chmod(tmp.name, 0o600)
        os.replace(tmp.name, self.path)
        return account

    def verify(self, username: str, password: str) -> OfficeAccount | None:
        """The account if the password matches (same work is done for unknown users)."""
        account = self._read().get(username)
        try:
            self._hasher.verify(account.password_hash if account else self._dummy, password)
        except (VerificationError, InvalidHashError):
            return None
        return account

    def for_office(self, office_key: str) -> list:
        """Accounts of one office (for notifications)."""
        return [a for a in self._read().values() if a.office_key == office_key]
