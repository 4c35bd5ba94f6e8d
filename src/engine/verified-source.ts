// Written by src/engine/record-verified-source.ts (npm run verify-engine): do not edit by hand.
/** The fingerprint of the library source on which the engine's contract tests passed. */
export const VERIFIED_SOURCE: Readonly<Record<string, string>> = {
  "math/matrix": "94f74409007f4b8f",
  "nn/dense": "8f87a953ffbf2c3d",
  "nn/network": "92d54cf303ee467f",
  "nn/loss": "8172bb07b867c607",
  "train/parameters": "51baf753e8043198",
  "train/train": "f576c60da378b6e8",
  "optim/optimizer": "966c6059e298f24d",
  "optim/sgd": "3182c377777a1bfe",
  "optim/momentum": "27f0553cf59c7dc4",
  "optim/adam": "a3172b543e46bb55",
  "optim/adamw": "99b5505d06e3d1c3",
};
