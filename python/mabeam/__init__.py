"""MABEAM for Python.

Two uses, one package, standard library only:

* ``mabeam.Client`` drives a study on a MABEAM node through its REST ask/tell API, so training code on any
  machine can act as a remote trainer (``study.optimize(objective, n_trials=...)``, as with Optuna).
* ``mabeam.worker`` is the process a MABEAM node runs to evaluate a Python objective uploaded to it
  (``PUT /api/v1/python-objectives/{name}``): it speaks the JSON-lines protocol described in docs/python.md.

An objective is the same function in both places::

    def objective(trial):
        x = trial.suggest_float("x", -10, 10)   # the value the study chose for x
        for step in range(10):
            trial.report(loss_at(step), step)
            if trial.should_prune():
                raise mabeam.TrialPruned()
        return loss
"""

from .trial import TrialPruned, ParameterError
from .client import Client, Study, RemoteTrial, ApiError

__all__ = ["Client", "Study", "RemoteTrial", "ApiError", "TrialPruned", "ParameterError"]
__version__ = "1.0.0"
