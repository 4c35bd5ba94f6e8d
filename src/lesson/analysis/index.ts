// Chapter analyses: the set-ups and measurements chapters 6 to 9 share or build their figures on.
export { makeRavine, followPath, ravineCurvature, stepsToReach, momentumFactor, type Ravine, type Curvature, type LayerStepper } from "./ravine";
export { rosenbrock, walkSurface, type Surface } from "./surface";
export { gradientNoise, meanGradient, pickRows, type GradientNoise, type NoiseAtBatchSize, type Rows } from "./gradient-noise";
