"""taskscope's asyncio instrumentation: records a real asyncio event loop for taskscope.

Shipped inside the taskscope binary and run as `python3 -c TEXT MODE ...` (or saved as a
file): one module, the standard library only, CPython 3.11 or newer. It is written as seven
parts, concatenated in this order into one module (src/pyrun/mod.rs does it): record.py
(the event buffer and the wire), instrument.py (the wrapper between a Task and its
coroutine), tasks.py (the Task subclass and the task factory's work), hooks.py (the event
loop hooks), branches.py (a call a scenario step runs inside its task), scenario.py (a
scenario Program as Python source), main.py (the command line). A part uses the names of the parts before it.

The wire (docs/asyncio.md has the full table): little-endian 64-bit words. Every
record starts with a head word: bits 0-7 the record kind, bits 8-34 `a` (27 bits: usually
the task), bits 35-62 `b` (28 bits). Times are CLOCK_MONOTONIC nanoseconds; HELLO, the first
record, carries the run's start, so the reader can subtract it.
"""

import sys

if sys.version_info < (3, 11):
    sys.stderr.write(
        "taskscope asyncio: needs CPython 3.11 or newer (TaskGroup, asyncio.timeout); "
        f"this is {sys.version.split()[0]} at {sys.executable}\n"
    )
    sys.exit(3)

import array  # noqa: E402 - after the version check, which must run on any Python
import asyncio  # noqa: E402
import collections.abc  # noqa: E402
import concurrent.futures  # noqa: E402
import functools  # noqa: E402
import itertools  # noqa: E402
import json  # noqa: E402
import os  # noqa: E402
import select  # noqa: E402
import socket  # noqa: E402
import stat  # noqa: E402
import threading  # noqa: E402
import time  # noqa: E402
import types  # noqa: E402
import warnings  # noqa: E402
import weakref  # noqa: E402

VERSION = 1

# Record kinds, and how many words each one has (TEXT: 2 + its padded bytes).
HELLO, TEXT, SPAWN, POLL_START, POLL_END, WAKE, TIMER = 1, 2, 3, 4, 5, 6, 7
AWAIT_START, AWAIT_END, STEP, ABORT, END, POSITION, DROPPED, EXIT = 8, 9, 10, 11, 12, 13, 14, 15
# A whole step (written at its end, with its start): SPAN ends pending; SPAN_YIELD yielded
# bare, so asyncio schedules the task's next step at once (the task woke itself). A step
# still running when the writer sends a batch is announced by a POLL_START of its start.
# FLUSH ends a batch: the reader orders each batch's events by time.
SPAN, SPAN_YIELD, FLUSH = 16, 17, 18
WORDS = {HELLO: 3, SPAWN: 3, TIMER: 3, POSITION: 3, SPAN: 3, SPAN_YIELD: 3}  # others: 2

# What a TEXT record names: its `b`. Its `a` is the task, label, file or worker it is about.
T_NAME, T_LOCATION, T_ERROR, T_LABEL, T_FILE, T_WARNING, T_WORKER, T_EXIT = range(8)

# Task kinds (SPAWN's `b`; branches from 4, see branches.py) and outcomes (END's `b`), as
# taskscope's TaskKind and EndKind.
K_TASK, K_BLOCKING, K_BLOCK_ON, K_FUTURE = range(4)
OK, FAILED, PANICKED, CANCELLED = range(4)

MAX_ID = (1 << 27) - 1  # tasks, labels, files and workers: beyond, they are not recorded
MAX_B = (1 << 28) - 1  # the `b` field: steps, lines, labels
MAX_TEXT_BYTES = 4096  # a longer text is cut (at a character boundary)
FLUSH_EVERY_S = 0.010  # the writer sends what was recorded this often while the run goes on
MAX_BACKLOG_BYTES = 64 << 20  # unsent bytes beyond which new events are dropped and counted

_BIG_ENDIAN = sys.byteorder == "big"
# The array type of a wire word: unsigned, 64 bits. "L" where it is 64 bits: it converts a
# Python int in half the time "Q" takes (and "Q" in half the time of "q").
_WORD = "L" if array.array("L").itemsize == 8 else "Q"
_now = time.monotonic_ns
# The record buffer: a flat list of words. One record is added by one `extend` with a
# tuple, which holds the GIL throughout, so records of different threads never interleave
# and the writer always takes whole records.
_buf = []
_put = _buf.extend
_LOOPS = weakref.WeakSet()  # the instrumented loops: the writer announces their running steps


def _head(kind, a=0, b=0):
    """The first word of a record."""
    return kind | a << 8 | b << 35


def _text(what, subject, text):
    """The words of a TEXT record: the head, the length in bytes, the UTF-8 bytes padded."""
    data = str(text).encode("utf-8", "replace")
    if len(data) > MAX_TEXT_BYTES:
        data = data[:MAX_TEXT_BYTES].decode("utf-8", "ignore").encode("utf-8")
    words = array.array("Q", data + bytes(-len(data) % 8))
    if _BIG_ENDIAN:  # the writer swaps every word once more
        words.byteswap()
    return (_head(TEXT, subject, what), len(data), *words)


class _Ids:
    """Numbers handed out in order, with the texts already sent (labels, files)."""

    def __init__(self):
        self.next = itertools.count().__next__  # (one C call: threads get distinct numbers)
        self.known = {}

    def new(self):
        n = self.next()
        return n if n <= MAX_ID else None

    def intern(self, what, text):
        """The id of `text`, sending it (as a TEXT of kind `what`) the first time."""
        n = self.known.get(text)
        if n is None:
            n = self.new()
            if n is None:
                return None
            self.known[text] = n
            _put(_text(what, n, text))
        return n


