/**
 * Learning-rate schedules: pure functions from the 1-based optimizer step to a learning rate.
 * Pure means calling one twice with the same step gives the same answer; nothing is mutated.
 */
export type Schedule = (step: number) => number;

export type ScheduleKind = "constant" | "linear" | "cosine";

export interface WarmupDecayOptions {
  /** The peak learning rate, reached at the end of warmup. */
  lr: number;
  /** Steps of linear warmup from 0 to lr (0 for none). */
  warmupSteps: number;
  /** The total number of optimizer steps in the run; the rate reaches 0 at the last one. */
  totalSteps: number;
}

/** The same rate at every step. */
export function constantSchedule(lr: number): Schedule {
  checkRate(lr);
  return () => lr;
}

/** Linear warmup to lr, then a straight line down to 0 at totalSteps. */
export function linearSchedule(options: WarmupDecayOptions): Schedule {
  return warmupThen(options, (lr, progress) => lr - lr * progress);
}

/** Linear warmup to lr, then half a cosine wave down to 0 at totalSteps. */
export function cosineSchedule(options: WarmupDecayOptions): Schedule {
  return warmupThen(options, (lr, progress) => lr * 0.5 * (1 + Math.cos(Math.PI * progress)));
}

/** Build a schedule by kind, as the CLI and config files name them. */
export function makeSchedule(kind: ScheduleKind, options: WarmupDecayOptions): Schedule {
  switch (kind) {
    case "constant": return constantSchedule(options.lr);
    case "linear": return linearSchedule(options);
    case "cosine": return cosineSchedule(options);
    default: throw new RangeError(`unknown schedule "${String(kind)}" (expected constant, linear or cosine)`);
  }
}

/**
 * Warmup joined to a decay curve at step `warmupSteps`: up to there the rate grows as
 * lr * step / warmupSteps; after it, `decay(lr, progress)` with progress going 0 -> 1.
 */
function warmupThen(options: WarmupDecayOptions, decay: (lr: number, progress: number) => number): Schedule {
  const { lr, warmupSteps, totalSteps } = options;
  checkRate(lr);
  if (!Number.isInteger(totalSteps) || totalSteps < 1) throw new RangeError(`totalSteps must be a positive integer, got ${totalSteps}`);
  if (!Number.isInteger(warmupSteps) || warmupSteps < 0 || warmupSteps > totalSteps) {
    throw new RangeError(`warmupSteps must be an integer in [0, totalSteps=${totalSteps}], got ${warmupSteps}`);
  }
  return (step) => {
    if (step > totalSteps) {
      // Past the end the decay curve turns back up (cosine) or below zero (linear): refuse.
      throw new RangeError(`schedule: step ${step} is past the last step (${totalSteps}); build the schedule with the run's total number of steps`);
    }
    if (step <= warmupSteps) return (lr * step) / warmupSteps;
    return decay(lr, (step - warmupSteps) / (totalSteps - warmupSteps));
  };
}

function checkRate(lr: number): void {
  if (!(lr > 0) || !Number.isFinite(lr)) throw new RangeError(`learning rate must be a finite number > 0, got ${lr}`);
}
