"""A stand-in LanguageTool server for the tests: LanguageTool's documented HTTP API, a few rules.

It speaks ``GET /v2/languages`` and ``POST /v2/check`` (form-encoded ``text``,
``language``, ``enabledRules``, ``disabledRules``, ``enabledCategories``,
``disabledCategories``, ``enabledOnly``, ``level``) and answers in the JSON
shape of LanguageTool's API documentation (``software``, ``warnings``,
``language``, ``matches[]`` with ``message``, ``shortMessage``,
``replacements[].value``, ``offset``, ``length``, ``context``, ``sentence``,
``type``, ``rule{id, description, issueType, category{id, name}}``).  Offsets
and lengths count UTF-16 code units, as Java's do.

``mode`` makes it misbehave the ways real servers do: HTTP 500, 413 over a
text limit, sleeping past the client's timeout, not-JSON, wrong JSON.
"""
from __future__ import annotations

import json
import re
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

LANGUAGES = [
    {"name": "English (US)", "code": "en", "longCode": "en-US"},
    {"name": "English (GB)", "code": "en", "longCode": "en-GB"},
    {"name": "German (Germany)", "code": "de", "longCode": "de-DE"},
]

CATEGORIES = {"MISC": "Miscellaneous", "TYPOS": "Possible Typo", "GRAMMAR": "Grammar",
              "TYPOGRAPHY": "Typography"}

MISSPELT = {"Wedmesday": "Wednesday", "recieve": "receive"}


def _units(s: str) -> int:
    return len(s.encode("utf-16-le")) // 2


def _find(text: str):
    """(rule id, category, start, end, message, short message, replacements) in Python offsets."""
    for m in re.finditer(r"\b([Aa])\s+([aeiouAEIOU]\w*)", text):
        yield ("EN_A_VS_AN", "MISC", m.start(1), m.end(1),
               "Use “an” instead of ‘a’ if the following word starts with a vowel sound, e.g. ‘an article’, "
               "‘an hour’.", "Wrong article", ["an" if m.group(1) == "a" else "An"])
    for m in re.finditer(r"(?<!\S)(\S+) (\1)(?![^\s.,;:!?])", text, re.IGNORECASE):
        yield ("ENGLISH_WORD_REPEAT_RULE", "MISC", m.start(1), m.end(2), "Possible typo: you repeated a word.",
               "Word repetition", [m.group(1)])
    for m in re.finditer(r"\b\w+\b", text):
        if m.group() in MISSPELT:
            yield ("MORFOLOGIK_RULE_EN_US", "TYPOS", m.start(), m.end(), "Possible spelling mistake found.",
                   "Spelling mistake", [MISSPELT[m.group()], "Wednesdays"])
    for m in re.finditer(r"\b(We|They|You) (was)\b", text):
        yield ("PERS_PRONOUN_AGREEMENT", "GRAMMAR", m.start(2), m.end(2),
               "Did you mean “were”?", "Grammatical problem", ["were"])
    for m in re.finditer(r"(?<=\S)  +(?=\S)", text):
        yield ("WHITESPACE_RULE", "TYPOGRAPHY", m.start(), m.end(),
               "Possible typo: you repeated a whitespace", "", [" "])


class _QuietServer(ThreadingHTTPServer):
    def handle_error(self, request, client_address):
        # A handler told to sleep past the client's timeout writes to a socket the client has
        # closed; the default prints that traceback to sys.stderr from its thread, which may
        # be a later test's captured stderr by then and fail that test.  The tests judge the
        # server by what the client saw, so there is nothing to report.
        pass


