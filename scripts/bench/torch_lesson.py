"""The lesson's training run written the usual PyTorch way: the benchmark's torch contender.

nn.Linear layers in an nn.Sequential, autograd for the gradients and torch.optim for the
updates, in float64 on one thread. One run per process, with the same job and output as
numpy_lesson.py:

  python3 torch_lesson.py '{"csv": "data/house_prices.csv", "config": {...},
                            "widths": [7, 25, 10, 1], "tile": 1}'

Prints {"config", "epochs": [{"epoch", "train_loss", "valid_loss", "runtime"}], "torch"} on stdout.

Matching the lesson's arithmetic, so that the losses agree with src to float64 round-off:
- The rows, the scaling and the seeded start weights come from numpy_lesson.py (nn.Linear keeps
  its weight as out x in, so the lesson's in x out matrix is copied in transposed; biases start at 1).
- The lesson's weight gradient is the sum over the batch divided by batch_size: the gradient of
  0.5 * sum((pred - y)^2) / batch_size. Its bias gradient is the mean over the rows actually in
  the batch, which differs only on the short last batch: there the bias gradients are scaled by
  batch_size / rows.
- torch.optim.SGD with momentum keeps buf = mu * buf + g and steps p -= lr * buf. With a constant
  learning rate that is the lesson's v = mu * v - lr * g, p += v, with v = -lr * buf.
- torch.optim.AdamW shrinks p by lr * weight_decay * p before its Adam step, as the lesson does,
  and adds eps to sqrt(v_hat). The biases go in a parameter group with weight_decay=0, because the
  lesson decays only the weights.
"""
import sys
import time

import torch
from torch import nn

from numpy_lesson import Dense, run_job


def make_model(widths):
    """Linear layers with ReLU between them (not after the last), from the lesson's seeded start."""
    modules = []
    for n, (i, o) in enumerate(zip(widths, widths[1:])):
        linear = nn.Linear(i, o, dtype=torch.float64)
        with torch.no_grad():
            linear.weight.copy_(torch.from_numpy(Dense(i, o).weights.T))
            linear.bias.fill_(1.0)
        modules.append(linear)
        if n < len(widths) - 2:
            modules.append(nn.ReLU())
    return nn.Sequential(*modules)


def biases_of(model):
    return [p for name, p in model.named_parameters() if name.endswith("bias")]


def make_optimizer(model, cfg):
    lr = cfg["lr"]
    if cfg["optimizer"] == "sgd":
        return torch.optim.SGD(model.parameters(), lr=lr)
    if cfg["optimizer"] == "momentum":
        return torch.optim.SGD(model.parameters(), lr=lr, momentum=cfg["momentum"])
    betas = (cfg["beta1"], cfg["beta2"])
    if cfg["optimizer"] == "adam":
        return torch.optim.Adam(model.parameters(), lr=lr, betas=betas, eps=cfg["eps"])
    weights = [p for name, p in model.named_parameters() if name.endswith("weight")]
    groups = [{"params": weights}, {"params": biases_of(model), "weight_decay": 0.0}]
    return torch.optim.AdamW(groups, lr=lr, betas=betas, eps=cfg["eps"], weight_decay=cfg["weight_decay"])


def training_run(cfg, widths, train, valid):
    train_x, train_y = (torch.from_numpy(a) for a in train)
    valid_x, valid_y = (torch.from_numpy(a) for a in valid)
    batch_size = cfg["batch_size"]
    model = make_model(widths)
    optimizer = make_optimizer(model, cfg)
    biases = biases_of(model)
    batches = list(zip(train_x.split(batch_size), train_y.split(batch_size)))
    epochs = []
    for epoch in range(cfg["epochs"]):
        start = time.perf_counter()
        running_loss = 0.0
        for x_batch, y_batch in batches:
            optimizer.zero_grad()
            # forward
            error = model(x_batch) - y_batch
            loss = 0.5 * error.square().sum() / batch_size
            # backward
            loss.backward()
            rows = len(x_batch)
            if rows < batch_size:
                for bias in biases:
                    bias.grad.mul_(batch_size / rows)
            # update
            optimizer.step()
            running_loss += loss.item() * 2 * batch_size / rows  # this batch's mean squared error
        with torch.no_grad():
            valid_loss = (model(valid_x) - valid_y).square().mean().item()
        epochs.append({"epoch": epoch, "train_loss": running_loss / len(train_x) * batch_size,
                       "valid_loss": valid_loss, "runtime": time.perf_counter() - start})
    return epochs


if __name__ == "__main__":
    torch.set_num_threads(1)
    sys.exit(run_job(sys.argv, "torch_lesson", ("sgd", "momentum", "adam", "adamw"), training_run, {"torch": torch.__version__}))
