"""The lesson's Python training code, ported to plain numpy: the benchmark's numpy contender.

Written the way the lesson writes it: a Dense class with forward/backward/update, one function
per optimizer, and a training loop that times each epoch. One run per process:

  python3 numpy_lesson.py '{"csv": "data/house_prices.csv", "config": {...},
                            "widths": [7, 25, 10, 1], "tile": 1}'

config has the reference's keys (optimizer sgd|momentum|adam|adamw, lr, batch_size, epochs,
momentum, beta1, beta2, eps, weight_decay); widths are the layer sizes (ReLU on all but the last
layer); tile repeats the training rows that many times (the scaling run). Prints one JSON object
{"config", "epochs": [{"epoch", "train_loss", "valid_loss", "runtime"}], "numpy"} on stdout;
runtime is each epoch's wall-clock seconds, training plus the validation pass.
"""
import csv
import json
import math
import sys
import time

import numpy as np

PREDICTORS = ["interest", "vacancy", "cpi", "price", "value", "adj_price", "adj_value"]
DEFAULTS = dict(optimizer="sgd", lr=1e-4, batch_size=32, epochs=100, momentum=0.9, beta1=0.9,
                beta2=0.999, eps=1e-8, weight_decay=0.0)


def load_splits(path, tile):
    """Standard-scale the predictors, target in thousands above the minimum, 70/15/15 split."""
    with open(path, newline="") as f:
        rows = list(csv.DictReader(f))
    x = np.array([[float(r[p]) for p in PREDICTORS] for r in rows])
    y = np.array([[float(r["next_quarter"])] for r in rows])
    x = (x - x.mean(axis=0)) / x.std(axis=0)
    y = (y - y.min()) // 1000
    a, b = int(0.7 * len(x)), int(0.85 * len(x))
    train = (np.tile(x[:a], (tile, 1)), np.tile(y[:a], (tile, 1)))
    return train, (x[a:b], y[a:b])


class Dense:
    def __init__(self, input_size, output_size, activation=True, seed=0):
        self.add_activation = activation
        np.random.seed(seed)
        k = math.sqrt(1 / input_size)
        self.weights = np.random.rand(input_size, output_size) * (2 * k) - k
        self.bias = np.ones((1, output_size))

    def forward(self, x):
        self.prev_hidden = x.copy()
        x = np.matmul(x, self.weights) + self.bias
        if self.add_activation:
            x = np.maximum(x, 0)
        self.hidden = x.copy()
        return x

    def backward(self, grad):
        if self.add_activation:
            grad = np.multiply(grad, np.heaviside(self.hidden, 0))
        w_grad = self.prev_hidden.T @ grad
        b_grad = np.mean(grad, axis=0)
        grad = grad @ self.weights.T
        return [w_grad, b_grad], grad

    def update(self, w, b):
        self.weights += w
        self.bias += b


def forward(x, layers):
    for layer in layers:
        x = layer.forward(x)
    return x


def backward(grad, layers):
    grads = []
    for layer in reversed(layers):
        layer_grads, grad = layer.backward(grad)
        grads.append(layer_grads)
    return grads


# Each optimizer gets the gradients last layer first (as backward returns them), the layers,
# the configured batch size, the 1-based step and its own state (a dict it fills on first use).

def sgd(grads, layers, batch_size, step, state, cfg):
    for (w_grad, b_grad), layer in zip(grads, reversed(layers)):
        layer.update(-cfg["lr"] * w_grad / batch_size, -cfg["lr"] * b_grad)


def momentum(grads, layers, batch_size, step, state, cfg):
    if not state:
        state["v"] = [[np.zeros_like(w), np.zeros_like(b)] for w, b in grads]
    for (w_grad, b_grad), layer, v in zip(grads, reversed(layers), state["v"]):
        v[0] = v[0] * cfg["momentum"] - cfg["lr"] * w_grad / batch_size
        v[1] = v[1] * cfg["momentum"] - cfg["lr"] * b_grad
        layer.update(v[0], v[1])


def adam(grads, layers, batch_size, step, state, cfg, weight_decay=0.0):
    if not state:
        state["m"] = [[np.zeros_like(w), np.zeros_like(b)] for w, b in grads]
        state["v"] = [[np.zeros_like(w), np.zeros_like(b)] for w, b in grads]
    lr, b1, b2 = cfg["lr"], cfg["beta1"], cfg["beta2"]
    for (w_grad, b_grad), layer, m, v in zip(grads, reversed(layers), state["m"], state["v"]):
        if weight_decay:
            # Decoupled weight decay: shrink the weights (not the biases) before the Adam step.
            layer.update(-lr * weight_decay * layer.weights, 0)
        updates = []
        for i, g in enumerate([w_grad / batch_size, b_grad]):
            m[i] = m[i] * b1 + (1 - b1) * g
            v[i] = v[i] * b2 + (1 - b2) * np.square(g)
            m_hat = m[i] / (1 - b1 ** step)
            v_hat = v[i] / (1 - b2 ** step)
            updates.append(-lr * m_hat / (v_hat ** 0.5 + cfg["eps"]))
        layer.update(updates[0], updates[1])


def adamw(grads, layers, batch_size, step, state, cfg):
    adam(grads, layers, batch_size, step, state, cfg, weight_decay=cfg["weight_decay"])


OPTIMIZERS = {"sgd": sgd, "momentum": momentum, "adam": adam, "adamw": adamw}


def training_run(cfg, widths, train, valid):
    train_x, train_y = train
    valid_x, valid_y = valid
    batch_size = cfg["batch_size"]
    layers = [Dense(i, o, activation=(n < len(widths) - 2)) for n, (i, o) in enumerate(zip(widths, widths[1:]))]
    optimizer, state, step = OPTIMIZERS[cfg["optimizer"]], {}, 0
    epochs = []
    for epoch in range(cfg["epochs"]):
        start = time.perf_counter()
        running_loss = 0
        for i in range(0, len(train_x), batch_size):
            x_batch, y_batch = train_x[i:i + batch_size], train_y[i:i + batch_size]
            # forward
            error = forward(x_batch, layers) - y_batch
            # backward
            grads = backward(error, layers)
            # update
            step += 1
            optimizer(grads, layers, batch_size, step, state, cfg)
            running_loss += np.mean(error ** 2)
        valid_loss = np.mean((forward(valid_x, layers) - valid_y) ** 2)
        epochs.append({"epoch": epoch, "train_loss": float(running_loss / len(train_x) * batch_size),
                       "valid_loss": float(valid_loss), "runtime": time.perf_counter() - start})
    return epochs


def run_job(argv, script, optimizers, training_run, versions):
    """Read the job from argv, train once and print the epochs as JSON: the main of every Python contender."""
    if len(argv) != 2:
        sys.stderr.write(f"usage: python3 {script}.py JOB_JSON\n")
        return 2
    job = json.loads(argv[1])
    cfg = {**DEFAULTS, **job["config"]}
    if cfg["optimizer"] not in optimizers:
        sys.stderr.write(f"{script}: unknown optimizer {cfg['optimizer']!r}\n")
        return 2
    if cfg.get("schedule", "constant") != "constant":
        sys.stderr.write(f"{script}: only the constant learning rate is written (the benchmark uses no schedule)\n")
        return 2
    train, valid = load_splits(job["csv"], job.get("tile", 1))
    epochs = training_run(cfg, job.get("widths", [7, 25, 10, 1]), train, valid)
    json.dump({"config": cfg, "epochs": epochs, **versions}, sys.stdout)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(run_job(sys.argv, "numpy_lesson", OPTIMIZERS, training_run, {"numpy": np.__version__}))
