"""A remote trainer: Python training code on any machine drives a MABEAM study through its REST API.

It fetches the penguins dataset from the node, then tunes a softmax regression written in numpy — learning rate,
L2 penalty and epochs — reporting the validation accuracy after every epoch, so the study's pruner can stop a
poor trial early, exactly as an Optuna objective would.

    PYTHONPATH=python python3 python/examples/remote_trainer.py \
        --url http://127.0.0.1:8080 --token mbt_… --study penguins-remote --trials 20
"""

import argparse
import csv
import io
import sys

import numpy as np

import mabeam

FEATURES = ["bill_length_mm", "bill_depth_mm", "flipper_length_mm", "body_mass_g"]


def load_penguins(client):
    """The node's penguins dataset: numeric features standardised, rows with missing values dropped."""
    request = client.url + "datasets/penguins/content"
    import urllib.request
    call = urllib.request.Request(request, headers={"Authorization": client._authorization})
    with urllib.request.urlopen(call, timeout=30) as response:
        rows = list(csv.DictReader(io.StringIO(response.read().decode("utf-8"))))
    rows = [r for r in rows if all(r[f] not in ("", "NA") for f in FEATURES)]
    species = sorted({r["species"] for r in rows})
    x = np.array([[float(r[f]) for f in FEATURES] for r in rows])
    y = np.array([species.index(r["species"]) for r in rows])
    x = (x - x.mean(axis=0)) / x.std(axis=0)
    order = np.random.default_rng(7).permutation(len(x))
    cut = int(len(x) * 0.7)
    return x[order[:cut]], y[order[:cut]], x[order[cut:]], y[order[cut:]], len(species)


def make_objective(data):
    x_train, y_train, x_valid, y_valid, classes = data

    def objective(trial):
        rate = trial.suggest_float("learning_rate", 1e-4, 1.0, log=True)
        l2 = trial.suggest_float("l2", 1e-6, 1e-1, log=True)
        epochs = trial.suggest_int("epochs", 5, 60)
        weights = np.zeros((x_train.shape[1], classes))
        bias = np.zeros(classes)
        onehot = np.eye(classes)[y_train]
        accuracy = 0.0
        for epoch in range(epochs):
            logits = x_train @ weights + bias
            logits -= logits.max(axis=1, keepdims=True)
            p = np.exp(logits)
            p /= p.sum(axis=1, keepdims=True)
            gradient = (p - onehot) / len(x_train)
            weights -= rate * (x_train.T @ gradient + l2 * weights)
            bias -= rate * gradient.sum(axis=0)
            accuracy = float(((x_valid @ weights + bias).argmax(axis=1) == y_valid).mean())
            trial.report(accuracy, epoch)
            if trial.should_prune():
                raise mabeam.TrialPruned()
        return accuracy

    return objective


def main():
    arguments = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    arguments.add_argument("--url", default="http://127.0.0.1:8080")
    arguments.add_argument("--token", required=True)
    arguments.add_argument("--study", default="penguins-remote")
    arguments.add_argument("--trials", type=int, default=20)
    arguments.add_argument("--worker", default="remote-trainer")
    options = arguments.parse_args()

    client = mabeam.Client(options.url, token=options.token)
    study = client.create_study(
        options.study,
        variables=[
            {"name": "learning_rate", "type": "float", "low": 1e-4, "high": 1.0, "log": True},
            {"name": "l2", "type": "float", "low": 1e-6, "high": 1e-1, "log": True},
            {"name": "epochs", "type": "int", "low": 5, "high": 60},
        ],
        directions=["maximize"],
        pruner={"name": "median", "warmupSteps": 3},
        exist_ok=True,
    )
    study.optimize(make_objective(load_penguins(client)), n_trials=options.trials, worker=options.worker)
    best = study.best_trial
    print("best accuracy %.4f with %s (trial %d)" % (best["values"][0], best["parameters"], best["number"]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