class FakeLanguageTool:
    def __init__(self):
        self.mode = "ok"
        self.sleep = 0.0
        self.max_chars: int | None = None  # like the server's maxTextLength: 413 above it
        self.requests: list[dict] = []  # the /v2/check forms received
        self.language_requests = 0
        self.fail_languages = False  # misbehave on /v2/languages too (else only on /v2/check)
        self._httpd = _QuietServer(("127.0.0.1", 0), self._handler())
        self._httpd.daemon_threads = True
        self._httpd.block_on_close = False  # a sleeping handler must not hold the test's teardown
        self.url = f"http://127.0.0.1:{self._httpd.server_address[1]}"
        self._thread = threading.Thread(target=self._httpd.serve_forever, kwargs={"poll_interval": 0.02},
                                        daemon=True)
        self._thread.start()

    def close(self):
        self._httpd.shutdown()
        self._httpd.server_close()

    @property
    def texts(self) -> list[str]:
        return [r["text"] for r in self.requests]

    # -- the API ------------------------------------------------------------
    def check(self, form: dict) -> tuple[int, str, str]:
        text = form.get("text", "")
        language = form.get("language", "")
        if language not in {x for d in LANGUAGES for x in (d["code"], d["longCode"])} | {"auto"}:
            return 400, "text/plain", f"Error: '{language}' is not a language code known to LanguageTool."
        if self.max_chars is not None and len(text) > self.max_chars:
            return 413, "text/plain", (f"Error: Your text exceeds the limit of {self.max_chars} characters "
                                       f"(it's {len(text)} characters). Please submit a shorter text.")

        def ids(name):
            return {x for x in form.get(name, "").split(",") if x}

        enabled, disabled = ids("enabledRules"), ids("disabledRules")
        en_cats, dis_cats = ids("enabledCategories"), ids("disabledCategories")
        only = form.get("enabledOnly") == "true"
        matches = []
        for rule_id, cat, start, end, message, short, reps in sorted(_find(text), key=lambda f: (f[2], f[0])):
            if only and rule_id not in enabled and cat not in en_cats:
                continue
            if rule_id in disabled or (cat in dis_cats and rule_id not in enabled):
                continue
            offset, length = _units(text[:start]), _units(text[start:end])
            ctx_start = max(0, start - 40)
            context = text[ctx_start:end + 40]
            matches.append({
                "message": message, "shortMessage": short,
                "replacements": [{"value": r} for r in reps],
                "offset": offset, "length": length,
                "context": {"text": context, "offset": _units(text[ctx_start:start]), "length": length},
                "sentence": text.strip(),
                "type": {"typeName": "Other"},
                "rule": {"id": rule_id, "description": short or rule_id, "issueType": "grammar",
                         "category": {"id": cat, "name": CATEGORIES[cat]}},
                "ignoreForIncompleteSentence": False, "contextForSureMatch": 0,
            })
        answer = {
            "software": {"name": "LanguageTool", "version": "6.4", "buildDate": "2024-03-28 12:00:00 +0000",
                         "apiVersion": 1, "premium": False, "status": ""},
            "warnings": {"incompleteResults": self.mode == "incomplete"},
            "language": {"name": "English (US)", "code": language,
                         "detectedLanguage": {"name": "English (US)", "code": "en-US", "confidence": 0.99}},
            "matches": matches,
        }
        if self.mode == "offset-out" and matches:
            matches[0]["offset"] = _units(text) + 5
        return 200, "application/json", json.dumps(answer)

    def _handler(self):
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):  # keep pytest output clean
                pass

            def _send(self, code, ctype, body):
                data = body.encode("utf-8")
                self.send_response(code)
                self.send_header("Content-Type", ctype + "; charset=utf-8")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def _misbehave(self) -> bool:
                if fake.sleep:
                    time.sleep(fake.sleep)
                if fake.mode == "500":
                    self._send(500, "text/plain", "Error: Internal Error: java.lang.RuntimeException")
                elif fake.mode == "not-json":
                    self._send(200, "text/html", "<html><body>It works!</body></html>")
                elif fake.mode == "wrong-json":
                    self._send(200, "application/json", json.dumps({"matches": "none"}))
                else:
                    return False
                return True

            def do_GET(self):
                if self.path.split("?")[0] == "/v2/languages":
                    fake.language_requests += 1
                    if fake.fail_languages and self._misbehave():
                        return
                    self._send(200, "application/json", json.dumps(LANGUAGES))
                else:
                    self._send(404, "text/plain", "Not found")

            def do_POST(self):
                if self.path.split("?")[0] != "/v2/check":
                    self._send(404, "text/plain", "Not found")
                    return
                length = int(self.headers.get("Content-Length", 0))
                form = dict(urllib.parse.parse_qsl(self.rfile.read(length).decode("utf-8"),
                                                   keep_blank_values=True))
                fake.requests.append(form)
                if self._misbehave():
                    return
                self._send(*fake.check(form))

        return Handler
