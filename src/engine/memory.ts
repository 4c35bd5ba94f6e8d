/**
 * The WebAssembly memory the kernels work in, and float64 arrays allocated inside it.
 *
 * The engine keeps its copies of a network's parameters, gradients, optimizer state, work
 * buffers and data here as ordinary Float64Arrays: JavaScript reads and writes them directly
 * while the wasm kernels see the same numbers.
 *
 * The memory is shared (backed by SharedArrayBuffers) because a shared memory grows without
 * invalidating the arrays already handed out; growing an ordinary one would empty them all.
 */
const PAGE_BYTES = 65536;
/** 1 GiB: address space is reserved up front, pages are only used as the arena grows. */
const MAX_PAGES = 16384;
/** Arrays start at multiples of 16 bytes, the width of a SIMD load. */
const ALIGN = 16;

export const memory = new WebAssembly.Memory({ initial: 1, maximum: MAX_PAGES, shared: true });

/**
 * Every buffer object the memory has had (one per size; the memory at least doubles when it
 * grows, so there are few): an array lives in wasm memory iff its buffer is one of them.
 * A short list of identity checks is several times faster than a WeakSet lookup.
 */
const buffers: ArrayBufferLike[] = [memory.buffer];
/** The first byte never handed out. */
let top = ALIGN; // keep address 0 unused, so a zero offset never hides a bug
/** Freed blocks by size in bytes: networks of one shape free and ask for the same sizes. */
const freeBlocks = new Map<number, number[]>();
/** Returns a block to its free list once nothing references the array that used it. */
const reclaim = new FinalizationRegistry<{ offset: number; bytes: number }>(({ offset, bytes }) => {
  let list = freeBlocks.get(bytes);
  if (!list) freeBlocks.set(bytes, (list = []));
  list.push(offset);
});

/**
 * A zero-filled Float64Array of `length` values inside the wasm memory. Its block is reused
 * after the array is garbage collected, so do not keep a `subarray` of it alive without it.
 */
export function allocateFloat64(length: number): Float64Array {
  if (!Number.isInteger(length) || length < 0) throw new RangeError(`allocateFloat64: length must be an integer >= 0, got ${length}`);
  return allocate(length * 8, (offset) => new Float64Array(memory.buffer, offset, length));
}

/** A zero-filled Int32Array inside the wasm memory (tables of pointers and sizes for the kernels). */
export function allocateInt32(length: number): Int32Array {
  if (!Number.isInteger(length) || length < 0) throw new RangeError(`allocateInt32: length must be an integer >= 0, got ${length}`);
  return allocate(length * 4, (offset) => new Int32Array(memory.buffer, offset, length));
}

/** A copy of `values` in the wasm memory, so the kernels can read it in place. */
export function copyToWasm(values: Float64Array): Float64Array {
  const copy = allocateFloat64(values.length);
  copy.set(values);
  return copy;
}

function allocate<T extends Float64Array | Int32Array>(byteLength: number, view: (offset: number) => T): T {
  const bytes = Math.max(ALIGN, Math.ceil(byteLength / ALIGN) * ALIGN);
  let offset = freeBlocks.get(bytes)?.pop();
  if (offset === undefined) {
    offset = top;
    top += bytes;
    growTo(top);
  }
  const array = view(offset);
  array.fill(0); // a reused block holds its previous owner's numbers
  reclaim.register(array, { offset, bytes });
  return array;
}

/** True when the kernels can read `array` in place (it was allocated here, or is a view of such). */
export function inWasmMemory(array: Float64Array): boolean {
  const buffer = array.buffer;
  for (let i = buffers.length - 1; i >= 0; i--) if (buffers[i] === buffer) return true;
  return false;
}

function growTo(bytes: number): void {
  const pages = Math.ceil(bytes / PAGE_BYTES);
  const current = memory.buffer.byteLength / PAGE_BYTES;
  if (pages <= current) return;
  if (pages > MAX_PAGES) throw new RangeError(`wasm memory: ${bytes} bytes of live arrays exceed the ${MAX_PAGES * PAGE_BYTES} byte limit`);
  memory.grow(Math.min(MAX_PAGES, Math.max(pages, 2 * current)) - current);
  buffers.push(memory.buffer);
}
