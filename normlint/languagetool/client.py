"""A small client for LanguageTool's HTTP API (``GET /v2/languages``, ``POST /v2/check``).

Standard library only.  Every request has a connect/answer timeout and a
deadline, so a server that is down, silent or dripping bytes costs at most the
configured seconds, never a hang; every failure becomes one
:class:`LanguageToolError` naming the server and what to change.
"""
from __future__ import annotations

import ipaddress
import json
import socket
import time
import urllib.parse

from .. import __version__
from ..errors import NormlintError

CHUNK = 65536
BODY_EXCERPT = 300  # characters of a server's error text quoted back to the user


class LanguageToolError(NormlintError):
    """LanguageTool is unreachable, refuses a request or answers nonsense."""


class RequestTooLarge(LanguageToolError):
    """HTTP 413: the server's text limit is below what was sent (the caller splits and retries)."""


def api_base(url: str) -> str:
    """``http://host:8081``, ``.../v2`` and ``.../v2/`` all name the same API root."""
    url = url.rstrip("/")
    return url if url.endswith("/v2") else url + "/v2"


def _is_loopback(host: str | None) -> bool:
    if not host:
        return False
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


class LanguageToolClient:
    """One LanguageTool server.  ``source`` says where its URL came from, for messages."""

    def __init__(self, url: str, *, timeout: float = 10.0, total_timeout: float = 20.0, source: str = ""):
        self.url = url.rstrip("/")
        self.base = api_base(url)
        self.timeout = timeout
        self.total_timeout = total_timeout
        self.source = source
        # urllib.request and http.client are imported here, not with normlint: they cost
        # a noticeable part of a cold start and only grammar checking needs them.
        import urllib.request

        handlers = []
        if _is_loopback(urllib.parse.urlsplit(self.base).hostname):
            # a proxy from the environment must not intercept a server on this machine
            handlers.append(urllib.request.ProxyHandler({}))
        self._opener = urllib.request.build_opener(*handlers)

    # -- the two endpoints ------------------------------------------------
    def languages(self, deadline: float | None = None) -> list[dict]:
        """``GET /v2/languages``: ``[{"name", "code", "longCode"}, ...]``."""
        data = self._json("GET", "/languages", None, deadline)
        if not isinstance(data, list) or not all(
                isinstance(x, dict) and isinstance(x.get("code"), str) for x in data):
            raise self._malformed("/v2/languages", "expected a list of {name, code, longCode} objects")
        return data

    def check(self, text: str, params: dict, deadline: float | None = None) -> dict:
        """``POST /v2/check`` (form-encoded): the answer's JSON object, shape already verified."""
        form = dict(params)
        form["text"] = text
        body = urllib.parse.urlencode(form).encode("utf-8")
        data = self._json("POST", "/check", body, deadline)
        problem = _check_shape(data)
        if problem:
            raise self._malformed("/v2/check", problem)
        return data

    # -- plumbing ---------------------------------------------------------
    def _where(self) -> str:
        return f"LanguageTool server {self.url}" + (f" ({self.source})" if self.source else "")

    def _malformed(self, endpoint: str, problem: str) -> LanguageToolError:
        return LanguageToolError(f"{self._where()} sent an answer to {endpoint} that normlint cannot read: "
                                 f"{problem}. Is this URL a LanguageTool server?")

    def _json(self, method: str, path: str, body: bytes | None, deadline: float | None):
        raw = self._request(method, path, body, deadline)
        try:
            return json.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise self._malformed("/v2" + path, f"not JSON ({exc})") from None

    def _request(self, method: str, path: str, body: bytes | None, deadline: float | None) -> bytes:
        import http.client
        import urllib.error
        import urllib.request

        now = time.monotonic()
        if deadline is None:
            deadline = now + self.total_timeout
        left = deadline - now
        if left <= 0:
            raise self._timed_out()
        req = urllib.request.Request(self.base + path, data=body, method=method, headers={
            "Accept": "application/json",
            "User-Agent": f"normlint/{__version__}",
            **({"Content-Type": "application/x-www-form-urlencoded; charset=utf-8"} if body is not None else {}),
        })
        try:
            with self._opener.open(req, timeout=min(self.timeout, left)) as resp:
                chunks = []
                while True:
                    if time.monotonic() > deadline:
                        raise self._timed_out()
                    chunk = resp.read(CHUNK)
                    if not chunk:
                        break
                    chunks.append(chunk)
                return b"".join(chunks)
        except urllib.error.HTTPError as exc:
            raise self._http_error(exc) from None
        except (TimeoutError, socket.timeout):
            raise self._timed_out() from None
        except urllib.error.URLError as exc:
            reason = exc.reason
            if isinstance(reason, (TimeoutError, socket.timeout)):
                raise self._timed_out() from None
            raise LanguageToolError(f"cannot reach {self._where()}: {_reason(reason)}. Start LanguageTool "
                                    "(see the README's grammar section) or point normlint at a running server "
                                    "with [tool.normlint.languagetool] server or NORMLINT_LANGUAGETOOL_URL") from None
        except (http.client.HTTPException, ConnectionError, OSError) as exc:
            raise LanguageToolError(f"{self._where()} broke off the connection: {_reason(exc)}") from None

    def _timed_out(self) -> LanguageToolError:
        return LanguageToolError(
            f"{self._where()} did not answer in time (timeout {self.timeout:g} s, total {self.total_timeout:g} s). "
            "Check that it is running, or raise [tool.normlint.languagetool] timeout / total-timeout")

    def _http_error(self, exc: urllib.error.HTTPError) -> LanguageToolError:
        try:
            text = exc.read(4096).decode("utf-8", "replace").strip()
        except Exception:  # the body of an error answer is a courtesy, not a requirement
            text = ""
        excerpt = " ".join(text.split())[:BODY_EXCERPT]
        said = f": {excerpt}" if excerpt else ""
        if exc.code == 413:
            return RequestTooLarge(f"{self._where()} refused a request as too large (HTTP 413){said}. "
                                   "Lower [tool.normlint.languagetool] batch-chars or raise the server's "
                                   "maxTextLength")
        if exc.code == 429:
            return LanguageToolError(f"{self._where()} is rate-limiting normlint (HTTP 429){said}. "
                                     "Use your own LanguageTool server (see the README's grammar section)")
        if exc.code == 404:
            return LanguageToolError(f"{self._where()} has no {urllib.parse.urlsplit(exc.url or '').path} "
                                     f"(HTTP 404). Is this URL a LanguageTool server?")
        if exc.code == 400:
            return LanguageToolError(f"{self._where()} rejected the request (HTTP 400){said}. "
                                     "Check the language and rule ids in your grammar rule file")
        return LanguageToolError(f"{self._where()} failed (HTTP {exc.code}){said}")


