import { Matrix } from "../math/matrix";
import { Dense, ParamGrads } from "./dense";

/**
 * The lesson's network: 7 predictors -> 25 -> 10 -> 1 prediction, ReLU between layers. Every
 * layer draws its weights from `seed`, as the numpy lesson seeds each layer with 0 (the default,
 * which the numpy reference pins); another seed is another starting point of the same network.
 */
export function createNetwork(seed = 0): Dense[] {
  return [new Dense(7, 25, { seed }), new Dense(25, 10, { seed }), new Dense(10, 1, { activation: false, seed })];
}

/** Run x through every layer in order. */
export function forward(x: Matrix, layers: readonly Dense[]): Matrix {
  let out = x;
  for (const layer of layers) out = layer.forward(out);
  return out;
}

/**
 * Backpropagate `grad` (d loss / d prediction) from the last layer to the first.
 * Returns each layer's parameter gradients in layer order: grads[i] belongs to layers[i].
 */
export function backward(grad: Matrix, layers: readonly Dense[]): ParamGrads[] {
  const grads = new Array<ParamGrads>(layers.length);
  let g: Matrix | null = grad;
  for (let i = layers.length - 1; i >= 0; i--) {
    const result = layers[i]!.backward(g!, { inputGrad: i > 0 });
    grads[i] = result.params;
    g = result.grad;
  }
  return grads;
}

/** Total number of trainable numbers in the network. */
export function parameterCount(layers: readonly Dense[]): number {
  return layers.reduce((sum, layer) => sum + layer.parameterCount, 0);
}
