
# ---- Part 6 of 7 (scenario.py): a scenario Program as real Python source, and its helpers. ----

import builtins
import keyword



class ProgramError(Exception):
    """A Program that cannot be run: the message says where, and what was expected."""


def _get(obj, key, kinds, where, check=None, what=None):
    if not isinstance(obj, dict):
        raise ProgramError(f"{where}: expected an object, found {_show(obj)}")
    if key not in obj:
        raise ProgramError(f"{where}: missing `{key}`")
    value = obj[key]
    bad = not isinstance(value, kinds) or (isinstance(value, bool) and bool not in kinds)
    if bad or (check is not None and not check(value)):
        raise ProgramError(f"{where}.{key}: expected {what or kinds[0].__name__}, found {_show(value)}")
    return value


def _show(value):
    text = json.dumps(value)
    return text if len(text) <= 40 else text[:37] + "..."


def _count(obj, key, where):
    return _get(obj, key, (int,), where, lambda v: 0 <= v <= MAX_B, "an integer from 0 to 2^28")


def _ns(obj, key, where):
    return _get(obj, key, (int,), where, lambda v: 0 <= v < 1 << 63, "nanoseconds (an integer >= 0)")


# The steps that only take their time, by `do`: (their default label, their line), each
# with `{}` for the time in seconds.
_TIMED = {
    "sleep": ("asyncio.sleep({})", "await asyncio.sleep({})"),
    "block": ("time.sleep({})", "time.sleep({})"),
    "spin": ("CPU work ({} s)", "_spin({})"),
    "spawn_blocking": ("asyncio.to_thread(time.sleep, {})", "await asyncio.to_thread(time.sleep, {})"),
}


