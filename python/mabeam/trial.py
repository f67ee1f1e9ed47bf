"""What an objective sees of its trial, wherever it runs."""


class TrialPruned(Exception):
    """Raise from an objective to end its trial as pruned (after ``trial.should_prune()`` said so)."""


class ParameterError(KeyError):
    """The objective asked for a variable the study's search space does not have."""

    def __str__(self):
        return self.args[0] if self.args else "unknown parameter"


class BaseTrial:
    """A trial's number, study and parameters, and the Optuna-shaped ``suggest_*`` calls.

    The study's sampler has chosen every parameter already: ``suggest_*`` returns the chosen value, so an
    objective written for Optuna runs unchanged as long as the study's search space declares its variables.
    """

    def __init__(self, study, number, params):
        self.study = study
        self.number = number
        self.params = dict(params)
        self._should_prune = False

    def _param(self, name):
        if name not in self.params:
            raise ParameterError(
                "the study's search space has no variable %r (it has %s)" % (name, ", ".join(sorted(self.params)) or "none"))
        return self.params[name]

    def suggest_float(self, name, low=None, high=None, **_ignored):
        return float(self._param(name))

    def suggest_int(self, name, low=None, high=None, **_ignored):
        return int(self._param(name))

    def suggest_categorical(self, name, choices=None):
        return self._param(name)

    def should_prune(self):
        """Whether the study's pruner asked, on the last report, to stop this trial."""
        return self._should_prune

    def report(self, value, step):
        raise NotImplementedError