def _reason(reason) -> str:
    if isinstance(reason, ConnectionRefusedError):
        return "connection refused"
    if isinstance(reason, socket.gaierror):
        return "unknown host"
    return str(getattr(reason, "strerror", None) or reason)


def _check_shape(data) -> str:
    """What is wrong with a /v2/check answer ('' when it has what normlint reads)."""
    if not isinstance(data, dict):
        return "expected a JSON object"
    matches = data.get("matches")
    if not isinstance(matches, list):
        return "no 'matches' list"
    for m in matches:
        if not isinstance(m, dict):
            return "a match is not an object"
        if not isinstance(m.get("offset"), int) or not isinstance(m.get("length"), int) \
                or isinstance(m.get("offset"), bool) or m["offset"] < 0 or m["length"] < 0:
            return "a match without whole-number 'offset' and 'length'"
        if not isinstance(m.get("message"), str):
            return "a match without a 'message'"
        rule = m.get("rule")
        if not isinstance(rule, dict) or not isinstance(rule.get("id"), str):
            return "a match without 'rule.id'"
        cat = rule.get("category", {})
        if not isinstance(cat, dict) or not isinstance(cat.get("id", ""), str):
            return "a match whose 'rule.category' is not an object with an 'id'"
        reps = m.get("replacements", [])
        if not isinstance(reps, list) or not all(isinstance(r, dict) and isinstance(r.get("value"), str)
                                                 for r in reps):
            return "a match whose 'replacements' are not [{value: ...}] objects"
    return ""
