import type { HousePrices } from "../data/house-prices";
import { meanSquaredError } from "../nn/loss";
import type { Dense } from "../nn/dense";
import { forward } from "../nn/network";

/**
 * The loss of trained layers on the test split. Choose the setting and the epoch count on the
 * validation split first, then measure this once for that choice: a test loss that helped choose
 * is no longer an estimate of the loss on unseen data.
 */
export function testLoss(layers: readonly Dense[], data: Pick<HousePrices, "test">): number {
  return meanSquaredError(forward(data.test.x, layers), data.test.y);
}
