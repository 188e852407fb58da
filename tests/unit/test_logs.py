"""The redaction in front of sys.stdout and sys.stderr: no form of the token gets through,
however the text is cut into writes, and whichever part of the program writes it."""

from __future__ import annotations

import io
import subprocess
import sys
import textwrap

from hypothesis import given
from hypothesis import strategies as st

from bot.logs import REDACTED, RedactingWriter

TOKEN = "7000000001:e2e-test-token-aaaaaaaaaaaaaaaa"
SECRET = TOKEN.split(":")[1]
ENCODED = TOKEN.replace(":", "%3A")
FORMS = (TOKEN, ENCODED, ENCODED.lower(), SECRET)


def written(*writes: str) -> str:
    out = io.StringIO()
    writer = RedactingWriter(out, [TOKEN])
    for text in writes:
        writer.write(text)
        writer.flush()
    return out.getvalue()


def test_each_form_of_the_token_is_replaced() -> None:
    assert written(
        f"GET /bot{TOKEN}/getMe\n",
        f'<a href="/bot{ENCODED}/getMe">\n',
        f"{TOKEN.replace(':', '%3a')} and {SECRET} alone\n",
    ) == (
        f"GET /bot{REDACTED}/getMe\n"
        f'<a href="/bot{REDACTED}/getMe">\n'
        f"{REDACTED} and {REDACTED} alone\n"
    )


def test_text_without_the_token_passes_unchanged() -> None:
    text = "2026-11-22 INFO bot: polling http://127.0.0.1:8081 for 7000000001 → ok\n"
    assert written(text) == text


def test_a_token_cut_at_any_point_is_still_replaced() -> None:
    line = f"Bad Gateway for /bot{TOKEN}/getMe\n"
    for cut in range(len(line)):
        assert written(line[:cut], line[cut:]) == f"Bad Gateway for /bot{REDACTED}/getMe\n"


def test_a_token_written_a_character_at_a_time_is_replaced() -> None:
    assert written(*f"[{ENCODED}]\n") == f"[{REDACTED}]\n"


def test_a_flush_does_not_let_the_start_of_a_token_out() -> None:
    out = io.StringIO()
    writer = RedactingWriter(out, [TOKEN])
    writer.write(f"token={TOKEN[:25]}")
    writer.flush()
    assert out.getvalue() == "token="
    writer.write(f"{TOKEN[25:]}\n")
    assert out.getvalue() == f"token={REDACTED}\n"


def test_what_only_looked_like_a_start_comes_out_with_the_next_write() -> None:
    out = io.StringIO()
    writer = RedactingWriter(out, [TOKEN])
    writer.write("choose 1 to 7")
    writer.write("\n")
    assert out.getvalue() == "choose 1 to 7\n"


# Pieces that make up tokens, near-misses and their starts, so that cuts fall everywhere.
pieces = st.sampled_from(
    (*FORMS, "7000000001", ":", "%3A", "e2e-", "test-token-", "aaaa", "x", " ", "\n", "/bot")
)


@given(st.lists(pieces, max_size=30), st.data())
def test_writes_cut_anywhere_give_what_one_write_gives(
    parts: list[str], data: st.DataObject
) -> None:
    text = "".join(parts) + "\n"
    cuts = sorted(data.draw(st.lists(st.integers(0, len(text)), max_size=10)))
    writes = [text[start:end] for start, end in zip([0, *cuts], [*cuts, len(text)], strict=True)]
    assert written(*writes) == written(text)
    assert SECRET not in written(*writes)


# Every way Python itself reports something: print, logging, warnings, an exception in a
# thread, one that asyncio's handler reports, and the uncaught one that ends the program.
PROGRAM = textwrap.dedent(
    f"""
    import asyncio, logging, sys, threading, warnings
    from bot.logs import configure_logging, redact_output

    token = {TOKEN!r}
    redact_output([token])
    configure_logging()
    print("print", token)
    logging.getLogger("library").error("log %s", token)
    try:
        raise ValueError(token)
    except ValueError:
        logging.getLogger("library").exception("log with a traceback")
    warnings.warn(f"warning {{token}}")
    thread = threading.Thread(target=lambda: 1 / 0 if token else None, name=token)
    thread.start()
    thread.join()

    async def fails() -> None:
        raise RuntimeError(f"task {{token}}")

    async def main() -> None:
        asyncio.get_running_loop().create_task(fails())
        await asyncio.sleep(0)

    asyncio.run(main())
    sys.stdout.write(token[:20])
    sys.stdout.flush()
    sys.stdout.write(token[20:] + "\\n")
    if "--exit" in sys.argv:
        sys.exit(f"exit {{token.replace(':', '%3A')}}")
    raise RuntimeError(f"uncaught {{token}}")
    """
)


def run_program(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", PROGRAM, *args], capture_output=True, text=True, timeout=60
    )


def test_every_way_the_program_reports_something_is_redacted() -> None:
    ended = run_program()
    output = ended.stdout + ended.stderr
    for form in FORMS:
        assert form not in output, output
    # Each report still came out, with the token replaced.
    for said in ("print", "log", "ValueError:", "warning", "thread", "task", "uncaught"):
        assert f"{said} {REDACTED}" in output, (said, output)
    assert ended.stdout.count(REDACTED) == 2, ended.stdout


def test_a_message_the_program_exits_with_is_redacted() -> None:
    ended = run_program("--exit")
    assert ended.stderr.endswith(f"exit {REDACTED}\n"), ended.stderr
    assert ended.returncode == 1
