export { makeRavine, followPath, type Ravine, type RavineOptimizer } from "./ravine";
