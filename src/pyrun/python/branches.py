
# ---- Part 5 of 7 (branches.py): a call a scenario step runs inside its task: a branch. ----

# A branch's kind (SPAWN's `b`): K_BRANCH + the kind of step it is part of, as tokio's
# BranchOf. asyncio's gather and wait make tasks: only the last two occur here.
K_BRANCH = 4
OF_JOIN_ALL, OF_RACE, OF_TIMEOUT, OF_UNTIL = range(4)


class _Branch:
    """A call a step runs inside its task (the call under `asyncio.timeout`, or an
    `until_cancelled`'s): tokio's branch, a lane of its own under the task.

    `await _Branch(...)` runs the call in the task: each time the task's step enters the
    call is a poll of the branch, inside the task's step, and the branch is the task's
    recorded identity meanwhile (what it spawns, wakes, arms and labels is the branch's).
    While the call waits, the task waits in the branch, and a wake of the task is the
    branch's first. It ends as the call does: returned (ok), raised (failed, or panicked),
    or cancelled; cancelled by its own scope (its timeout expired, its token was set), it
    was dropped, and says so just before (an abort naming the task that set the token)."""

    __slots__ = ("_coro", "_id", "_task", "_host", "_scope", "_parent", "_outer", "_s")

    def __init__(self, name, coro, scope):
        self._coro, self._scope = coro, scope
        task = self._task = asyncio.current_task()
        self._parent = getattr(task, "_ts_id", None)
        self._id = tid = None if self._parent is None else _tasks.new()
        if tid is None:
            return
        self._host = task.get_coro()  # our wrapper: the start of the task's step
        self._outer = task._ts_branch  # the branch whose poll this one is made in, if any
        self._s = _head(POLL_START, tid, _worker())
        of = OF_UNTIL if isinstance(scope, _Token) else OF_TIMEOUT
        _kind, location = _creation(_caller(1))
        words = list(_text(T_NAME, tid, name))
        if location is not None:
            words += _text(T_LOCATION, tid, location)
        _put(words + [_head(SPAWN, tid, K_BRANCH + of), _now(), self._parent + 1])

    def __await__(self):
        return self

    def __next__(self):
        return self._poll(self._coro.send, None)

    def send(self, value):
        return self._poll(self._coro.send, value)

    def throw(self, *args):
        return self._poll(self._coro.throw, *args)

    def close(self):
        if self._id is not None and self._task._ts_branch is self:
            self._task._ts_branch = self._outer
        self._coro.close()
        self._drop(None, False)

    def _poll(self, step, *args):
        task = self._task
        if self._id is None:
            return step(*args)
        if task._ts_wake < 0:  # the task's step resumes: it no longer waits in a branch
            task._ts_wake = -task._ts_wake
        task._ts_id, task._ts_branch = self._id, self
        # Inside the task's step, so after its start (a clock read apart from it is enough).
        _put((self._s, max(_now(), self._host._t0 + 1)))
        try:
            result = step(*args)
        except BaseException as error:
            task._ts_id, task._ts_branch = self._parent, self._outer
            self._ended(error)
            raise
        task._ts_id = self._parent
        t = _now()
        words = [_head(POLL_END, self._id), t]
        if result is None:  # a bare yield: the task's next step comes at once, through here
            words += (_head(WAKE, self._id, self._id + 1), t)
        _put(words)
        if task._ts_wake > 0:  # the innermost branch still waiting: the task waits in it
            task._ts_wake = -task._ts_wake
            task._ts_branch = self
        return result

    def _ended(self, error):
        t = _now()
        words = [_head(POLL_END, self._id), t]
        if error.__class__ is StopIteration:
            outcome = OK
        elif isinstance(error, asyncio.CancelledError):
            return self._drop(words, True)
        elif getattr(error, "_taskscope_panic", None) == self._id:
            outcome = PANICKED
            error._taskscope_panic = self._parent  # it unwinds through its task too
        else:
            outcome = FAILED
        if outcome != OK:
            words += _text(T_ERROR, self._id, _error_text(error))
        _put(words + [_head(END, self._id, outcome), t])
        self._id = None

    def _drop(self, words, polled):
        """Ends the branch cancelled (once): dropped by its scope (told so first), or along
        with its task."""
        if self._id is None:
            return
        t = _now()
        words = words or []
        if isinstance(self._scope, _Token):
            cut, by = self._task in self._scope.fired or not polled, self._scope.by
        else:
            cut, by = self._scope.expired(), None
        if cut:
            words += (_head(ABORT, self._id, 0 if by is None else by + 1), t)
        _put(words + [_head(END, self._id, CANCELLED), t])
        self._id = None

    # Where the task waits, seen through the branch: the call's frames (see `_innermost`).
    cr_frame = property(lambda self: self._coro.cr_frame)
    cr_await = property(lambda self: self._coro.cr_await)


class _Token(asyncio.Event):
    """A cancellation token: an Event that, once set, also ends every `_until` call on it."""

    def __init__(self):
        super().__init__()
        self.scopes = []
        self.fired = set()
        self.by = None  # the task that set it

    def set(self):
        self.by = _task_id(asyncio.current_task())
        super().set()
        for task in self.scopes:
            self.fired.add(task)
            _CUT[0] = task
            try:
                asyncio.Task.cancel(task)  # ends the call, not the task: no abort recorded
            finally:
                _CUT[0] = None


async def _until(token, name, coro):
    """Runs `coro` in this task, as the branch `name`, until `token` is set, then drops it
    (tokio's select! of cancelled() and the call); the task goes on."""
    branch = _Branch(name, coro, token)
    if token.is_set():  # dropped before its first poll, as select! finds the token first
        branch.close()
        return
    task = asyncio.current_task()
    cancelling = task.cancelling()
    token.scopes.append(task)
    try:
        await branch
    except asyncio.CancelledError:
        if task in token.fired and task.uncancel() <= cancelling:
            return
        raise
    finally:
        token.scopes.remove(task)
