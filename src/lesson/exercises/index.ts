// Checked exercises: reference answers and checkers that name the first difference.
export { checkOptimizer, type Steppable, type CheckOptions, type CheckResult, type Difference } from "./check-optimizer";
export { checkFunction, type FunctionCheck } from "./check-function";
export { NesterovMomentum, RMSProp } from "./reference-optimizers";
