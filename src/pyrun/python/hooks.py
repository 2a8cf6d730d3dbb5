
# ---- Part 4 of 7 (hooks.py): the event loop hooks, on asyncio's BaseEventLoop. ----

_EAGER = getattr(asyncio, "eager_task_factory", None)  # 3.12+
_LOOP = asyncio.BaseEventLoop
# asyncio's own methods, which ours wrap. The hooks are methods of BaseEventLoop itself, not
# attributes of each loop: a loop object with attributes of its own loses the fast
# attribute access every line of asyncio's loop code makes on it.
_ORIGINAL = {name: getattr(_LOOP, name) for name in
             ("__init__", "call_soon", "call_at", "run_in_executor", "set_task_factory")}
_THEIRS = weakref.WeakKeyDictionary()  # loop -> the task factory the program set on it


def _factory(loop, coro, **kwargs):
    """Every loop's task factory: records the task, made by the program's own factory if it
    set one (from get_task_factory() it gets that one back)."""
    their = _THEIRS.get(loop)
    if their is None:
        return _new_task(loop, coro, lambda c: _Task(c, loop=loop, **kwargs))
    if their is _EAGER:
        make = lambda c: _Task(c, loop=loop, eager_start=True, **kwargs)  # noqa: E731
        return _new_task(loop, coro, make, eager=True)
    return _new_task(loop, coro, lambda c: their(loop, c, **kwargs))


def _init(self, *args, **kwargs):
    _ORIGINAL["__init__"](self, *args, **kwargs)
    _ORIGINAL["set_task_factory"](self, _factory)
    _LOOPS.add(self)
    loop_class = type(self)
    if loop_class._call_soon is not _ASYNCIO_CALL_SOON and loop_class.call_soon is _call_soon:
        loop_class.call_soon = _make_call_soon(lean=False)  # its own _call_soon is called


def _set_task_factory(self, factory):
    if factory is not None and not callable(factory):
        raise TypeError("task factory must be a callable or None")
    _THEIRS[self] = factory


def _get_task_factory(self):
    return _THEIRS.get(self)


def _make_call_soon(lean):
    """Our call_soon. `lean`: the loop's class keeps asyncio's `_call_soon`, whose work (a
    Handle appended to the ready queue) this one does itself, a frame less each step."""

    def call_soon(self, callback, *args, context=None):
        """Every call_soon of a task's step or wake-up is the task's wake: recorded with
        the task whose action it is (see `_cause`). Then asyncio's call_soon, without its
        frame: its checks, and the loop's _call_soon. Any other callback goes the slower
        way, in `_call_soon_other`."""
        if _SKIP[0]:
            # A step just yielded bare, and recorded the wake this call is: a Task calls
            # call_soon for its next step as soon as its coroutine yields None, with no
            # Python code between the two.
            _SKIP[0] = 0
        else:
            task = getattr(callback, "__self__", None)
            wake = getattr(task, "_ts_wake", 0)
            if wake > 0:
                by = _current(self)
                by = getattr(by, "_ts_id", -1) if by is not None else _caused_by(self)
                _put((wake | (by + 1) << 35, _now()))
            else:
                return _call_soon_other(self, callback, args, context, task, wake)
        if self._debug or self._closed:
            return _ORIGINAL["call_soon"](self, callback, *args, context=context)
        if lean:  # (a Handle has no traceback to trim outside debug mode)
            handle = _Handle(callback, args, self, context)
            self._ready.append(handle)
            return handle
        return self._call_soon(callback, args, context)

    return call_soon


_Handle = asyncio.events.Handle
_ASYNCIO_CALL_SOON = _LOOP._call_soon
# Ours does asyncio's `_call_soon` work only where that is all it does (a Handle made and
# appended to the ready queue, as in 3.11); a Python whose `_call_soon` does more has it called.
_LEAN = set(_ASYNCIO_CALL_SOON.__code__.co_names) <= {
    "events", "Handle", "_source_traceback", "_ready", "append"}
_call_soon = _make_call_soon(lean=_LEAN)


