
# ---- Part 2 of 7 (instrument.py): the wrapper between a Task and its coroutine. ----

# What the running mode adds: the scenario runner (part 5) sets these.
_RUN = types.SimpleNamespace(
    scenario=False,  # default-named tasks take their function's name; the panic marker counts
    locate=lambda filename, line: f"{filename}:{line}",  # a creation site as a location text
    step_of=lambda filename, line: -1,  # the scripted step at a line, or -1
    blocking_name=None,  # the name of the next run_in_executor lane, set by the step
    race_winner=None,  # the task whose win cancels the others, while our race cancels them
)

_tasks = _Ids()
_labels = _Ids()
_files = _Ids()
_workers = {}
_workers_lock = threading.Lock()
_SKIP = [0]  # the wake of a step that yielded bare: recorded with its end, not by call_soon

_OURS = _head.__code__.co_filename
_STDLIB = os.path.dirname(os.__file__) + os.sep
_PACKAGES = (os.sep + "site-packages" + os.sep, os.sep + "dist-packages" + os.sep)
_USER = {}  # file name -> whether it is the program's own code
MAX_WORKER = 0xFFFF  # threads beyond share the last worker number


def _is_user(code):
    """Whether `code` is the program's own: not the standard library, not an installed
    package, not this module. By file name (a code object's hash is computed anew each
    time, from all its constants: a module's holds every function of it)."""
    name = code.co_filename
    user = _USER.get(name)
    if user is None:
        library = name.startswith(_STDLIB) or any(p in name for p in _PACKAGES)
        user = not (library or name == _OURS or name.startswith("<frozen "))
        _USER[name] = user
    return user


def _worker():
    """This thread's worker number: the loop's thread first, then others as they appear."""
    ident = threading.get_ident()
    worker = _workers.get(ident)
    if worker is None:
        with _workers_lock:
            worker = _workers.setdefault(ident, min(len(_workers), MAX_WORKER))
        _put(_text(T_WORKER, worker, threading.current_thread().name))
    return worker


def _caller(depth):
    """The frame `depth` levels above the caller's, or None (a call from C at the top)."""
    try:
        return sys._getframe(depth + 1)
    except ValueError:
        return None


def _innermost(coro):
    """The innermost frame of the program's own code in a coroutine's await chain (else the
    coroutine's own frame): where the task really waits."""
    top = best = None
    node = coro
    while node is not None:
        frame = getattr(node, "cr_frame", None) or getattr(node, "gi_frame", None)
        if frame is None:
            break
        top = top or frame
        if _is_user(frame.f_code):
            best = frame
        node = getattr(node, "cr_await", None) or getattr(node, "gi_yieldfrom", None)
    return best or top


def _error_text(error):
    """`Type: message` (the message alone for a plain Exception), with the leaves of a group."""
    name = type(error).__name__
    try:
        text = str(error)
    except Exception:  # noqa: BLE001 - an exception whose __str__ fails still has a type
        text = ""
    if isinstance(error, BaseExceptionGroup):
        text += ": " + "; ".join(_error_text(e) for e in error.exceptions)
    if name == "Exception" and text:
        return text
    return f"{name}: {text}" if text else name


_CoroutineType = types.CoroutineType


def _drop_own(error):
    """Takes this module's frames off the front of an exception's traceback, so that a
    task's exception prints as it would without us."""
    tb = error.__traceback__
    while tb is not None and tb.tb_frame.f_globals is _GLOBALS:
        tb = tb.tb_next
    error.__traceback__ = tb


def _entry(method):
    """A way into a task's step other than `_Coro.send`: our frames leave its exceptions'
    tracebacks."""

    def entry(self, *args):
        try:
            return method(self, *args)
        except BaseException as error:
            _drop_own(error)
            raise

    return entry


_GLOBALS = globals()


_LABEL_WAITS = [False]  # set for a user's program (part 6)
_ASYNCIO = os.path.dirname(asyncio.__file__) + os.sep


