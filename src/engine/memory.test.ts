import { test } from "node:test";
import assert from "node:assert/strict";
import { allocateFloat64, allocateInt32, copyToWasm, inWasmMemory, memory } from "./memory";

test("arrays allocated in wasm memory are zeroed, 16-byte aligned and do not overlap", () => {
  const a = allocateFloat64(3);
  const b = allocateFloat64(5);
  assert.deepEqual(Array.from(b), [0, 0, 0, 0, 0]);
  assert.equal(a.byteOffset % 16, 0);
  assert.equal(b.byteOffset % 16, 0);
  a.fill(1);
  assert.ok(b.every((v) => v === 0));
  assert.ok(inWasmMemory(a) && inWasmMemory(b.subarray(1)));
  assert.ok(!inWasmMemory(new Float64Array(3)));
});

test("growing the memory keeps earlier arrays valid", () => {
  const early = allocateFloat64(4);
  early.set([1, 2, 3, 4]);
  const pages = memory.buffer.byteLength / 65536;
  const big = allocateFloat64(3 * 65536 / 8); // more than the free space: forces a grow
  assert.ok(memory.buffer.byteLength / 65536 > pages);
  assert.deepEqual(Array.from(early), [1, 2, 3, 4]);
  assert.ok(inWasmMemory(big));
});

test("int32 tables and copies live in wasm memory too", () => {
  const table = allocateInt32(3);
  assert.equal(table.buffer, memory.buffer);
  assert.equal(table.byteOffset % 16, 0);
  assert.deepEqual(Array.from(table), [0, 0, 0]);
  const source = new Float64Array([1.5, -2, 3]);
  const copy = copyToWasm(source);
  assert.ok(inWasmMemory(copy) && !inWasmMemory(source));
  assert.deepEqual(Array.from(copy), [1.5, -2, 3]);
});

test("sizes are checked", () => {
  assert.throws(() => allocateFloat64(-1), /length must be an integer >= 0, got -1/);
  assert.throws(() => allocateInt32(1.5), /allocateInt32: length must be an integer >= 0, got 1.5/);
});
