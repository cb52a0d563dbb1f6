"""Pure ASGI middleware: body size limit and security headers."""

from __future__ import annotations

from typing import Any, Awaitable, Callable, Dict, MutableMapping

from connectors.errors import error_response

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; frame-ancestors 'self'; base-uri 'none'; form-action 'self'"
)
SECURITY_HEADERS: Dict[bytes, bytes] = {
    b"x-content-type-options": b"nosniff",
    b"referrer-policy": b"strict-origin-when-cross-origin",
    b"x-frame-options": b"SAMEORIGIN",
}


class _TooLarge(Exception):
    pass


class BodyLimitMiddleware:
    """Refuse bodies over `max_bytes` (or the limit of a path prefix in `wider`) with 413, announced or streamed."""

    def __init__(self, app: ASGIApp, max_bytes: int, wider: Dict[str, int] | None = None) -> None:
        self.app = app
        self.max_bytes = max_bytes
        self.wider = wider or {}

    def _limit(self, path: str) -> int:
        return next((n for prefix, n in self.wider.items() if path.startswith(prefix)), self.max_bytes)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = dict(scope.get("headers") or [])
        length = headers.get(b"content-length")
        limit = self._limit(str(scope.get("path", "")))
        if length is not None and (not length.isdigit() or int(length) > limit):
            await error_response(413, "too_large")(scope, receive, send)
            return
        received = 0
        started = False

        async def limited_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    raise _TooLarge
            return message

        async def tracking_send(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, limited_receive, tracking_send)
        except _TooLarge:
            if not started:
                await error_response(413, "too_large")(scope, receive, send)


class SecurityHeadersMiddleware:
    """Add security headers; a strict CSP on HTML pages (everything is served locally)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        is_docs = scope.get("path", "").startswith(("/docs", "/redoc", "/openapi"))

        async def add_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers") or [])
                headers += list(SECURITY_HEADERS.items())
                if not is_docs:
                    headers.append((b"content-security-policy", CSP.encode()))
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, add_headers)
