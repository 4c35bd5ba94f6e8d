import type { Matrix } from "../math/matrix";
import type { Dense } from "../nn/dense";

export interface LayerActivity {
  /** The layer's position in the network (0 = first). */
  layer: number;
  units: number;
  /** Units whose output is 0 for every row: a ReLU that never fires passes no gradient back. */
  dead: number;
}

/**
 * Count, for every ReLU layer, the units that output 0 for every row of `x`. Such a unit's
 * weights get zero gradient from these rows, so training on them can never revive it; a layer
 * whose units are all dead cuts the network off from its input.
 */
export function deadUnits(layers: readonly Dense[], x: Matrix): LayerActivity[] {
  const activity: LayerActivity[] = [];
  let input = x;
  layers.forEach((layer, index) => {
    const output = layer.forward(input);
    if (layer.activation) {
      let dead = 0;
      for (let unit = 0; unit < output.cols; unit++) {
        let fires = false;
        for (let row = 0; row < output.rows && !fires; row++) fires = output.data[row * output.cols + unit]! > 0;
        if (!fires) dead += 1;
      }
      activity.push({ layer: index, units: output.cols, dead });
    }
    input = output.clone(); // forward returns the layer's own buffer
  });
  return activity;
}
