import { test } from "node:test";
import assert from "node:assert/strict";
import { DEFAULT_CONFIG, makeOptimizer, withDefaults } from "./config";
import { fromSnakeCase, toSnakeCase } from "./snake-case";

test("a partial config gets the defaults; an unknown key is refused, with the camelCase it may mean", () => {
  assert.deepEqual(withDefaults({ lr: 0.5 }), { ...DEFAULT_CONFIG, lr: 0.5 });
  const numpyStyle: object = { batch_size: 4 };
  assert.throws(() => withDefaults(numpyStyle), /unknown config key "batch_size" \(did you mean batchSize\?\)/);
});

test("snake_case only at the boundary: the two spellings round-trip", () => {
  const config = withDefaults({ optimizer: "adamw", batchSize: 7, weightDecay: 0.1, warmupSteps: 3 });
  const snake = toSnakeCase(config);
  assert.equal(snake.batch_size, 7);
  assert.equal(snake.weight_decay, 0.1);
  assert.equal(snake.warmup_steps, 3);
  assert.deepEqual(fromSnakeCase(snake), config);
});

test("the optimizer's schedule spans the run's total steps", () => {
  const optimizer = makeOptimizer(withDefaults({ schedule: "linear", batchSize: 100, epochs: 2 }), 505);
  assert.equal(optimizer.schedule(12), 0); // 2 epochs x 6 batches: the last step reaches 0
  assert.throws(() => optimizer.schedule(13), /step 13 is past the last step \(12\)/);
});