def _call_soon_other(loop, callback, args, context, task, wake):
    """call_soon of anything but a plain wake of one of our tasks: the wake of a task
    waiting inside a branch (the branches are woken, innermost first, then the task), of a
    task made by the program's own factory, or a callback (a future's done callback, a
    `call_soon` of the program's), which remembers the task whose action scheduled it."""
    by = _task_id(_current(loop))
    if by is None:
        by = _caused_by(loop)
        by = None if by < 0 else by
    if wake:
        t = _now()
        words = []
        if _cancelling != task._ts_id and _CUT[0] is not task:  # not a cancel's wake
            branch = task._ts_branch
            while branch is not None:
                words += (_head(WAKE, branch._id, 0 if by is None else by + 1), t)
                branch = branch._outer
        _put(words + [-wake | (0 if by is None else by + 1) << 35, t])
    elif task.__class__ is not _Task and isinstance(task, asyncio.Task):
        tid = _task_id(task)  # a task made by the program's own factory
        if tid is not None:
            _put((_head(WAKE, tid, 0 if by is None else by + 1), _now()))
    if loop._debug or loop._closed:
        handle = _ORIGINAL["call_soon"](loop, callback, *args, context=context)
    else:
        handle = loop._call_soon(callback, args, context)
    if by is not None and not wake and not isinstance(task, asyncio.Task):
        _CAUSES[handle] = by
    return handle


_HANDLE_RUN = asyncio.events.Handle._run.__code__
# A callback's Handle -> the task whose action scheduled it; a future -> the lane whose work
# completes it (run_in_executor's).
_CAUSES = weakref.WeakKeyDictionary()
_CUT = [None]  # the task a cancellation token is cutting now (its wake is not a branch's)


def _caused_by(loop):
    """The task whose action the loop's callback running now is, when no task runs (else
    -1): the task that scheduled the callback (or caused that in turn), or the lane whose
    work completed the future the callback is for. A timer's or an I/O callback has none."""
    frame = _caller(1)  # call_soon's, then asyncio's code up to Handle._run
    for _ in range(12):
        if frame is None:
            return -1
        if frame.f_code is _HANDLE_RUN:
            handle = frame.f_locals.get("self")
            by = _CAUSES.get(handle)
            if by is None and handle._args:
                try:
                    by = _CAUSES.get(handle._args[0])
                except TypeError:  # an argument that cannot be a weak key
                    by = None
            return -1 if by is None else by
        frame = frame.f_back
    return -1


_current = asyncio.current_task


# The timers a task arms for its own wake-up, and the label each one gets outside scenarios.
_TIMERS = {
    asyncio.futures._set_result_unless_cancelled: "asyncio.sleep",
    asyncio.Timeout._on_timeout: "asyncio.timeout",
    getattr(asyncio.tasks, "_release_waiter", None): "timeout",
}


def _call_at(self, when, callback, *args, context=None):
    """A timer a running task arms for itself (asyncio.sleep, asyncio.timeout, wait_for):
    its deadline, so that a blocked loop shows the task ready once the timer is due. (Not
    on a loop with a clock of its own: its deadlines are not monotonic time.)"""
    task = _current(self)
    if task is not None and type(self).time is _LOOP.time:
        what = _TIMERS.get(getattr(callback, "__func__", callback))
        if what is not None:
            _timer(self, task, when, what)
    return _ORIGINAL["call_at"](self, when, callback, *args, context=context)


def _seconds(s):
    """0.25 -> '0.25', 2.0 -> '2'."""
    s = round(s, 6)
    return str(int(s)) if s == int(s) else repr(s)


_SLEEP = asyncio.sleep.__code__


def _delay(what):
    """The delay asyncio.sleep was given, read from its frame: `0.25`, as written."""
    frame = _caller(3)  # _delay <- _timer <- call_at <- call_later or sleep
    for _ in range(2):
        if frame is not None and frame.f_code is _SLEEP:
            delay = frame.f_locals.get("delay")
            return _seconds(delay) if isinstance(delay, (int, float)) else repr(delay)
        frame = frame and frame.f_back
    return None


def _timer(loop, task, when, what):
    tid = _task_id(task)
    if tid is None:
        return
    t = _now()
    words = []
    if not _RUN.scenario:  # a scenario's steps carry labels of their own
        delay = _delay(what) or _seconds(round(max(0.0, when - loop.time()), 3))
        label = _labels.intern(T_LABEL, f"{what}({delay})")
        wrapper = task.get_coro()
        if label is not None and isinstance(wrapper, _Coro):
            words += (_head(AWAIT_START, tid, label), t)
            wrapper._open = (wrapper._open or []) + [label]
            wrapper.__class__ = _Labelled
    words += (_head(TIMER, tid), t, int(when * 1e9))
    _put(words)


