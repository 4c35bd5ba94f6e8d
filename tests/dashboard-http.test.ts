import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { after, before, test } from "node:test";
import { startDashboard, type Dashboard } from "../src/tools/dashboard/server";
import { initRun } from "../src/lesson/track";
import { repoRoot } from "../src/lesson/paths";

/** Two small finished runs in a temporary runs folder. */
function makeRuns(): { dir: string; ids: string[] } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "dash-http-"));
  const ids = [4, 32].map((batchSize) => {
    const run = initRun({ dir, project: "optimizers", name: `sgd-bs${batchSize}`, config: { batch_size: batchSize } });
    run.defineMetric("epoch");
    run.defineMetric("valid_loss", { stepMetric: "epoch" });
    for (let epoch = 0; epoch < 3; epoch++) run.log({ epoch, valid_loss: 10 / (epoch + 1) });
    run.finish();
    return run.id;
  });
  fs.writeFileSync(path.join(dir, "secret.txt"), "not for the browser");
  return { dir, ids };
}

let dashboard: Dashboard;
let runs: { dir: string; ids: string[] };

before(async () => {
  runs = makeRuns();
  dashboard = await startDashboard({ runsDir: runs.dir, port: 0 });
});
after(() => dashboard.close());

/** GET a raw request target (sent as is: fetch would normalise "..") and return status and body. */
async function get(target: string): Promise<{ status: number; body: string }> {
  const http = await import("node:http");
  return new Promise((resolve, reject) => {
    http.get({ host: "127.0.0.1", port: dashboard.port, path: target }, (res) => {
      let body = "";
      res.on("data", (chunk) => (body += chunk));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
    }).on("error", reject);
  });
}

test("serves the page, its assets and plotly from this machine", async () => {
  assert.match(dashboard.url, /^http:\/\/127\.0\.0\.1:\d+\/$/);
  const page = await get("/");
  assert.equal(page.status, 200);
  assert.match(page.body, /<script src="\/vendor\/plotly\.min\.js"><\/script>/);
  assert.doesNotMatch(page.body, /https?:\/\/(?!127)/, "no CDN or other remote address in the page");
  assert.equal((await get("/app.js")).status, 200);
  assert.match((await get("/vendor/plotly.min.js")).body.slice(0, 2000), /plotly/i);
});

test("the API lists runs with config and final metrics, and builds the comparison figure", async () => {
  const listed = JSON.parse((await get("/api/runs?project=optimizers")).body);
  assert.deepEqual(listed.runs.map((r: { name: string; state: string }) => [r.name, r.state]), [["sgd-bs4", "finished"], ["sgd-bs32", "finished"]]);
  assert.deepEqual(listed.metrics, ["valid_loss"]);
  assert.deepEqual(listed.table.rows[1], { run: "sgd-bs32", state: "finished", batch_size: 32, valid_loss: 10 / 3 });
  const figure = JSON.parse((await get(`/api/figure?project=optimizers&runs=${runs.ids.join(",")}&metrics=valid_loss`)).body);
  assert.deepEqual(figure.data.map((t: { name: string; x: number[] }) => [t.name, t.x]), [["sgd-bs4", [0, 1, 2]], ["sgd-bs32", [0, 1, 2]]]);
});

test("requests cannot reach files outside the runs folder", async () => {
  for (const target of [
    "/../secret.txt", "/%2e%2e/secret.txt", "/%2E%2E%2Fsecret.txt", "/..%5csecret.txt", "//etc/passwd",
    "/api/runs?project=..", "/api/runs?project=%2e%2e", "/api/runs?project=%2Fetc", `/api/runs?project=${encodeURIComponent(runs.dir)}`,
    `/api/figure?project=optimizers&runs=..&metrics=valid_loss`, `/api/figure?project=..%2F..&runs=${runs.ids[0]}&metrics=valid_loss`,
  ]) {
    const { status, body } = await get(target);
    assert.ok(status >= 400 && status < 500, `${target} answered ${status}`);
    assert.doesNotMatch(body, /not for the browser|root:/, target);
    assert.ok(JSON.parse(body).error, `${target} explains itself`);
  }
  assert.equal((await get("/etc/passwd")).status, 404);
  assert.equal((await get("/secret.txt")).status, 404);
});

test("malformed queries get a 400 that says what is wrong, and the server keeps serving", async () => {
  const cases: Array<[string, number, RegExp]> = [
    ["/api/runs", 400, /missing query parameter "project"/],
    ["/api/runs?project=optimizers&project=x", 400, /given more than once/],
    ["/api/runs?project=optimizers&sort=1", 400, /unknown query parameter "sort"/],
    ["/api/runs?project=nope", 404, /no project "nope"/],
    ["/api/figure?project=optimizers&runs=&metrics=valid_loss", 400, /missing query parameter "runs"/],
    [`/api/figure?project=optimizers&runs=${runs.ids[0]},,x&metrics=valid_loss`, 400, /runs: "" is not a valid run id/],
    [`/api/figure?project=optimizers&runs=${runs.ids[0]},${runs.ids[0]}&metrics=valid_loss`, 400, /repeated/],
    [`/api/figure?project=optimizers&runs=${runs.ids[0]}&metrics=_step`, 400, /"_step" is not a valid metric name/],
    [`/api/figure?project=optimizers&runs=${runs.ids[0]}&metrics=accuracy`, 400, /"accuracy" not logged by the chosen runs/],
    ["/api/figure?project=optimizers&runs=20000101-000000-aaaaaa&metrics=valid_loss", 404, /no run "20000101-000000-aaaaaa"/],
    [`/api/figure?project=optimizers&runs=${runs.ids[0]}&metrics=valid_loss&scale=cubic`, 400, /scale must be one of linear, log \(got "cubic"\)/],
    ["/api/runs?project=%E0%A4%A", 400, /project must be a plain name/],
    ["/%E0%A4%A", 400, /malformed percent-encoding/],
  ];
  for (const [target, status, message] of cases) {
    const response = await get(target);
    assert.equal(response.status, status, target);
    assert.match(JSON.parse(response.body).error, message, target);
  }
  assert.equal((await get("/api/projects")).status, 200, "still up");
});

const cli = path.join(repoRoot, "dist", "src", "tools", "cli", "dashboard.js");

test("bad flags exit with code 2 and one line on stderr naming the flag", () => {
  const cases: Array<[string[], RegExp]> = [
    [["--bogus"], /unknown flag --bogus/],
    [["--port"], /--port needs a value/],
    [["--port", "http"], /--port must be a number, got "http"/],
    [["--port=70000"], /--port must be from 0 to 65535, got 70000/],
    [["--port", "80.5"], /--port must be a whole number/],
    [["--runs"], /--runs needs a value/],
  ];
  for (const [args, message] of cases) {
    const result = spawnSync(process.execPath, [cli, ...args], { encoding: "utf8" });
    assert.equal(result.status, 2, args.join(" "));
    assert.equal(result.stderr.trimEnd().split("\n").length, 1, `one line: ${result.stderr}`);
    assert.match(result.stderr, message);
    assert.equal(result.stdout, "");
  }
});
