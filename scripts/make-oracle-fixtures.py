"""Regenerate tests/fixtures/oracle-extra-runs.json with the numpy reference oracle.

usage: python3 scripts/make-oracle-fixtures.py PATH/TO/optimizers_ref.py > tests/fixtures/oracle-extra-runs.json

The oracle (shared with the course materials, not part of this repository) pins the lesson's
arithmetic; these runs cover what the lesson's own runs do not: batch size 1, a full batch,
a batch larger than the data, every schedule with every optimizer, non-default hyperparameters.
"""
import importlib.util, json, sys

spec = importlib.util.spec_from_file_location("oracle", sys.argv[1])
oracle = importlib.util.module_from_spec(spec)
spec.loader.exec_module(oracle)
train, valid, _ = oracle.load("data/house_prices.csv")

configs = {
    "sgd_bs1": dict(optimizer="sgd", lr=1e-4, batch_size=1, epochs=3),
    "adam_full_batch": dict(optimizer="adam", lr=1e-2, batch_size=505, epochs=30),
    "sgd_batch_beyond_rows": dict(optimizer="sgd", lr=1e-3, batch_size=600, epochs=20),
    "momentum_0.5_bs8": dict(optimizer="momentum", lr=5e-5, momentum=0.5, batch_size=8, epochs=8),
    "adam_custom_betas": dict(optimizer="adam", lr=3e-3, beta1=0.8, beta2=0.99, eps=1e-6, batch_size=64, epochs=15),
}
for opt in ["sgd", "momentum", "adam", "adamw"]:
    for sched in ["constant", "linear", "cosine"]:
        lr = 1e-3 if opt.startswith("adam") else 1e-4
        configs[f"{opt}_{sched}_bs16"] = dict(optimizer=opt, lr=lr, batch_size=16, epochs=10, schedule=sched,
                                              warmup_steps=25, weight_decay=0.05 if opt == "adamw" else 0.0)
out = {}
for name, cfg in configs.items():
    run = oracle.run(cfg, train, valid)
    out[name] = {"config": run["config"], "train_loss": run["train_loss"], "valid_loss": run["valid_loss"]}
json.dump(out, sys.stdout, indent=1)
