"""A client of MABEAM's REST ask/tell API (docs/optimization.md), standard library only.

    client = mabeam.Client("http://127.0.0.1:8080", token="mbt_…")       # or user=…, password=…
    study = client.create_study("quadratic", variables=[
        {"name": "x", "type": "float", "low": -10, "high": 10}], directions=["minimize"], exist_ok=True)
    study.optimize(objective, n_trials=50)
    print(study.best_value, study.best_params)

Every call that fails answers ``ApiError`` with the problem the node returned (RFC 9457).
"""

import base64
import json
import socket
import threading
import time
import urllib.error
import urllib.parse
import urllib.request

from .trial import BaseTrial, TrialPruned


class ApiError(Exception):
    """The node answered with a problem: ``status``, ``title``, ``detail`` and the whole ``problem``."""

    def __init__(self, status, problem):
        self.status = status
        self.problem = problem if isinstance(problem, dict) else {"detail": str(problem)}
        self.title = self.problem.get("title", "")
        self.detail = self.problem.get("detail", "")
        super().__init__("%s %s: %s" % (status, self.title, self.detail))


class Client:
    """A MABEAM node's API: a bearer token (``token``) or HTTP Basic (``user`` and ``password``)."""

    def __init__(self, url, token=None, user=None, password=None, timeout=30.0, retries=3):
        self.url = url.rstrip("/") + "/api/v1/"
        if token:
            self._authorization = "Bearer " + token
        elif user is not None:
            pair = ("%s:%s" % (user, password or "")).encode("utf-8")
            self._authorization = "Basic " + base64.b64encode(pair).decode("ascii")
        else:
            raise ValueError("give a token, or a user and password")
        self.timeout = timeout
        self.retries = retries

    def request(self, method, path, body=None, expect=(200, 201, 204)):
        """One call; connection failures and 502/503/504 are tried again, up to ``retries`` times."""
        data = None if body is None else json.dumps(body).encode("utf-8")
        for attempt in range(self.retries + 1):
            request = urllib.request.Request(self.url + path, data=data, method=method)
            request.add_header("Authorization", self._authorization)
            request.add_header("Accept", "application/json, application/problem+json")
            if data is not None:
                request.add_header("Content-Type", "application/json")
            try:
                with urllib.request.urlopen(request, timeout=self.timeout) as response:
                    payload = response.read()
                    return json.loads(payload) if payload else None
            except urllib.error.HTTPError as error:
                payload = error.read()
                if error.code in (502, 503, 504) and attempt < self.retries:
                    time.sleep(0.5 * 2 ** attempt)
                    continue
                try:
                    problem = json.loads(payload)
                except ValueError:
                    problem = {"detail": payload.decode("utf-8", "replace")}
                if error.code in expect:
                    return problem
                raise ApiError(error.code, problem) from None
            except (urllib.error.URLError, socket.timeout, ConnectionError):
                if attempt >= self.retries:
                    raise
                time.sleep(0.5 * 2 ** attempt)

    def create_study(self, name, variables, directions=("minimize",), sampler=None, pruner=None,
                     exist_ok=False, **more):
        """Creates a study (``exist_ok``: or takes the one of that name)."""
        body = {"name": name, "directions": list(directions), "searchSpace": {"variables": list(variables)}}
        if sampler:
            body["sampler"] = sampler if isinstance(sampler, dict) else {"name": sampler}
        if pruner:
            body["pruner"] = pruner if isinstance(pruner, dict) else {"name": pruner}
        body.update(more)
        try:
            self.request("POST", "studies", body)
        except ApiError as error:
            if not (exist_ok and error.status == 409):
                raise
        return Study(self, name)

    def study(self, name):
        """A study that exists already."""
        self.request("GET", "studies/" + quote(name))
        return Study(self, name)


def quote(name):
    return urllib.parse.quote(str(name), safe="")


class RemoteTrial(BaseTrial):
    """A trial asked from the node: reports go to its pruner over REST."""

    def __init__(self, study, answer):
        super().__init__(study.name, answer["number"], answer.get("parameters") or {})
        self._study = study

    def report(self, value, step):
        answer = self._study._client.request(
            "POST", "%s/intermediates" % self._study._trial_path(self.number), {"step": int(step), "value": float(value)})
        self._should_prune = bool(answer.get("shouldPrune"))
        return self._should_prune


class Study:
    """A study on the node, driven from here by ask and tell."""

    def __init__(self, client, name):
        self._client = client
        self.name = name

    def _trial_path(self, number):
        return "studies/%s/trials/%d" % (quote(self.name), number)

    def ask(self, worker=None):
        """A new running trial, with the parameters the study's sampler chose."""
        body = {"worker": worker} if worker else {}
        return RemoteTrial(self, self._client.request("POST", "studies/%s/trials" % quote(self.name), body))

    def tell(self, trial, values=None, state="complete"):
        """Ends a trial: complete with its value (or values), pruned or failed. Telling it again is harmless."""
        number = trial.number if isinstance(trial, BaseTrial) else int(trial)
        body = {"state": state}
        if values is not None:
            body["values"] = [float(v) for v in values] if isinstance(values, (list, tuple)) else [float(values)]
        return self._client.request("POST", "%s/tell" % self._trial_path(number), body)

    def heartbeat(self, trial):
        self._client.request("POST", "%s/heartbeat" % self._trial_path(trial.number))

    def optimize(self, objective, n_trials, worker=None, heartbeat_seconds=None, catch=(Exception,)):
        """Asks, evaluates and tells ``n_trials`` trials, one after another.

        A trial whose objective raises ``TrialPruned`` is told pruned; one that raises anything in ``catch`` is
        told failed and the loop goes on (anything else is told failed and raised). With ``heartbeat_seconds``,
        a thread sends the trial's heartbeat while it runs, for studies that fail silent trials.
        """
        told = []
        for _ in range(n_trials):
            trial = self.ask(worker)
            beating = _Heartbeat(self, trial, heartbeat_seconds) if heartbeat_seconds else None
            try:
                from .worker import values_of
                values = values_of(objective(trial))
            except TrialPruned:
                told.append(self.tell(trial, state="pruned"))
                continue
            except catch:
                told.append(self.tell(trial, state="failed"))
                continue
            except BaseException:
                self.tell(trial, state="failed")
                raise
            finally:
                if beating:
                    beating.stop()
            told.append(self.tell(trial, values))
        return told

    def trials(self, state=None):
        path = "studies/%s/trials?limit=1000" % quote(self.name)
        if state:
            path += "&state=" + quote(state)
        return self._client.request("GET", path)["trials"]

    @property
    def best_trial(self):
        best = self._client.request("GET", "studies/%s/best" % quote(self.name))["trials"]
        return best[0] if best else None

    @property
    def best_value(self):
        best = self.best_trial
        return None if best is None else best["values"][0]

    @property
    def best_params(self):
        best = self.best_trial
        return None if best is None else best["parameters"]


class _Heartbeat:
    def __init__(self, study, trial, seconds):
        self._stopped = threading.Event()
        self._thread = threading.Thread(target=self._beat, args=(study, trial, seconds), daemon=True)
        self._thread.start()

    def _beat(self, study, trial, seconds):
        while not self._stopped.wait(seconds):
            try:
                study.heartbeat(trial)
            except Exception:  # a missed heartbeat is the study's to judge
                pass

    def stop(self):
        self._stopped.set()
