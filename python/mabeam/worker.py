"""The process a MABEAM node runs to evaluate a Python objective (protocol 1; docs/python.md).

    python3 -m mabeam.worker --source objective.py [--entry objective] [--memory-mb 1024]

Protocol: one JSON object per line, UTF-8. The worker keeps the process's original standard output and input
for the protocol alone; what the objective prints (to stdout or stderr, from Python or from C) goes to
standard error, which the node captures into the trial's log. Each evaluation's output is framed on standard
error by two marker lines (a record separator, then ``mabeam:start <id>`` / ``mabeam:end <id>``).

worker -> node   {"type": "ready", "protocol": 1, "pid": …, "python": "3.11.7", "entry": "objective"}
                 {"type": "failed", "stage": "import", "error": "SyntaxError: …", "traceback": "…"}  (then exit 3)
                 {"type": "report", "id": …, "step": 3, "value": 0.25}
                 {"type": "result", "id": …, "values": [0.12]}
                 {"type": "pruned", "id": …}
                 {"type": "error", "id": …, "error": "ValueError: …", "traceback": "…"}
node -> worker   {"type": "evaluate", "id": …, "study": "s", "trial": 7, "parameters": {…}}
                 {"type": "decision", "id": …, "prune": false}     (the answer to each report)
                 {"type": "shutdown"}
"""

import argparse
import importlib.util
import json
import math
import os
import platform
import sys
import traceback

from .trial import BaseTrial, TrialPruned

PROTOCOL = 1
MARK = "\x1emabeam:"


class Channel:
    """The protocol's two pipes: the process's original stdin and stdout, taken away from everything else."""

    def __init__(self):
        self._out = os.fdopen(os.dup(1), "w", encoding="utf-8", buffering=1, newline="\n")
        self._in = os.fdopen(os.dup(0), "r", encoding="utf-8", newline="\n")
        os.dup2(2, 1)  # anything written to fd 1 from now on, Python or C, goes to stderr
        devnull = os.open(os.devnull, os.O_RDONLY)
        os.dup2(devnull, 0)
        os.close(devnull)
        sys.stdout = os.fdopen(1, "w", encoding="utf-8", buffering=1, closefd=False)
        sys.stdin = open(os.devnull, "r")

    def send(self, message):
        self._out.write(json.dumps(message, allow_nan=False, separators=(",", ":")) + "\n")
        self._out.flush()

    def receive(self):
        line = self._in.readline()
        if not line:
            return None
        return json.loads(line)


class WorkerTrial(BaseTrial):
    """A trial evaluated in this worker: reports go to the node, whose pruner answers."""

    def __init__(self, channel, request):
        super().__init__(request.get("study"), request.get("trial"), request.get("parameters") or {})
        self._channel = channel
        self._id = request["id"]

    def report(self, value, step):
        value = float(value)
        step = int(step)
        if not math.isfinite(value):
            raise ValueError("a reported value must be a finite number, not %r" % value)
        self._channel.send({"type": "report", "id": self._id, "step": step, "value": value})
        while True:
            answer = self._channel.receive()
            if answer is None or answer.get("type") == "shutdown":
                os._exit(0)  # the node is stopping this worker
            if answer.get("type") == "decision" and answer.get("id") == self._id:
                self._should_prune = bool(answer.get("prune"))
                return self._should_prune


def values_of(result):
    """The objective's return value as a list of finite numbers (one per objective of the study)."""
    if isinstance(result, (list, tuple)):
        values = [float(v) for v in result]
    else:
        try:
            values = [float(result)]
        except (TypeError, ValueError):
            raise TypeError("the objective returned %r, not a number or a list of numbers" % (result,)) from None
    if not values:
        raise ValueError("the objective returned no value")
    for v in values:
        if not math.isfinite(v):
            raise ValueError("the objective returned %r, not a finite number" % v)
    return values


def limit_memory(megabytes):
    if megabytes and megabytes > 0:
        import resource
        limit = int(megabytes) * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


def load(source, entry):
    spec = importlib.util.spec_from_file_location("mabeam_objective", source)
    module = importlib.util.module_from_spec(spec)
    sys.modules["mabeam_objective"] = module
    spec.loader.exec_module(module)
    function = getattr(module, entry, None)
    if function is None:
        raise AttributeError("the source defines no %r" % entry)
    if not callable(function):
        raise TypeError("%r is not a function" % entry)
    return function


def describe(error):
    return "%s: %s" % (type(error).__name__, error)


def evaluate(channel, function, request):
    evaluation = request["id"]
    sys.stderr.write(MARK + "start " + str(evaluation) + "\n")
    sys.stderr.flush()
    try:
        trial = WorkerTrial(channel, request)
        answer = {"type": "result", "id": evaluation, "values": values_of(function(trial))}
    except TrialPruned:
        answer = {"type": "pruned", "id": evaluation}
    except (Exception, SystemExit) as error:  # the objective's failure ends its trial, not the worker
        text = traceback.format_exc()
        sys.stderr.write(text)
        answer = {"type": "error", "id": evaluation, "error": describe(error), "traceback": text}
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
        sys.stderr.write(MARK + "end " + str(evaluation) + "\n")
        sys.stderr.flush()
    channel.send(answer)


def main(argv=None):
    arguments = argparse.ArgumentParser(prog="mabeam.worker")
    arguments.add_argument("--source", required=True)
    arguments.add_argument("--entry", default="objective")
    arguments.add_argument("--memory-mb", type=int, default=0)
    options = arguments.parse_args(argv)
    channel = Channel()
    try:
        limit_memory(options.memory_mb)
        function = load(options.source, options.entry)
    except BaseException as error:  # a syntax error, a failed import, an exit at import time
        text = traceback.format_exc()
        sys.stderr.write(text)
        channel.send({"type": "failed", "stage": "import", "error": describe(error), "traceback": text})
        return 3
    channel.send({"type": "ready", "protocol": PROTOCOL, "pid": os.getpid(),
                  "python": platform.python_version(), "entry": options.entry})
    while True:
        request = channel.receive()
        if request is None or request.get("type") == "shutdown":
            return 0
        if request.get("type") == "evaluate":
            evaluate(channel, function, request)


if __name__ == "__main__":
    sys.exit(main())