def _count_events(words):
    """How many records other than texts a batch of words holds (for DROPPED)."""
    count, i = 0, 0
    while i < len(words):
        kind = words[i] & 0xFF
        if kind == TEXT:
            i += 2 + (words[i + 1] + 7) // 8
        else:
            count += kind != FLUSH
            i += WORDS.get(kind, 2)
    return count


def _keep_texts(words):
    """The records of a batch that must be dropped that are kept: names outlive events."""
    kept, i = [], 0
    while i < len(words):
        kind = words[i] & 0xFF
        n = 2 + (words[i + 1] + 7) // 8 if kind == TEXT else WORDS.get(kind, 2)
        if kind in (TEXT, SPAWN, FLUSH):
            kept.extend(words[i : i + n])
        i += n
    return kept


class _Writer:
    """Sends the buffer to taskscope from a thread of its own, every FLUSH_EVERY_S.

    Writes never block the thread for long: the descriptor is non-blocking and what the
    reader has not taken yet waits here. If that backlog passes MAX_BACKLOG_BYTES (the
    reader is stuck), new events are dropped and counted (names and labels are kept). When
    the reader is gone (the descriptor hangs up, or a write finds the pipe broken), the
    process ends at once and quietly: nobody is left to watch it.
    """

    def __init__(self, fd):
        self.fd = fd
        self.lock = threading.Lock()
        self.backlog = bytearray()
        self.dropped = 0
        self.announced = None
        self.done = threading.Event()
        self.thread = threading.Thread(target=self._run, name="taskscope-writer", daemon=True)

    def start(self):
        os.set_blocking(self.fd, False)
        _widen(self.fd)
        self.thread.start()

    def _run(self):
        # The reader never writes back: the descriptor turning readable, or an error or a
        # hang-up on it, means the reader is gone, even while there is nothing to send.
        # (A file, or /dev/null, always reads as ready: only pipes and sockets are watched.)
        # While a backlog waits, the thread also wakes as soon as the reader takes more.
        mode = os.fstat(self.fd).st_mode
        watched = stat.S_ISFIFO(mode) or stat.S_ISSOCK(mode)
        gone = select.POLLIN | select.POLLERR | select.POLLHUP
        poller = select.poll()
        due = time.monotonic() + FLUSH_EVERY_S
        while not self.done.is_set():
            if watched:
                poller.register(self.fd, gone | (select.POLLOUT if self.backlog else 0))
            for _fd, event in poller.poll(max(0.0, due - time.monotonic()) * 1000):
                if event & gone:
                    os._exit(0)
            if time.monotonic() >= due:
                due = time.monotonic() + FLUSH_EVERY_S
                self.flush()
            elif self.backlog:
                with self.lock:
                    self._send()

    def flush(self):
        """Sends what was recorded so far, as far as the reader takes it now."""
        with self.lock:
            for loop in list(_LOOPS):
                self._announce(asyncio.current_task(loop))
            if _buf:
                _put((_head(FLUSH), _now()))
            n = len(_buf)
            if n:
                chunk = _buf[:n]
                del _buf[:n]
                if len(self.backlog) > MAX_BACKLOG_BYTES:
                    self.dropped += _count_events(chunk)
                    chunk = _keep_texts(chunk)
                elif self.dropped:
                    chunk = [_head(DROPPED), self.dropped] + chunk
                    self.dropped = 0
                words = array.array(_WORD, chunk)
                if _BIG_ENDIAN:
                    words.byteswap()
                self.backlog += words.tobytes()
            self._send()

    def _announce(self, task):
        """A POLL_START for the step `task` is running now (its record comes when it ends),
        once: a step that holds the loop is drawn as it goes."""
        coro = task.get_coro() if task is not None else None
        start = getattr(coro, "_t0", None)
        if start and (coro, start) != self.announced:
            self.announced = (coro, start)
            _put((coro._s, start))

    def _send(self):
        """Writes what the descriptor takes now. Once: a second try would find it full, and
        every write gives the GIL back to the loop and must wait to get it again."""
        if self.backlog:
            try:
                sent = os.write(self.fd, self.backlog)
            except BlockingIOError:
                return
            except (BrokenPipeError, ConnectionResetError):
                os._exit(0)  # taskscope went away: nobody reads what this process does
            del self.backlog[:sent]

    def close(self):
        """Stops the thread and sends everything left, waiting for the reader."""
        self.done.set()
        if self.thread.is_alive() and threading.current_thread() is not self.thread:
            self.thread.join()
        self.flush()
        os.set_blocking(self.fd, True)
        while self.backlog:
            self._send()
        os.close(self.fd)


def _widen(fd):
    """Asks for the largest buffer the system allows on the descriptor (a socket's send
    buffer, a pipe's size): the writer moves at most that much each time it gets the GIL."""
    mode = os.fstat(fd).st_mode
    try:
        if stat.S_ISSOCK(mode):
            sock = socket.socket(fileno=fd)
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_SNDBUF, 8 << 20)
            sock.detach()
        elif stat.S_ISFIFO(mode):
            import fcntl

            fcntl.fcntl(fd, fcntl.F_SETPIPE_SZ, 1 << 20)
    except (OSError, AttributeError):
        pass  # the system's limit, or not Linux: the default size


def _open_events(target):
    """The descriptor to send events on: `fd:N` (inherited) or `unix:PATH` (a socket)."""
    kind, _, where = target.partition(":")
    if kind == "fd" and where.isdigit():
        os.fstat(int(where))  # an OSError for a descriptor this process does not have
        return int(where)
    if kind == "unix" and where:
        sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        sock.connect(where)
        return sock.detach()
    raise ValueError(f"--events: expected fd:N or unix:PATH, found {target!r}")
