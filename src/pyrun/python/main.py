
# ---- Part 7 of 7 (main.py): the command line, a scenario run, a script run. ----

import linecache
import runpy

USAGE = """usage (TEXT is this module; `python3 FILE` works as well):
  python3 -c TEXT scenario --events fd:N|unix:PATH --program FILE|- [--speed F] [--origin NAME]
  python3 -c TEXT script --events fd:N|unix:PATH SCRIPT [ARGS...]
  python3 -c TEXT source --program FILE|- [--speed F]
exit status: 0 the run ended (a scenario whose tasks fail on purpose too; a script: its own
status), 2 bad input (arguments, Program), 3 this Python is older than 3.11"""


class UsageError(Exception):
    """Bad arguments: the message says which and what was expected."""


def _options(args, allowed):
    """`--name value` pairs until the first other argument: (options, the rest)."""
    options = {}
    while args and args[0].startswith("--"):
        name = args[0][2:]
        if name not in allowed:
            raise UsageError(f"unknown option --{name} (expected one of: --{', --'.join(allowed)})")
        if len(args) < 2:
            raise UsageError(f"--{name}: expected a value")
        options[name], args = args[1], args[2:]
    return options, args


def _speed(text):
    try:
        speed = float(text)
    except ValueError:
        speed = float("nan")
    if not 0 < speed < float("inf"):
        raise UsageError(f"--speed: expected a positive number, found {text!r}")
    return speed


def _read_program(path):
    try:
        text = sys.stdin.read() if path == "-" else open(path, encoding="utf-8").read()
    except OSError as error:
        raise ProgramError(f"{path}: {error.strerror}") from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise ProgramError(f"program:{error.lineno}:{error.colno}: {error.msg}") from None


def _exit(status, message=None):
    words = [] if message is None else list(_text(T_EXIT, 0, message))
    _put(words + [_head(EXIT, status), _now()])


def _scenario(options):
    """Runs a Program on a new asyncio loop (asyncio.run), recorded."""
    program = _read_program(options.get("program", "-"))
    speed = _speed(options.get("speed", "1"))
    name = program.get("name", "scenario") if isinstance(program, dict) else "scenario"
    filename = f"<taskscope scenario {name}>"
    source = _Source(program, speed, filename)
    origin = options.get("origin", name)
    text = "\n".join(source.lines) + "\n"
    linecache.cache[filename] = (len(text), None, text.splitlines(True), filename)
    for sid, (label, _line) in source.steps.items():
        if label is not None:
            _Step.labels[sid] = _labels.intern(T_LABEL, label)
    _Step.blocking = source.blocking
    main_line = _count(source.functions[source.main], "line", "program.functions[main]")

    def locate(file, line):
        if file is None:
            return f"{origin}:{main_line}"
        if file == filename:
            sid = source.step_of_line.get(line)
            return f"{origin}:{source.steps[sid][1] if sid is not None else main_line}"
        return f"{file}:{line}"

    _RUN.scenario = True
    _RUN.locate = locate
    _RUN.step_of = lambda file, line: source.step_of_line.get(line, -1) if file == filename else -1
    namespace = {"asyncio": asyncio, "time": time, "_step": _Step, "_race": _race,
                 "_until": _until, "_branch": _Branch, "_spin": _spin, "_panic": _panic, "_Token": _Token}
    exec(compile(text, filename, "exec"), namespace)
    install()
    try:
        asyncio.run(namespace[source.py[source.main]]())
    except Exception:  # noqa: S110 - a scenario whose main fails: the lanes tell the story
        pass
    return 0, None


def _script(args):
    """Runs a program of the user's as `__main__`, with its arguments, recorded."""
    if not args:
        raise UsageError("script: expected the path of a Python file")
    path = args[0]
    if not os.path.isfile(path):
        raise UsageError(f"script: {path}: no such file")
    sys.argv = list(args)
    path = os.path.abspath(path)  # its code's file name, as `python3 SCRIPT` has it
    sys.path[0] = os.path.dirname(path)
    _LABEL_WAITS[0] = True
    install()
    try:
        runpy.run_path(path, run_name="__main__")
    except SystemExit as done:
        code = done.code
        if code is None or isinstance(code, int):
            return (code or 0) % 256, None  # what the process's status will be
        print(code, file=sys.stderr)
        return 1, str(code)
    except BaseException as error:
        tb = error.__traceback__
        while tb is not None and tb.tb_frame.f_code.co_filename != path:
            tb = tb.tb_next  # from the script's first frame, as python3 SCRIPT prints it
        # The hook prints the exception's own traceback (the tb argument only stands in
        # when it has none): start it at the script's first frame. With none of the
        # script's (it could not be compiled: a SyntaxError), python3 prints the exception
        # alone, with no traceback.
        error = error.with_traceback(tb)
        sys.excepthook(type(error), error, error.__traceback__)
        return (130 if isinstance(error, KeyboardInterrupt) else 1), _error_text(error)
    return 0, None


def main(argv):
    """The command line (see USAGE). Returns the exit status."""
    mode, args = (argv[0], argv[1:]) if argv else (None, [])
    writer = None
    try:
        if mode == "source":
            options, _ = _options(args, ["program", "speed"])
            program = _read_program(options.get("program", "-"))
            print("\n".join(_Source(program, _speed(options.get("speed", "1")), "<source>").lines))
            return 0
        if mode not in ("scenario", "script"):
            raise UsageError(f"expected a mode: scenario, script or source, found {mode!r}")
        allowed = ["events", "program", "speed", "origin"] if mode == "scenario" else ["events"]
        options, rest = _options(args, allowed)
        if "events" not in options:
            raise UsageError("--events: expected fd:N or unix:PATH")
        if mode == "scenario" and rest:
            raise UsageError(f"scenario: unexpected argument {rest[0]!r}")
        try:
            writer = _Writer(_open_events(options["events"]))
        except (OSError, ValueError) as error:
            raise UsageError(f"--events {options['events']}: {error}") from None
        _put((_head(HELLO, VERSION), _now(), os.getpid()))
        writer.start()
        status, message = _scenario(options) if mode == "scenario" else _script(rest)
    except (UsageError, ProgramError) as error:
        print(f"taskscope asyncio: {error}\n" + (USAGE if isinstance(error, UsageError) else ""),
              file=sys.stderr)
        status, message = 2, str(error)
    if writer is not None:
        _exit(status, message)
        writer.close()
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
