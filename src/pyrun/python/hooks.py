
# ---- Part 3 of 5 (hooks.py): the event loop hooks, installed on every new loop. ----

_EAGER = getattr(asyncio, "eager_task_factory", None)  # 3.12+


def _install(loop):
    """Instruments one event loop: its task factory, call_soon (wakes), call_at (timer
    deadlines) and run_in_executor (to_thread work). Idempotent."""
    if loop.__dict__.get("_taskscope"):
        return
    loop._taskscope = True
    _hook_task_factory(loop)
    _hook_call_soon(loop)
    _hook_call_at(loop)
    _hook_run_in_executor(loop)


def _hook_task_factory(loop):
    """Our factory stays in place; one the program sets is called from ours, on the
    wrapped coroutine, and is what get_task_factory() returns."""
    theirs = [loop.get_task_factory()]

    def factory(_loop, coro, **kwargs):
        their = theirs[0]
        if their is None:
            return _new_task(loop, coro, lambda c: _Task(c, loop=loop, **kwargs))
        if their is _EAGER:
            make = lambda c: _Task(c, loop=loop, eager_start=True, **kwargs)  # noqa: E731
            return _new_task(loop, coro, make, eager=True)
        return _new_task(loop, coro, lambda c: their(loop, c, **kwargs))

    def set_task_factory(their):
        if their is not None and not callable(their):
            raise TypeError("task factory must be a callable or None")
        theirs[0] = their

    asyncio.BaseEventLoop.set_task_factory(loop, factory)
    loop.set_task_factory = set_task_factory
    loop.get_task_factory = lambda: theirs[0]


def _hook_call_soon(loop):
    """Every call_soon of a task's step or wake-up is the task's wake: recorded with the
    task running now, if any. On an asyncio loop whose call_soon is asyncio's own, ours
    takes its place (its checks, then the loop's _call_soon), so the hook costs no frame."""
    original = loop.call_soon
    schedule = loop._call_soon
    own = type(loop).call_soon is asyncio.BaseEventLoop.call_soon
    current = asyncio.current_task

    def call_soon(callback, *args, context=None):
        global _skip
        task = getattr(callback, "__self__", None)
        wake = getattr(task, "_ts_wake", 0)
        if wake:
            if wake == _skip:
                _skip = 0  # recorded when the step ended
            else:
                _put((wake | (getattr(current(loop), "_ts_id", -1) + 1) << 35, _now()))
        elif task.__class__ is not _Task and isinstance(task, asyncio.Task):
            tid = _task_id(task)  # a task made by the program's own factory
            if tid is not None:
                by = _task_id(current(loop))
                _put((_head(WAKE, tid, 0 if by is None else by + 1), _now()))
        if own and not (loop._debug or loop._closed):
            return schedule(callback, args, context)
        return original(callback, *args, context=context)

    loop.call_soon = call_soon


# The timers a task arms for its own wake-up, and the label each one gets outside scenarios.
_TIMERS = {
    asyncio.futures._set_result_unless_cancelled: "asyncio.sleep",
    asyncio.Timeout._on_timeout: "asyncio.timeout",
    getattr(asyncio.tasks, "_release_waiter", None): "timeout",
}


def _hook_call_at(loop):
    """A timer a running task arms for itself (asyncio.sleep, asyncio.timeout, wait_for):
    its deadline, so that a blocked loop shows the task ready once the timer is due."""
    original = loop.call_at
    if type(loop).time is not asyncio.BaseEventLoop.time:
        return  # a loop with a clock of its own: its deadlines are not monotonic time
    current = asyncio.current_task

    def call_at(when, callback, *args, context=None):
        task = current(loop)
        if task is not None:
            what = _TIMERS.get(getattr(callback, "__func__", callback))
            if what is not None:
                _timer(loop, task, when, what)
        return original(when, callback, *args, context=context)

    loop.call_at = call_at


def _seconds(s):
    """0.25 -> '0.25', 2.0 -> '2'."""
    s = round(s, 6)
    return str(int(s)) if s == int(s) else repr(s)


_SLEEP = asyncio.sleep.__code__


def _delay(what):
    """The delay asyncio.sleep was given, read from its frame: `0.25`, as written."""
    frame = sys._getframe(3)  # _delay <- _timer <- call_at <- call_later or sleep
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


def _hook_run_in_executor(loop):
    original = loop.run_in_executor

    def run_in_executor(executor, fn, *args):
        t = _now()
        tid = _tasks.new()
        if tid is not None:
            name = _RUN.blocking_name or _blocking_name(fn)
            _RUN.blocking_name = None
            _kind, location = _creation(sys._getframe(1))
            parent = _task_id(asyncio.current_task(loop))
            words = list(_text(T_NAME, tid, name))
            if location is not None:
                words += _text(T_LOCATION, tid, location)
            words += (_head(SPAWN, tid, K_BLOCKING), t, 0 if parent is None else parent + 1)
            _put(words)
            fn = _Blocking(tid, fn)
        return original(executor, fn, *args)

    loop.run_in_executor = run_in_executor


def _never_awaited(coro):
    """Called by CPython for a coroutine collected without ever being awaited: records it as
    a lane of kind future that never ran, with the warning's text, then warns as CPython
    does (same text, same place, through the program's warning filters)."""
    t = _now()
    text = f"coroutine '{coro.__qualname__}' was never awaited"
    tid = _tasks.new()
    if tid is not None:
        _kind, location = _creation(sys._getframe(1))
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
    init = asyncio.BaseEventLoop.__init__
    if getattr(init, "_taskscope", False):
        return

    def __init__(self, *args, **kwargs):
        init(self, *args, **kwargs)
        _install(self)

    __init__._taskscope = True
    asyncio.BaseEventLoop.__init__ = __init__
    warnings._warn_unawaited_coroutine = _never_awaited
