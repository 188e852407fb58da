"""Output that cannot leak the bot token.

The token is redacted where output is written, not where it is produced: sys.stdout and
sys.stderr pass everything through one filter, so log records, tracebacks (sys.excepthook,
threading.excepthook, asyncio's handler), warnings and print are all covered, and so is any
code path added later. A Bot API server, or a proxy in front of one, may quote the request
path `/bot<token>/<method>` in any error, and libraries put such texts in their exceptions.
"""

from __future__ import annotations

import io
import logging
import sys
import threading
from collections.abc import Iterable
from typing import TextIO, cast

REDACTED = "<token>"


class RedactingWriter(io.TextIOBase):
    """A text stream that writes to `stream` with every form of the tokens replaced.

    The forms of a token "<bot id>:<secret>": the token, the token with its colon
    URL-encoded, and the secret alone (the bot id is public; the secret is the key). A write
    that ends in what could be the start of a form keeps that end back until later writes
    show whether it is one, so a token written in pieces is caught as well; a flush does
    not release it, since nothing ends a token but the characters after it.
    """

    def __init__(self, stream: TextIO, tokens: Iterable[str]) -> None:
        super().__init__()
        forms: set[str] = set()
        for token in tokens:
            bot_id, _, secret = token.partition(":")
            forms |= {token, f"{bot_id}%3A{secret}", f"{bot_id}%3a{secret}", secret}
        # Longest first: the whole token becomes one REDACTED, not "<bot id>:<token>".
        self._forms = sorted(forms - {""}, key=len, reverse=True)
        self._stream = stream
        self._held = ""
        # Other threads write too; reentrant, so that a signal handler that logs cannot hang.
        self._lock = threading.RLock()

    def write(self, text: str) -> int:
        with self._lock:
            pending = self._held + text
            for form in self._forms:
                pending = pending.replace(form, REDACTED)
            keep = self._unfinished(pending)
            self._held = pending[len(pending) - keep :]
            self._stream.write(pending[: len(pending) - keep])
        return len(text)

    def _unfinished(self, text: str) -> int:
        """The length of the longest end of `text` that one of the forms begins with."""
        longest = len(self._forms[0]) - 1 if self._forms else 0
        for length in range(min(longest, len(text)), 0, -1):
            end = text[-length:]
            if any(form.startswith(end) for form in self._forms):
                return length
        return 0

    def flush(self) -> None:
        self._stream.flush()

    def writable(self) -> bool:
        return True

    def isatty(self) -> bool:
        # The terminal chat draws with ANSI colours on a terminal only.
        return self._stream.isatty()


def redact_output(tokens: Iterable[str]) -> None:
    """From now on, nothing written to sys.stdout or sys.stderr shows these tokens."""
    tokens = list(tokens)
    # typeshed types sys.stdout as typing.TextIO, a class that io.TextIOBase is not.
    sys.stdout = cast(TextIO, RedactingWriter(sys.stdout, tokens))
    sys.stderr = cast(TextIO, RedactingWriter(sys.stderr, tokens))


def configure_logging(level: int = logging.INFO) -> None:
    """Log to sys.stderr as it is now: call redact_output first."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    # At INFO these log every request and every job run: noise in the operator's log.
    logging.getLogger("httpx").setLevel(logging.WARNING)
    logging.getLogger("httpcore").setLevel(logging.WARNING)
    logging.getLogger("apscheduler").setLevel(logging.WARNING)
    # A response that is not JSON (a proxy's error page) PTB logs with the JSON decoder's
    # traceback, then raises an error that quotes the response anyway: say it once.
    logging.getLogger("telegram.request").setLevel(logging.CRITICAL)
    logging.getLogger("telegram.ext").addFilter(_not_start_up_failure)


def _not_start_up_failure(record: logging.LogRecord) -> bool:
    """A start-up step that fails (getMe, deleteWebhook) PTB logs with its traceback, then
    raises the error, which main() names in one line: that line is the report."""
    return not record.getMessage().startswith("Network Retry Loop (Bootstrap")
