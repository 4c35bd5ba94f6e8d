// Entry of the `optim-lesson` workspace package: the compiled engine (run `npm run build` first).
module.exports = require("../dist/src/index.js");