class _Source:
    """Writes a Program as Python: one `async def` per function, and per step an
    `async with _step(ID):` line followed by the asyncio code of the step."""

    def __init__(self, program, speed, filename):
        self.speed = speed
        self.filename = filename
        self.lines = []
        self.step_of_line = {}
        self.steps = {}  # step id -> (label text or None, the scenario file's line)
        self.blocking = {}  # step id -> the name of its to_thread lane (its label)
        version = _get(program, "version", (int,), "program")
        if version != VERSION:
            raise ProgramError(f"program.version: expected {VERSION}, found {version}")
        self.functions = _get(program, "functions", (list,), "program")
        self.resources = _get(program, "resources", (list,), "program")
        n = len(self.functions)
        self.main = _get(program, "main", (int,), "program", lambda v: 0 <= v < n, "a function index")
        self.names = [self._name(i) for i in range(n)]
        self.py = [name if _plain(name) else f"_f{i}" for i, name in enumerate(self.names)]
        for i, res in enumerate(self.resources):
            self._resource(i, res)
        for i, function in enumerate(self.functions):
            self._function(i, function)

    def _name(self, i):
        return _get(self.functions[i], "name", (str,), f"program.functions[{i}]")

    def _emit(self, text, step=None):
        self.lines.append(text)
        if step is not None:
            self.step_of_line[len(self.lines)] = step

    def _resource(self, i, res):
        where = f"program.resources[{i}]"
        kind = _get(res, "kind", (str,), where)
        if kind == "semaphore":
            self._emit(f"_r{i} = asyncio.Semaphore({_count(res, 'permits', where)})")
        elif kind == "mutex":
            self._emit(f"_r{i} = asyncio.Lock()")
        elif kind == "token":
            self._emit(f"_r{i} = _Token()")
        else:
            raise ProgramError(f"{where}.kind: expected semaphore, mutex or token, found {_show(kind)}")

    def _function(self, i, function):
        where = f"program.functions[{i}]"
        steps = _get(function, "steps", (list,), where)
        self._emit("")
        self._emit(f"async def {self.py[i]}():")
        for j, step in enumerate(steps):
            self._step(step, f"{where}.steps[{j}]")
        if not steps:
            self._emit("    pass")
        self._emit(f"{self.py[i]}.__name__ = {self.py[i]}.__qualname__ = {self.names[i]!r}")

    def _fn(self, obj, key, where):
        n = len(self.functions)
        return _get(obj, key, (int,), where, lambda v: 0 <= v < n, "a function index")

    def _res(self, obj, where, kind):
        n = len(self.resources)
        i = _get(obj, "res", (int,), where, lambda v: 0 <= v < n, "a resource index")
        found = self.resources[i].get("kind")
        if found != kind:
            raise ProgramError(f"{where}.res: expected a {kind}, found the {found} `{self.resources[i].get('name')}`")
        return i, self.resources[i].get("name", f"r{i}")

    def _seconds(self, obj, key, where):
        ns = _ns(obj, key, where)
        return _seconds(ns / 1e9), _seconds(ns / 1e9 / self.speed)

    def _step(self, step, where):
        sid = _count(step, "id", where)
        line = _count(step, "line", where)
        do = _get(step, "do", (str,), where)
        label = step.get("label")
        if label is not None and not isinstance(label, str):
            raise ProgramError(f"{where}.label: expected a string or null, found {_show(label)}")
        body = self._timed if do in _TIMED else getattr(self, "_do_" + do, None)
        if body is None:
            raise ProgramError(f"{where}.do: expected a step kind, found {_show(do)}")
        default, code = body(step, where)
        self.steps[sid] = (None if default is None else (label or default), line)
        if do == "spawn_blocking":
            self.blocking[sid] = label or default
        head = "    async with _step(%d) as _s:" if do in ("with_permit", "lock") else "    async with _step(%d):"
        self._emit(head % sid, sid)
        for text in code:
            self._emit("        " + text, sid)

    def _call(self, obj, key, where):
        f = self._fn(obj, key, where)
        return self.names[f], f"{self.py[f]}()"

    def _calls(self, step, where):
        fns = _get(step, "fns", (list,), where, None, "a list of function indexes")
        n = len(self.functions)
        for k, f in enumerate(fns):
            if not isinstance(f, int) or isinstance(f, bool) or not 0 <= f < n:
                raise ProgramError(f"{where}.fns[{k}]: expected a function index, found {_show(f)}")
        return [(self.names[f], f"{self.py[f]}()") for f in fns]

    def _timed(self, step, where):
        """A step that only takes its time (`_TIMED`): its label with the time as the
        scenario says it, its line with the time at the run's speed."""
        shown, s = self._seconds(step, "ns", where)
        label, line = _TIMED[step["do"]]
        return label.format(shown), [line.format(s)]

    # One method per other `do`: (the default label in asyncio's terms or None, the lines).
    def _do_call(self, step, where):
        name, call = self._call(step, "fn", where)
        return f"{name}()", [f"await {call}"]

    def _do_spawn(self, step, where):
        _name, call = self._call(step, "fn", where)
        task = _get(step, "task", (str,), where)
        return None, [f"_h{_count(step, 'slot', where)} = asyncio.create_task({call}, name={task!r})"]

    def _do_join(self, step, where):
        task = _get(step, "task", (str,), where)
        return f"await {task}", [f"await _h{_count(step, 'slot', where)}"]

    def _do_group(self, step, where):
        members = _get(step, "members", (list,), where, None, "a list of members")
        code, names = ["async with asyncio.TaskGroup() as _g:"], []
        for k, member in enumerate(members):
            _name, call = self._call(member, "fn", f"{where}.members[{k}]")
            names.append(_get(member, "task", (str,), f"{where}.members[{k}]"))
            code.append(f"    _g.create_task({call}, name={names[-1]!r})")
        return f"asyncio.TaskGroup({', '.join(names)})", code

    def _do_join_all(self, step, where):
        calls = self._calls(step, where)
        names = ", ".join(name for name, _ in calls)
        return f"asyncio.gather({names})", [f"await asyncio.gather({', '.join(c for _, c in calls)})"]

    def _do_race(self, step, where):
        calls = self._calls(step, where)
        names = ", ".join(name for name, _ in calls)
        racers = ", ".join(f"({name!r}, {call})" for name, call in calls)
        return f"asyncio.wait({names}, FIRST_COMPLETED)", [f"await _race({racers})"]

    def _do_timeout(self, step, where):
        shown, s = self._seconds(step, "ns", where)
        name, call = self._call(step, "fn", where)
        label = f"asyncio.timeout({shown}): {name}()"
        branch = f"await _branch({name!r}, {call}, _t)"  # the call runs in the task
        if not _get(step, "continue", (bool,), where):
            return label, [f"async with asyncio.timeout({s}) as _t:", f"    {branch}"]
        return label, ["try:", f"    async with asyncio.timeout({s}) as _t:", f"        {branch}",
                       "except TimeoutError:", "    if not _t.expired():", "        raise"]

    def _do_yield(self, step, where):
        return None, ["await asyncio.sleep(0)"]

    def _do_fail(self, step, where):
        return None, [f"raise Exception({_get(step, 'text', (str,), where)!r})"]

    def _do_panic(self, step, where):
        return None, [f"raise _panic({_get(step, 'text', (str,), where)!r})"]

    def _do_forget(self, step, where):
        _name, call = self._call(step, "fn", where)
        return None, [f"{call}  # never awaited"]

    def _do_repeat(self, step, where):
        times = _count(step, "times", where)
        _name, call = self._call(step, "fn", where)
        return None, [f"for _ in range({times}):", f"    await {call}"]

    def _do_with_permit(self, step, where):
        return self._holding(step, where, "semaphore")

    def _do_lock(self, step, where):
        return self._holding(step, where, "mutex")

    def _holding(self, step, where, kind):
        i, res = self._res(step, where, kind)
        _name, call = self._call(step, "fn", where)
        return f"{res}.acquire()", [f"async with _r{i}:", "    _s.acquired()", f"    await {call}"]

    def _do_cancel(self, step, where):
        i, _res = self._res(step, where, "token")
        return None, [f"_r{i}.set()"]

    def _do_until_cancelled(self, step, where):
        i, res = self._res(step, where, "token")
        name, call = self._call(step, "fn", where)
        return f"until {res} is set: {name}()", [f"await _until(_r{i}, {name!r}, {call})"]

    def _do_pending(self, step, where):
        return "asyncio.Event().wait() (forever)", ["await asyncio.Event().wait()"]

    def _do_stream(self, step, where):
        items = _count(step, "items", where)
        code = ["_q = asyncio.Queue()", f"for _n in range({items}):", "    _q.put_nowait(_n)",
                f"for _n in range({items}):", "    await _q.get()"]
        if step.get("each_ns") is not None:
            code.append(f"    _spin({self._seconds(step, 'each_ns', where)[1]})")
        return f"asyncio.Queue: {items} ready items", code


