import pytest
import redis

from bot.redis_client import NotReplicated, parse_redis_url, required_replicas, write_replicated
from bot.settings import Settings


def test_a_plain_url_names_one_server():
    target = parse_redis_url("rediss://user:p%40ss@cache.example:6380/2")
    assert (target.host, target.port, target.db, target.username, target.password, target.tls) == (
        "cache.example",
        6380,
        2,
        "user",
        "p@ss",
        True,
    )
    assert not target.uses_sentinel


def test_a_sentinel_url_names_the_sentinels_the_master_and_the_database():
    target = parse_redis_url("redis+sentinel://:secret@10.0.0.1:26379,10.0.0.2,10.0.0.3:26380/aizu/3")
    assert target.uses_sentinel
    assert target.sentinels == (("10.0.0.1", 26379), ("10.0.0.2", 26379), ("10.0.0.3", 26380))
    assert (target.master, target.db, target.password, target.tls) == ("aizu", 3, "secret", False)
    assert parse_redis_url("rediss+sentinel://s1:26379/aizu").tls


@pytest.mark.parametrize("url", ["http://x", "redis+sentinel://s1:26379", "redis+sentinel:///aizu/0", "memcached://x"])
def test_malformed_urls_say_what_is_expected(url):
    with pytest.raises(ValueError, match="AIZU_REDIS_URL"):
        parse_redis_url(url)


def test_sentinel_deployments_wait_for_one_replica_unless_configured():
    assert required_replicas(Settings(redis_url="redis://127.0.0.1:6379/0")) == 0
    assert required_replicas(Settings(redis_url="redis+sentinel://s1:26379,s2:26379/aizu/0")) == 1
    assert required_replicas(Settings(redis_url="redis+sentinel://s1:26379/aizu/0", redis_min_replicas=2)) == 2


def test_a_replicated_write_is_one_transaction_and_says_when_no_replica_has_it(redis_server):
    client = redis.Redis.from_url(redis_server.url)
    assert write_replicated(client, [("SET", "wr:a", "1", "EX", 60), ("ZADD", "wr:z", 1.5, "a")], 0, 100) == [b"OK", 1]
    with pytest.raises(NotReplicated, match="0 of 1"):
        write_replicated(client, [("SET", "wr:a", "2")], 1, 50)  # written on the master, not acknowledged
    assert client.get("wr:a") == b"2"
    with pytest.raises(redis.ResponseError):  # a bad command aborts the whole transaction
        write_replicated(client, [("SET", "wr:b", "1"), ("SET", "wr:b")], 0, 50)
    assert client.get("wr:b") is None
