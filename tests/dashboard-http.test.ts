import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { after, before, test } from "node:test";
import { allowedHosts, startDashboard, type Dashboard } from "../src/tools/dashboard/server";
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

/** Send a raw request target (as is: fetch would normalise "..") and return status, headers and body. */
async function get(target: string, options: { method?: string; headers?: Record<string, string> } = {}): Promise<{ status: number; body: string; headers: Record<string, unknown> }> {
  const http = await import("node:http");
  return new Promise((resolve, reject) => {
    const noHost = options.headers?.host === ""; // send no Host header at all
    const headers = noHost ? {} : options.headers;
    http.request({ host: "127.0.0.1", port: dashboard.port, path: target, method: options.method ?? "GET", headers, setHost: !noHost }, (res) => {
      let body = "";
      res.on("data", (chunk) => (body += chunk));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
    }).on("error", reject).end();
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
    [["--port", "http"], /--port must be a number \(like 32, 0\.001 or 1e-3\), got "http"/],
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

test("every response carries the security headers; a 405 says what is allowed", async () => {
  for (const target of ["/", "/app.js", "/api/projects", "/api/runs?project=nope", "/nothing"]) {
    const { headers } = await get(target);
    assert.match(String(headers["content-security-policy"]), /default-src 'none'; script-src 'self';.*frame-ancestors 'none'/, target);
    assert.equal(headers["x-content-type-options"], "nosniff", target);
    assert.equal(headers["x-frame-options"], "DENY", target);
  }
  for (const method of ["POST", "PUT", "DELETE", "OPTIONS"]) {
    const response = await get("/api/projects", { method });
    assert.equal(response.status, 405, method);
    assert.equal(response.headers.allow, "GET, HEAD", method);
  }
});

test("a Host header other than the bound address is refused (DNS rebinding)", async () => {
  for (const host of ["evil.example", `evil.example:${dashboard.port}`, "127.0.0.1:1", `127.0.0.1.evil.example:${dashboard.port}`, ""]) {
    const response = await get("/api/projects", { headers: { host } });
    assert.ok([400, 421].includes(response.status), `${host}: ${response.status}`); // no Host at all: node itself answers 400
    assert.doesNotMatch(response.body, /optimizers/, host);
  }
  for (const host of [`127.0.0.1:${dashboard.port}`, `localhost:${dashboard.port}`, `LOCALHOST:${dashboard.port}`]) {
    assert.equal((await get("/api/projects", { headers: { host } })).status, 200, host);
  }
  assert.deepEqual([...allowedHosts("192.0.2.7", 80)], ["192.0.2.7:80"], "a specific address answers to itself only");
});

test("binding beyond loopback needs allowRemote", async () => {
  await assert.rejects(startDashboard({ runsDir: runs.dir, port: 0, host: "0.0.0.0" }), /0\.0\.0\.0 is not a loopback address.*--allow-remote/);
  const result = spawnSync(process.execPath, [cli, "--host", "0.0.0.0", "--port", "0"], { encoding: "utf8", timeout: 10_000 });
  assert.equal(result.status, 2);
  assert.match(result.stderr, /--host 0\.0\.0\.0 is not a loopback address.*--allow-remote/);
});

test("no response discloses the absolute runs path", async () => {
  const targets = ["/api/projects", "/api/runs?project=optimizers", `/api/figure?project=optimizers&runs=${runs.ids.join(",")}&metrics=valid_loss`,
    "/api/runs?project=nope", "/api/figure?project=optimizers&runs=20000101-000000-aaaaaa&metrics=valid_loss"];
  for (const target of targets) assert.ok(!(await get(target)).body.includes(runs.dir), target);
  assert.equal(JSON.parse((await get("/api/projects")).body).runsFolder, path.basename(runs.dir));
});

test("an unchanged list answers a poll with 304", async () => {
  const first = await get("/api/runs?project=optimizers");
  const again = await get("/api/runs?project=optimizers", { headers: { "if-none-match": String(first.headers.etag) } });
  assert.deepEqual([again.status, again.body], [304, ""]);
});

test("hostile runs: a damaged run, symlinks out of the folder, a FIFO, /dev/zero", async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "dash-hostile-"));
  const outside = fs.mkdtempSync(path.join(os.tmpdir(), "dash-outside-"));
  const secret = initRun({ dir: outside, project: "secret", name: "secret-run" });
  secret.log({ loss: 1 });
  secret.finish();
  const good = initRun({ dir, project: "p", name: "good" });
  good.log({ loss: 1 });
  good.finish();
  const damaged = initRun({ dir, project: "p", name: "damaged" });
  damaged.log({ loss: 2 });
  fs.appendFileSync(path.join(damaged.dir, "metrics.jsonl"), "garbage\n".repeat(150_000));
  fs.symlinkSync(path.join(outside, "secret"), path.join(dir, "linked"));
  fs.symlinkSync(secret.dir, path.join(dir, "p", secret.id));
  for (const [name, plant] of [["zero", (f: string) => fs.symlinkSync("/dev/zero", f)], ["fifo", (f: string) => spawnSync("mkfifo", [f])]] as const) {
    const run = initRun({ dir, project: "p", name });
    run.finish();
    fs.rmSync(path.join(run.dir, "metrics.jsonl"));
    plant(path.join(run.dir, "metrics.jsonl"));
  }
  const server = await startDashboard({ runsDir: dir, port: 0 });
  try {
    const fetchJson = async (target: string) => {
      const response = await fetch(`${server.url}${target.slice(1)}`);
      return { status: response.status, text: await response.text() };
    };
    const projects = await fetchJson("/api/projects");
    assert.deepEqual(JSON.parse(projects.text).projects, [{ name: "p", runs: 4 }]);
    const listed = await fetchJson("/api/runs?project=p");
    assert.equal(listed.status, 200);
    assert.ok(listed.text.length < 20_000, `${listed.text.length} bytes: warnings are capped`);
    const ids = JSON.parse(listed.text).runs.map((r: { id: string }) => r.id);
    assert.equal(ids.length, 4);
    assert.ok(!ids.includes(secret.id));
    const figure = await fetchJson(`/api/figure?project=p&runs=${ids.join(",")}&metrics=loss`);
    assert.equal(figure.status, 200, figure.text);
    assert.equal((await fetchJson(`/api/figure?project=p&runs=${secret.id}&metrics=loss`)).status, 404);
    assert.equal((await fetchJson(`/api/figure?project=linked&runs=${secret.id}&metrics=loss`)).status, 404);
  } finally {
    await server.close();
    damaged.finish();
  }
});

