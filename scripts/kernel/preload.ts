/**
 * Preloaded into a tslab kernel (`node --require .../preload.js .../tslab kernel ...`): errors in
 * the learner's terms (learner-errors.ts). Inert in any other Node process.
 */
import { installLearnerErrors } from "./learner-errors";

installLearnerErrors();
