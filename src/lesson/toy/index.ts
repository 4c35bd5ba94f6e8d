export { makeRavine, followPath, type Ravine, type RavineOptimizer } from "./ravine";
export { ravineCurvature, momentumFactor, stepsToReach, type Curvature } from "./ravine-rates";
export { rosenbrock, walkSurface, type Surface } from "./rosenbrock";