test("figures downsample long traces; a zoom and the CSV download give full resolution", async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "dash-long-"));
  const run = initRun({ dir, project: "p", name: "long" });
  run.defineMetric("batch_step");
  run.defineMetric("running_loss", { stepMetric: "batch_step" });
  for (let i = 0; i < 100_000; i++) run.log({ running_loss: 10 + Math.sin(i / 100), batch_step: i });
  run.finish();
  const server = await startDashboard({ runsDir: dir, port: 0 });
  try {
    const base = `${server.url}api/figure?project=p&runs=${run.id}&metrics=running_loss`;
    const whole = await (await fetch(base)).json();
    assert.equal(whole.data[0].x.length, 2000);
    const zoomed = await (await fetch(`${base}&zoom=running_loss&x0=1000&x1=1999`)).json();
    assert.deepEqual([zoomed.data[0].x.length, zoomed.data[0].x[1], zoomed.data[0].x.at(-2)], [1002, 1000, 1999]);
    const csv = await fetch(`${server.url}api/series?project=p&run=${run.id}&metric=running_loss`);
    assert.match(String(csv.headers.get("content-disposition")), /attachment; filename=".*-running_loss\.csv"/);
    const lines = (await csv.text()).trimEnd().split("\n");
    assert.deepEqual([lines.length, lines[0], lines[1]], [100_001, "batch_step,running_loss", "0,10"]);
    assert.equal((await fetch(`${base}&zoom=running_loss&x0=5&x1=1`)).status, 400);
    assert.equal((await fetch(`${base}&zoom=running_loss&x0=0x10&x1=20`)).status, 400);
  } finally {
    await server.close();
  }
});

test("CONNECT gets a 405 saying what is allowed, and the server keeps serving", async () => {
  const net = await import("node:net");
  const reply = await new Promise<string>((resolve, reject) => {
    const socket: import("node:net").Socket = net.connect(dashboard.port, "127.0.0.1", () => socket.write(`CONNECT 127.0.0.1:22 HTTP/1.1\r\nHost: 127.0.0.1:${dashboard.port}\r\n\r\n`));
    let text = "";
    socket.on("data", (chunk: Buffer) => (text += chunk));
    socket.on("close", () => resolve(text));
    socket.on("error", reject);
  });
  assert.match(reply, /^HTTP\/1\.1 405 Method Not Allowed\r\n/);
  assert.match(reply, /\r\nallow: GET, HEAD\r\n/i);
  assert.equal((await get("/api/projects")).status, 200);
});
