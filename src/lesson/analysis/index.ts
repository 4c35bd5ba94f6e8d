// Measurements the chapters build their figures on.
export { gradientNoise, meanGradient, pickRows, type GradientNoise, type NoiseAtBatchSize, type Rows } from "./gradient-noise";
export { deadUnits, type LayerActivity } from "./dead-units";