def _plain(name):
    """Whether a function's name can be its name in the generated Python."""
    reserved = keyword.iskeyword(name) or name in ("asyncio", "time") or name.startswith("_")
    reserved = reserved or hasattr(builtins, name)
    return name.isidentifier() and not reserved


class _Step:
    """`async with _step(ID):` around each scripted step: StepStarted when the task reaches
    it, and its label while it waits (`acquired()` ends the label of a lock's wait)."""

    __slots__ = ("_sid", "_task", "_label")
    labels = {}  # step id -> label id
    blocking = {}  # step id -> the name of its to_thread lane

    def __init__(self, sid):
        self._sid = sid

    async def __aenter__(self):
        t = _now()
        self._task = _task_id(asyncio.current_task())
        self._label = _Step.labels.get(self._sid)
        if self._task is not None:
            words = [_head(STEP, self._task, self._sid), t]
            if self._label is not None:
                words += (_head(AWAIT_START, self._task, self._label), t)
            _put(words)
        _RUN.blocking_name = _Step.blocking.get(self._sid)
        return self

    def acquired(self):
        if self._task is not None and self._label is not None:
            _put((_head(AWAIT_END, self._task, self._label), _now()))
        self._label = None

    async def __aexit__(self, *_exc):
        self.acquired()
        return False


async def _race(*racers):
    """asyncio.wait(FIRST_COMPLETED) over one task per racer; the others are cancelled."""
    tasks = [asyncio.create_task(coro, name=name) for name, coro in racers]
    done, pending = await asyncio.wait(tasks, return_when=asyncio.FIRST_COMPLETED)
    winner = next(task for task in tasks if task in done)
    _RUN.race_winner = _task_id(winner)
    try:
        for task in pending:
            task.cancel()
    finally:
        _RUN.race_winner = None
    if pending:
        await asyncio.wait(pending)
    return winner.result()


def _spin(seconds):
    until = time.perf_counter() + seconds
    while time.perf_counter() < until:
        pass


def _panic(text):
    """The exception of a `panic` step: a RuntimeError that marks its task as panicked."""
    error = RuntimeError(text)
    error._taskscope_panic = _task_id(asyncio.current_task())
    return error
