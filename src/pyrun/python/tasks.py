
# ---- Part 3 of 7 (tasks.py): the Task subclass, cancel causes, the task factory's work. ----

_cancelling = None  # the task whose cancel() is running: it cancels what that task awaits


def _task_id(task):
    """Our number for a task, or None for a task that is not recorded."""
    tid = getattr(task, "_ts_id", None)
    if tid is None and isinstance(task, asyncio.Task):
        coro = task.get_coro()
        tid = coro._id if isinstance(coro, _Coro) else None
    return tid


class _Task(asyncio.Task):
    """asyncio's Task, carrying its numbers for the call_soon hook; records cancel().

    `_ts_id` is the task's number, or its branch's while its step runs inside a branch (so
    what the branch spawns, wakes or arms is the branch's). `_ts_wake` is the head of its
    WAKE record, negated while it waits inside the branch `_ts_branch` (see branches.py)."""

    __slots__ = ("_ts_id", "_ts_wake", "_ts_branch")

    def set_name(self, value):
        # CPython 3.13.0's create_task, with a task factory, names an unnamed task "None".
        if value is None and getattr(_caller(1), "f_code", None) is _CREATE_TASK:
            return
        super().set_name(value)

    def cancel(self, *args, **kwargs):
        global _cancelling
        tid = getattr(self, "_ts_id", None)
        if tid is None or self.done():
            return super().cancel(*args, **kwargs)
        cause = _cancel_cause()
        if cause is not _SCOPE:
            _put((_head(ABORT, tid, 0 if cause is None else cause + 1), _now()))
        outer, _cancelling = _cancelling, tid
        try:
            return super().cancel(*args, **kwargs)
        finally:
            _cancelling = outer


_Task.__name__ = _Task.__qualname__ = "Task"  # as asyncio's own in reprs and messages
_CREATE_TASK = asyncio.BaseEventLoop.create_task.__code__
_SCOPE = object()  # a cancel that only ends an await of the task (a timeout), not an abort
_TIMEOUT = asyncio.Timeout._on_timeout.__code__
_TG_DONE = asyncio.TaskGroup._on_task_done.__code__
_TG_ABORT = asyncio.TaskGroup._abort.__code__


def _cancel_cause():
    """Why the task being cancelled is: the task whose end caused it, if known; _SCOPE for
    the cancels asyncio uses to end one await; None for a plain cancel."""
    if _cancelling is not None:
        return _cancelling  # cancelled along with the task that awaits it
    if _RUN.race_winner is not None:
        return _RUN.race_winner
    frame = _caller(2)  # _cancel_cause <- cancel <- the caller
    code = frame and frame.f_code
    if code is _TIMEOUT or code is _TG_DONE:  # a timeout; a TaskGroup waking its parent
        return _SCOPE
    if code is _TG_ABORT:
        frame = frame.f_back
        if frame.f_code is _TG_DONE:
            return _task_id(frame.f_locals.get("task"))  # a member failed
        return _task_id(asyncio.current_task())  # the body of `async with` raised
    return None


_RUN_CODE = asyncio.Runner.run.__code__
_UNTIL_CODE = asyncio.BaseEventLoop.run_until_complete.__code__
_SHUTDOWN = asyncio.Runner.close.__code__  # asyncio.run's own clean-up tasks: not lanes


def _creation(frame):
    """What the frames creating a task say: its kind (None for asyncio.run's clean-up) and
    where the program created it."""
    kind = K_TASK
    while frame is not None:
        code = frame.f_code
        if code is _SHUTDOWN:
            return None, None
        if code is _RUN_CODE or code is _UNTIL_CODE:  # (identity: hashing a code is slow)
            kind = K_BLOCK_ON
        elif _is_user(code):
            return kind, _RUN.locate(code.co_filename, frame.f_lineno)
        frame = frame.f_back
    return kind, _RUN.locate(None, None)


def _new_task(loop, coro, make, eager=False):
    """Records a new task running `coro` and returns it, made by `make(wrapped_coro)`.

    The task is announced once made, when asyncio has named it; an eager task (3.12) runs
    its first step while it is made, so it is announced before, and renamed after."""
    t = _now()
    kind, location = _creation(_caller(2))
    tid = None if kind is None else _tasks.new()
    if tid is None:
        return make(coro)
    base = _Coro if coro.__class__ is _CoroutineType else _CoroAny
    wrapper = _First(coro, tid, _worker(), base)
    parent = _task_id(asyncio.current_task(loop))
    name = getattr(coro, "__qualname__", "Task")
    words = [] if location is None else list(_text(T_LOCATION, tid, location))
    words += (_head(SPAWN, tid, kind), t, 0 if parent is None else parent + 1)
    if eager:
        _put(_text(T_NAME, tid, name) + tuple(words))
    task = make(wrapper)
    if isinstance(task, _Task):
        task._ts_id = tid
        task._ts_wake = wrapper._k
        task._ts_branch = None
    asyncio_name = task.get_name()
    if not (_RUN.scenario and asyncio_name.startswith("Task-")):
        name = asyncio_name
    if wrapper.__class__ is _First:
        wrapper._name = asyncio_name  # a name given later is reported by the first step
    if eager:
        if name != getattr(coro, "__qualname__", "Task"):
            _put(_text(T_NAME, tid, name))
    else:
        _put(_text(T_NAME, tid, name) + tuple(words))
    return task
