"""Redis for the shared page cache, and pages without it when Redis is away.

A page cache is an optimisation: when Redis stops or does not answer, readers get pages
rendered from the database (slower, still 200) instead of a 500. Reads miss, writes are
dropped, and an outage is logged once. After a failure the process leaves Redis alone for
`RETRY_SECONDS`: a page makes a dozen cache calls, and each would otherwise wait for its own
timeout, holding every request for seconds. Looking up Redis's host name is bounded by the
same timeout as connecting: a stopped Redis container's name is no longer answered by the
container network, and a resolver with no upstream to ask waits ten seconds before it gives
up. A content version bumped while Redis was away is lost with it; a Redis that restarts
empty starts a new version anyway.
"""

import logging
import socket
import threading
import time

from django.core.cache.backends.redis import RedisCache
from redis.backoff import NoBackoff
from redis.connection import Connection
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError
from redis.retry import Retry

logger = logging.getLogger(__name__)
UNAVAILABLE = (RedisConnectionError, RedisTimeoutError, OSError)
RETRY_SECONDS = 5.0
# Until when (time.monotonic()) this process treats Redis as away; 0 while it answers.
_away_until = 0.0


def _is_away():
    return time.monotonic() < _away_until


def _went_away(error):
    global _away_until
    if not _away_until:
        logger.warning("Page cache (Redis) unavailable: %s", error)
    _away_until = time.monotonic() + RETRY_SECONDS


def _answered():
    global _away_until
    if _away_until:
        logger.warning("Page cache (Redis) answers again")
    _away_until = 0.0


def _look_up(host, port, family, timeout):
    """`socket.getaddrinfo`, given up on (as a socket timeout) after `timeout` seconds.

    The lookup runs in a daemon thread, left to finish on its own when it takes longer: the
    C resolver cannot be interrupted.
    """
    answer = {}

    def look_up():
        try:
            answer["addresses"] = socket.getaddrinfo(host, port, family, socket.SOCK_STREAM)
        except OSError as error:
            answer["error"] = error

    lookup = threading.Thread(target=look_up, name=f"look up {host}", daemon=True)
    lookup.start()
    lookup.join(timeout)
    if "error" in answer:
        raise answer["error"]
    if "addresses" not in answer:
        raise TimeoutError(f"looking up {host} took over {timeout} s")
    return answer["addresses"]


class BoundedLookupConnection(Connection):
    """redis-py's TCP connection, with the host-name lookup bounded by the connect timeout."""

    def _connect(self):
        error = OSError(f"no address for {self.host}")
        for family, kind, protocol, _, address in _look_up(
            self.host, self.port, self.socket_type, self.socket_connect_timeout
        ):
            sock = socket.socket(family, kind, protocol)
            try:
                sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
                if self.socket_keepalive:
                    sock.setsockopt(socket.SOL_SOCKET, socket.SO_KEEPALIVE, 1)
                    for option, value in self.socket_keepalive_options.items():
                        sock.setsockopt(socket.IPPROTO_TCP, option, value)
                sock.settimeout(self.socket_connect_timeout)
                sock.connect(address)
            except OSError as failure:
                sock.close()
                error = failure
                continue
            sock.settimeout(self.socket_timeout)
            return sock
        raise error


def _tolerant(default_factory):
    def decorate(method):
        def call(self, *args, **kwargs):
            if _is_away():
                return default_factory(*args, **kwargs)
            try:
                result = method(self, *args, **kwargs)
            except UNAVAILABLE as error:
                _went_away(error)
                return default_factory(*args, **kwargs)
            _answered()
            return result

        call.__name__ = method.__name__
        return call

    return decorate


class ResilientRedisCache(RedisCache):
    """Django's RedisCache, which serves misses instead of errors when Redis is away."""

    def __init__(self, server, params):
        params = {**params}
        options = params.setdefault("OPTIONS", {})
        # A Redis that does not answer must not hold a request for long.
        options.setdefault("socket_connect_timeout", 0.5)
        options.setdefault("socket_timeout", 0.5)
        if str(server).startswith("redis://"):  # rediss:// and unix:// keep their own class
            options.setdefault("connection_class", BoundedLookupConnection)
        # Failing fast beats three retries per cache call on every request.
        options.setdefault("retry", Retry(NoBackoff(), 0))
        super().__init__(server, params)

    get = _tolerant(lambda key, default=None, **kw: default)(RedisCache.get)
    get_many = _tolerant(lambda *args, **kwargs: {})(RedisCache.get_many)
    has_key = _tolerant(lambda *args, **kwargs: False)(RedisCache.has_key)
    set = _tolerant(lambda *args, **kwargs: None)(RedisCache.set)
    add = _tolerant(lambda *args, **kwargs: False)(RedisCache.add)
    set_many = _tolerant(lambda *args, **kwargs: [])(RedisCache.set_many)
    touch = _tolerant(lambda *args, **kwargs: False)(RedisCache.touch)
    delete = _tolerant(lambda *args, **kwargs: False)(RedisCache.delete)
    delete_many = _tolerant(lambda *args, **kwargs: None)(RedisCache.delete_many)
    clear = _tolerant(lambda *args, **kwargs: False)(RedisCache.clear)

    def incr(self, key, delta=1, version=None):
        if _is_away():
            raise ValueError("the page cache is unavailable")
        try:
            result = super().incr(key, delta, version)
        except UNAVAILABLE as error:
            _went_away(error)
            raise ValueError("the page cache is unavailable") from error
        _answered()
        return result
