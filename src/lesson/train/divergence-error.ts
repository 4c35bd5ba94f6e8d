/** Thrown when the training loss stops being a finite number. */
export class DivergenceError extends Error {
  override name = "DivergenceError";

  constructor(readonly epoch: number, readonly step: number, readonly loss: number) {
    super(
      `training diverged: the loss became ${loss} at epoch ${epoch}, step ${step}; ` +
        "try a lower learning rate",
    );
  }
}
