"""Every Redis client of the project, from one setting: a single server or Redis Sentinel.

`AIZU_REDIS_URL` is either a plain server URL,

    redis://[[user]:password@]host:6379/0        (rediss:// for TLS)

or a Sentinel deployment, which names the sentinels, the monitored master and the database:

    redis+sentinel://[[user]:password@]host1:26379,host2:26379,host3:26379/<master>/<db>
    rediss+sentinel://…                          (TLS to the sentinels and the master)

The password in the URL is the data servers' password; `AIZU_REDIS_SENTINEL_PASSWORD` is the
sentinels' own, when they have one. Clients of a Sentinel deployment ask the sentinels for the
current master and follow a failover by themselves (redis-py's Sentinel, sync and asyncio).

Writes that must not be lost (escalations, reports, staff edits) call `confirm_replicated`,
which waits for `AIZU_REDIS_MIN_REPLICAS` replicas to acknowledge (Redis `WAIT`) and raises
`NotReplicated` when they do not, so the caller can say so instead of pretending.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, List, Optional, Sequence, Tuple
from urllib.parse import unquote, urlparse

import redis
import redis.asyncio
from redis.asyncio.sentinel import Sentinel as AsyncSentinel
from redis.backoff import NoBackoff
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import RedisError
from redis.retry import Retry as SyncRetry
from redis.sentinel import Sentinel

if TYPE_CHECKING:
    from bot.settings import Settings

SENTINEL_SCHEMES = {"redis+sentinel": False, "rediss+sentinel": True}


class NotReplicated(RedisError):
    """A write reached the master but not enough replicas in time: it could be lost in a failover."""


@dataclass(frozen=True)
class RedisTarget:
    """Where the data lives: one server (`sentinels` empty) or the master a set of sentinels monitors."""

    host: str
    port: int
    db: int
    username: Optional[str]
    password: Optional[str]
    tls: bool
    sentinels: Tuple[Tuple[str, int], ...] = ()
    master: Optional[str] = None

    @property
    def uses_sentinel(self) -> bool:
        """Whether clients find the master through sentinels."""
        return bool(self.sentinels)


def _host_port(item: str, default_port: int) -> Tuple[str, int]:
    host, _, port = item.strip().rpartition(":") if ":" in item else (item.strip(), "", "")
    if not host:
        raise ValueError(f"a sentinel address must be host:port, got {item!r}")
    return host.strip("[]"), int(port) if port else default_port


def parse_redis_url(url: str) -> RedisTarget:
    """Parse `AIZU_REDIS_URL` (see the module docstring); ValueError with the expected form otherwise."""
    parsed = urlparse(url)
    scheme = parsed.scheme
    username = unquote(parsed.username) if parsed.username else None
    password = unquote(parsed.password) if parsed.password else None
    if scheme in SENTINEL_SCHEMES:
        hosts = parsed.netloc.rpartition("@")[2]
        sentinels = tuple(_host_port(item, 26379) for item in hosts.split(",") if item.strip())
        parts = [part for part in parsed.path.split("/") if part]
        if not sentinels or not parts:
            raise ValueError(
                "AIZU_REDIS_URL for Sentinel must look like redis+sentinel://host1:26379,host2:26379/<master>/<db>"
            )
        db = int(parts[1]) if len(parts) > 1 else 0
        first = sentinels[0]
        return RedisTarget(first[0], first[1], db, username, password, SENTINEL_SCHEMES[scheme], sentinels, parts[0])
    if scheme not in {"redis", "rediss"}:
        raise ValueError(
            "AIZU_REDIS_URL must start with redis://, rediss://, redis+sentinel:// or rediss+sentinel://,"
            f" got {scheme!r}"
        )
    return RedisTarget(
        parsed.hostname or "127.0.0.1",
        parsed.port or 6379,
        int(parsed.path.lstrip("/") or 0),
        username,
        password,
        scheme == "rediss",
    )


def _data_kwargs(target: RedisTarget, timeout: float) -> dict:
    kwargs: dict = {
        "db": target.db,
        "username": target.username,
        "password": target.password,
        "socket_timeout": timeout,
        "socket_connect_timeout": timeout,
    }
    if target.tls:
        kwargs["ssl"] = True
    return kwargs


def _sentinel_kwargs(target: RedisTarget, sentinel_password: Optional[str], timeout: float) -> dict:
    kwargs: dict = {"socket_timeout": timeout, "socket_connect_timeout": timeout}
    if sentinel_password:
        kwargs["password"] = sentinel_password
    if target.tls:
        kwargs["ssl"] = True
    return kwargs


def sync_client(url: str, sentinel_password: Optional[str] = None, timeout: float = 3.0, **extra: Any) -> redis.Redis:
    """A blocking client of the configured data server (the current master under Sentinel)."""
    target = parse_redis_url(url)
    if not target.uses_sentinel:
        return redis.Redis.from_url(
            url, socket_timeout=timeout, socket_connect_timeout=timeout, **extra
        )  # the URL's own options (TLS settings, client name …) stay
    sentinel = Sentinel(list(target.sentinels), sentinel_kwargs=_sentinel_kwargs(target, sentinel_password, timeout))
    assert target.master is not None
    return sentinel.master_for(target.master, **_data_kwargs(target, timeout), **extra)


def async_client(
    url: str, sentinel_password: Optional[str] = None, timeout: float = 2.0, **extra: Any
) -> redis.asyncio.Redis:
    """An asyncio client of the configured data server (the current master under Sentinel)."""
    target = parse_redis_url(url)
    if not target.uses_sentinel:
        return redis.asyncio.Redis.from_url(url, socket_timeout=timeout, socket_connect_timeout=timeout, **extra)
    sentinel = AsyncSentinel(
        list(target.sentinels), sentinel_kwargs=_sentinel_kwargs(target, sentinel_password, timeout)
    )
    assert target.master is not None
    return sentinel.master_for(target.master, **_data_kwargs(target, timeout), **extra)


def write_replicated(
    client: redis.Redis, commands: Sequence[Sequence[Any]], replicas: int, timeout_ms: int
) -> List[Any]:
    """Run `commands` as one MULTI/EXEC transaction, then WAIT for `replicas` replicas on the same connection.

    WAIT counts the replicas that have every write of the connection it runs on, so it has to follow
    the transaction on that connection: one pipeline sends MULTI, the commands, EXEC and WAIT. The
    pipeline parses no reply (the queued commands answer QUEUED), so EXEC's results come back raw.
    Returns them; raises NotReplicated when fewer replicas acknowledged in time.
    """
    pipe = client.pipeline(transaction=False)
    pipe.response_callbacks = {}  # type: ignore[assignment]
    pipe.execute_command("MULTI")
    for command in commands:
        pipe.execute_command(*command)
    pipe.execute_command("EXEC")
    if replicas > 0:
        pipe.execute_command("WAIT", replicas, timeout_ms)
    replies = pipe.execute()
    results = replies[len(commands) + 1]
    if replicas > 0:
        acknowledged = int(replies[-1])
        if acknowledged < replicas:
            raise NotReplicated(f"only {acknowledged} of {replicas} replicas acknowledged the write in {timeout_ms} ms")
    return list(results or [])


def settings_client(settings: "Settings", timeout: float = 3.0) -> redis.Redis:
    """A blocking client of the data server `settings` configure (ValueError without AIZU_REDIS_URL).

    One immediate retry on a broken connection: after a restart or a failover every pooled connection
    fails once, and the retry reconnects (to the new master, under Sentinel) instead of failing.
    """
    if not settings.redis_url:
        raise ValueError("AIZU_REDIS_URL is not set")
    return sync_client(
        settings.redis_url,
        settings.redis_sentinel_password,
        timeout,
        retry=SyncRetry(NoBackoff(), 1),
        retry_on_error=[RedisConnectionError],
    )


def required_replicas(settings: "Settings") -> int:
    """How many replicas must acknowledge a write that must not be lost (1 under Sentinel by default)."""
    if settings.redis_min_replicas is not None:
        return settings.redis_min_replicas
    return 1 if settings.redis_url and parse_redis_url(settings.redis_url).uses_sentinel else 0


def sentinel_addresses(url: str) -> List[str]:
    """`host:port` of every sentinel in the URL (empty for a single server)."""
    return [f"{host}:{port}" for host, port in parse_redis_url(url).sentinels]
