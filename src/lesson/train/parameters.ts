import { Matrix } from "../math/matrix";
import type { Dense, ParamGrads } from "../nn/dense";
import type { Parameter } from "../optim/optimizer";

/**
 * The layers' parameters with their gradients, ready for an optimizer's `step`.
 *
 * This is the one place the lesson's gradient-scaling rule lives. Dense.backward returns the
 * weight gradient summed over the batch and the bias gradient averaged (as the numpy lesson
 * does); an optimizer takes batch means, so the weight gradient is divided by `batchSize`
 * here. Like the numpy reference, the divisor is the configured batch size, also for a short
 * last batch.
 */
export function layerParameters(layers: readonly Dense[], grads: readonly ParamGrads[], batchSize: number): Parameter[] {
  if (grads.length !== layers.length) throw new RangeError(`layerParameters: ${grads.length} gradient sets for ${layers.length} layers`);
  return layers.flatMap((layer, i) => [
    { value: layer.weights, grad: batchMean(grads[i]!.weights, batchSize), decay: true },
    { value: layer.bias, grad: grads[i]!.bias, decay: false },
  ]);
}

/** A gradient summed over a batch, divided by the batch size. */
function batchMean(sum: Matrix, batchSize: number): Matrix {
  return sum.div(batchSize);
}