class _Blocking:
    """Work run_in_executor runs on a thread: one lane of kind blocking, one poll long."""

    __slots__ = ("_id", "_fn")

    def __init__(self, tid, fn):
        self._id = tid
        self._fn = fn

    def __call__(self, *args):
        tid = self._id
        _put((_head(POLL_START, tid, _worker()), _now()))
        try:
            result = self._fn(*args)
        except BaseException as error:
            t = _now()
            text = _text(T_ERROR, tid, _error_text(error))
            _put((_head(POLL_END, tid), t, *text, _head(END, tid, FAILED), t))
            _drop_own(error)
            raise
        t = _now()
        _put((_head(POLL_END, tid), t, _head(END, tid, OK), t))
        return result


def _blocking_name(fn):
    """`asyncio.to_thread(time.sleep)` / `run_in_executor(module.function)`."""
    to_thread = (isinstance(fn, functools.partial) and fn.args
                 and getattr(fn.func, "__name__", "") == "run")  # contextvars' Context.run
    inner = fn.args[0] if to_thread else fn
    name = getattr(inner, "__qualname__", None) or type(inner).__name__
    module = getattr(inner, "__module__", None)
    if module and module not in ("builtins", "__main__"):
        name = f"{module}.{name}"
    return f"asyncio.to_thread({name})" if to_thread else f"run_in_executor({name})"


def _run_in_executor(self, executor, fn, *args):
    """Work for a thread (asyncio.to_thread): a lane of kind blocking, polled once on the
    thread that runs it."""
    t = _now()
    # Only a thread's work: a process pool's would have to pickle our wrapper.
    threads = executor is None or isinstance(executor, concurrent.futures.ThreadPoolExecutor)
    tid = _tasks.new() if threads else None
    if tid is not None:
        name = _RUN.blocking_name or _blocking_name(fn)
        _RUN.blocking_name = None
        _kind, location = _creation(_caller(1))
        parent = _task_id(_current(self))
        words = list(_text(T_NAME, tid, name))
        if location is not None:
            words += _text(T_LOCATION, tid, location)
        words += (_head(SPAWN, tid, K_BLOCKING), t, 0 if parent is None else parent + 1)
        _put(words)
        fn = _Blocking(tid, fn)
    future = _ORIGINAL["run_in_executor"](self, executor, fn, *args)
    if tid is not None:
        _CAUSES[future] = tid  # the lane's end wakes whoever awaits it
    return future


def _never_awaited(coro):
    """Called by CPython for a coroutine collected without ever being awaited: records it as
    a lane of kind future that never ran, with the warning's text, then warns as CPython
    does (same text, same place, through the program's warning filters)."""
    t = _now()
    text = f"coroutine '{coro.__qualname__}' was never awaited"
    tid = _tasks.new()
    if tid is not None:
        _kind, location = _creation(_caller(1))
        parent = _task_id(asyncio.current_task()) if _running_loop() else None
        words = list(_text(T_NAME, tid, coro.__qualname__))
        if location is not None:
            words += _text(T_LOCATION, tid, location)
        words += (_head(SPAWN, tid, K_FUTURE), t, 0 if parent is None else parent + 1)
        words += _text(T_WARNING, tid, f"RuntimeWarning: {text}")
        words += (_head(END, tid, CANCELLED), t)
        _put(words)
    if coro.cr_origin is not None:  # sys.set_coroutine_origin_tracking_depth() was used
        import traceback

        origin = [(f, n, fn, None) for f, n, fn in reversed(coro.cr_origin)]
        text += "\nCoroutine created at (most recent call last)\n"
        text += "".join(traceback.format_list(origin)).rstrip("\n")
    warnings.warn(text, category=RuntimeWarning, stacklevel=2, source=coro)


def _running_loop():
    try:
        return asyncio.get_running_loop()
    except RuntimeError:
        return None


def install():
    """Instruments every asyncio event loop made from now on (asyncio.run, Runner,
    new_event_loop, any BaseEventLoop), and records coroutines never awaited."""
    if _LOOP.__init__ is _init:
        return
    _LOOP.__init__ = _init
    _LOOP.call_soon = _call_soon
    _LOOP.call_at = _call_at
    _LOOP.run_in_executor = _run_in_executor
    _LOOP.set_task_factory = _set_task_factory
    _LOOP.get_task_factory = _get_task_factory
    warnings._warn_unawaited_coroutine = _never_awaited
