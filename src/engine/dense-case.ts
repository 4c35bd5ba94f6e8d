import { Matrix } from "../lesson/math/matrix";
import { Dense } from "../lesson/nn/dense";
import { allocateFloat64, copyToWasm } from "./memory";

/**
 * For the kernel tests: a Dense layer with random parameters, a random input and output
 * gradient, the lesson's own forward and backward of them (what a kernel must reproduce), the
 * same inputs copied into wasm memory, and empty wasm arrays for a kernel's results.
 */
export function denseCase(n: number, k: number, m: number, relu: boolean, random: (count: number) => Float64Array) {
  const layer = new Dense(k, m, { activation: relu });
  layer.weights.data.set(random(k * m));
  layer.bias.data.set(random(m));
  const [x, grad] = [new Matrix(n, k, random(n * k)), new Matrix(n, m, random(n * m))];
  const expectedOut = layer.forward(x);
  const expected = layer.backward(grad);
  const [wx, ww, wb, wgrad] = [x.data, layer.weights.data, layer.bias.data, grad.data].map(copyToWasm);
  return {
    expected: { out: expectedOut.data, wGrad: expected.params.weights.data, bGrad: expected.params.bias.data, xGrad: expected.grad!.data },
    input: { x: wx!, w: ww!, b: wb!, grad: wgrad! },
    result: { out: allocateFloat64(n * m), masked: allocateFloat64(n * m), wGrad: allocateFloat64(k * m), bGrad: allocateFloat64(m), xGrad: allocateFloat64(n * k) },
  };
}
