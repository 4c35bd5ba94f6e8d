// Types of the `optim-lesson` workspace package: those of the compiled engine.
export * from "../dist/src/index";
