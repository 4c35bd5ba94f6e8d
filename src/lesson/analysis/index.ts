// Measurements the chapters build their figures on.
export { gradientNoise, meanGradient, pickRows, type GradientNoise, type NoiseAtBatchSize, type Rows } from "./gradient-noise";
