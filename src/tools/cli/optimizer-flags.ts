import { UsageError } from "./usage-error";

/** The hyperparameter flags each optimizer reads; any other optimizer ignores them. */
const usedBy: Record<string, readonly string[]> = {
  momentum: ["momentum"],
  beta1: ["adam", "adamw"],
  beta2: ["adam", "adamw"],
  eps: ["adam", "adamw"],
  "weight-decay": ["adamw"],
};

/**
 * Refuse a hyperparameter flag that no chosen optimizer reads: `--weight-decay 0.1 --optimizer
 * sgd` would otherwise run and silently do nothing with it.
 */
export function checkOptimizerFlags(optimizers: readonly string[], given: readonly string[]): void {
  for (const flag of given) {
    const users = usedBy[flag];
    if (users && !optimizers.some((o) => users.includes(o))) {
      throw new UsageError(`--${flag} is not used by --optimizer ${optimizers.join(" or ")} (only by ${users.join(" and ")})`);
    }
  }
}