def _wait_label(future, coro):
    """What a task whose step yielded `future` waits on, in asyncio's terms, or None: the
    task it awaits, or the first public coroutine of asyncio's it waits in (`Lock.acquire`
    under `async with lock`)."""
    if isinstance(future, asyncio.Task):
        return f"await {future.get_name()}"
    if type(future).__name__ == "_GatheringFuture":
        return "asyncio.gather()"
    node = coro
    while node is not None:  # the outermost public coroutine of asyncio's in the await chain
        code = getattr(node, "cr_code", None) or getattr(node, "gi_code", None)
        if code is None:
            return None
        if code.co_filename.startswith(_ASYNCIO) and not code.co_qualname.startswith("_"):
            name = _RENAMED.get(code.co_qualname, code.co_qualname)
            if name is None:
                return None
            return f"asyncio.{name}()" if "." not in name else f"{name}()"
        node = getattr(node, "cr_await", None) or getattr(node, "gi_yieldfrom", None)
    return None


# asyncio's coroutines said otherwise; None: their waits have a label of their own (a timer's).
_RENAMED = {"sleep": None, "TaskGroup.__aexit__": "asyncio.TaskGroup"}


class _Coro(collections.abc.Coroutine):
    """Stands between a Task and its coroutine: each `send` or `throw` is one poll.

    `send` is the hot path, written out for speed (one Python frame per step); every other
    way in goes through `_run`. A step is one record written when it ends (SPAN); when the
    writer sends a batch, it announces the step running then (from `_t0`). Then the
    position, if it changed.
    """

    # `__name__` and `__qualname__`: the coroutine's, for asyncio's Task repr (a slot named so
    # is an attribute of the instance; the class keeps its own name).
    __slots__ = ("_c", "_id", "_s", "_p", "_y", "_k", "_t0", "_base", "_name", "_f", "_lasti",
                 "_where", "_open", "__name__", "__qualname__")

    def __init__(self, coro, tid, worker, base):
        self._c = coro
        self._id = tid
        self._s = _head(POLL_START, tid, worker)
        self._p = _head(SPAN, tid, worker)
        self._y = _head(SPAN_YIELD, tid, worker)
        self._k = _head(WAKE, tid)
        self._t0 = 0
        self._base = base
        self._name = None
        self._f = None  # the coroutine's own frame, once it ran (the same object until its end)
        self._lasti = -1
        self._where = None
        self._open = None
        self.__name__ = getattr(coro, "__name__", type(coro).__name__)
        self.__qualname__ = getattr(coro, "__qualname__", self.__name__)

    def send(self, value):
        t0 = self._t0 = _now()
        try:
            result = self._c.send(value)
        except BaseException as error:
            self._ended(error, t0)
            _drop_own(error)
            raise
        t = _now()
        if result is None:  # the Task calls call_soon for its next step right away
            _put((self._y, t0, t))
            _SKIP[0] = 1
        else:
            _put((self._p, t0, t))
            if _LABEL_WAITS[0]:
                self._label_wait(result, t)
        if self._f.f_lasti != self._lasti:
            self._moved(t)
        return result

    @_entry
    def throw(self, *args):
        return self._run(self._c.throw, args)

    def _run(self, step, args, closing=()):
        """One step, the general way: `step(*args)`, closing the labels in `closing`."""
        t0 = self._t0 = _now()
        if closing:
            _put(tuple(word for label in closing for word in (_head(AWAIT_END, self._id, label), t0)))
        try:
            result = step(*args)
        except BaseException as error:
            self._ended(error, t0)
            raise
        t = _now()
        if result is None:
            _put((self._y, t0, t))
            _SKIP[0] = 1
        else:
            _put((self._p, t0, t))
            if _LABEL_WAITS[0]:
                self._label_wait(result, t)
        self._moved(t)
        return result

    def _label_wait(self, future, t):
        """Outside a scenario (whose steps carry labels), labels what the task now waits
        on, until its next step: the task it awaits, asyncio's primitive it waits in
        (`Queue.get()`), `asyncio.gather()`. A timer's label, if one was opened, stays."""
        if self._open is not None:
            return
        text = _wait_label(future, self._c)
        label = None if text is None else _labels.intern(T_LABEL, text)
        if label is not None:
            _put((_head(AWAIT_START, self._id, label), t))
            self._open = [label]
            self.__class__ = _Labelled

    def _moved(self, t):
        """After a step that stopped somewhere else: reports where the task waits now, if
        that changed. While it waits in its own frame, the next steps stopping at the same
        instruction of that frame are at the same place (`_lasti`); when the place is deeper
        (a coroutine of the program's own that it awaits), every step looks again."""
        coro = self._c
        top = self._f = getattr(coro, "cr_frame", None) or getattr(coro, "gi_frame", None)
        frame = _innermost(coro)
        self._lasti = top.f_lasti if top is not None and frame is top else -1
        if frame is not None and (frame, frame.f_lasti) != self._where:
            self._report(frame, t)

    def _report(self, frame, t):
        self._where = (frame, frame.f_lasti)
        filename = frame.f_code.co_filename
        line = frame.f_lineno or 0
        file = _files.intern(T_FILE, filename)
        if file is not None and 0 <= line <= MAX_B:
            step = _RUN.step_of(filename, line)
            _put((_head(POSITION, self._id, line), t, file | (step + 1) << 32))

    def _ended(self, error, t0):
        t = _now()
        self._f = self._where = None
        if error.__class__ is StopIteration:
            outcome = OK
        elif isinstance(error, asyncio.CancelledError):
            outcome = CANCELLED
        elif _RUN.scenario and getattr(error, "_taskscope_panic", None) == self._id:
            outcome = PANICKED
        else:
            outcome = FAILED
        words = [self._p, t0, t]
        if outcome in (FAILED, PANICKED):
            words += _text(T_ERROR, self._id, _error_text(error))
        words += (_head(END, self._id, outcome), t)
        _put(words)

    def close(self):
        return self._c.close()

    def __await__(self):
        return self._c.__await__()

    # What asyncio's Task repr, get_stack and print_stack read from a coroutine. (Not a
    # __getattr__: a class with one gets no specialized attribute access, on every step.)
    cr_frame = property(lambda self: self._c.cr_frame)
    cr_await = property(lambda self: self._c.cr_await)
    cr_code = property(lambda self: self._c.cr_code)
    cr_running = property(lambda self: self._c.cr_running)
    gi_frame = property(lambda self: self._c.gi_frame)
    gi_code = property(lambda self: self._c.gi_code)
    gi_running = property(lambda self: self._c.gi_running)


class _CoroAny(_Coro):
    """The wrapper of a coroutine that is not a native one (a generator-based coroutine, a
    Coroutine object of a library's own): every step the general way."""

    __slots__ = ()

    @_entry
    def send(self, value):
        return self._run(self._c.send, (value,))


class _First(_Coro):
    """A wrapper before its first step: that step reports a name given after creation."""

    __slots__ = ()

    @_entry
    def send(self, value):
        self._started()
        return self._run(self._c.send, (value,))

    @_entry
    def throw(self, *args):
        self._started()
        return self._run(self._c.throw, args)

    def _started(self):
        self.__class__ = self._base
        task = asyncio.current_task()
        name = task.get_name() if task is not None else None
        if name is not None and name != self._name:
            _put(_text(T_NAME, self._id, name))
        self._name = None


class _Labelled(_Coro):
    """A wrapper with labels opened by the instrumentation (a timer's), to close when the
    task's next step starts."""

    __slots__ = ()

    @_entry
    def send(self, value):
        self.__class__, closing, self._open = self._base, self._open, None
        return self._run(self._c.send, (value,), closing)

    @_entry
    def throw(self, *args):
        self.__class__, closing, self._open = self._base, self._open, None
        return self._run(self._c.throw, args, closing)
