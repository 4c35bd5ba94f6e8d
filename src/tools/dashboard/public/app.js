// The run-comparison page: lists runs, lets the user tick runs and metrics, and draws the
// comparison figure the server builds (the same builder notebooks use). Polls every 2 s; the
// server answers an unchanged list with a 304, and the page then redraws nothing.
"use strict";

const REFRESH_MS = 2000;
const PALETTE = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"];

const view = {
  project: null,
  runs: [],
  metrics: [],
  sweeps: [],
  selectedRuns: new Set(),
  selectedMetrics: new Set(),
  table: { columns: [], rows: [] },
  runsTag: "",
  figureKey: "",
  zoom: null, // { metric, x0, x1 } while a panel is zoomed in
  sweepKey: "",
  rowsById: new Map(), // run id -> its table row
};

const $ = (id) => document.getElementById(id);

/** JSON and its ETag; the browser revalidates with If-None-Match (cache: "no-cache"). */
async function getJson(url) {
  const response = await fetch(url, { cache: "no-cache" });
  const body = await response.json();
  if (!response.ok) throw new Error(body.error || response.statusText);
  return { body, tag: response.headers.get("etag") || "" };
}

/** Numbers to 4 significant digits, as in the notebook's table. */
function formatCell(value) {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") return Number.isInteger(value) ? String(value) : String(Number(value.toPrecision(4)));
  return String(value);
}

function element(tag, props = {}, children = []) {
  const node = document.createElement(tag);
  Object.assign(node, props);
  for (const child of children) node.append(child);
  return node;
}

async function refresh() {
  const { body: { runsFolder, projects } } = await getJson("/api/projects");
  $("empty").hidden = projects.length > 0;
  $("project-view").hidden = projects.length === 0;
  $("runs-dir").textContent = runsFolder;
  renderProjects(projects);
  if (projects.length === 0) {
    view.project = null;
    setStatus("waiting for a first run…", false);
    return;
  }
  const { body, tag } = await getJson(`/api/runs?project=${encodeURIComponent(view.project)}`);
  if (tag !== view.runsTag || !tag) {
    view.runsTag = tag;
    view.runs = body.runs;
    view.metrics = body.metrics;
    view.table = body.table;
    view.sweeps = body.sweeps;
    for (const id of view.selectedRuns) if (!view.runs.some((r) => r.id === id)) view.selectedRuns.delete(id);
    for (const m of view.selectedMetrics) if (!view.metrics.includes(m)) view.selectedMetrics.delete(m);
    if (view.selectedMetrics.size === 0 && view.metrics.length > 0) view.selectedMetrics.add(view.metrics[0]);
    renderRuns();
    renderMetrics();
    renderSweeps();
  }
  await drawFigure();
  await drawSweep();
  const counts = ["running", "failed", "unfinished"].map((s) => [s, view.runs.filter((r) => r.state === s).length]).filter(([, n]) => n > 0);
  const summary = counts.map(([s, n]) => `${n} ${s}`).join(" · ");
  setStatus(`${summary ? `${summary} · ` : ""}updated ${new Date().toLocaleTimeString()}`, counts.some(([s]) => s === "running"));
}

function renderProjects(projects) {
  const names = projects.map((p) => p.name);
  if (!names.includes(view.project)) {
    view.project = names[0] ?? null;
    resetProject();
  }
  const select = $("project");
  const wanted = projects.map((p) => `${p.name}:${p.runs}`).join("|");
  if (select.dataset.options !== wanted) {
    select.replaceChildren(...projects.map((p) => element("option", { value: p.name, textContent: `${p.name} (${p.runs})` })));
    select.dataset.options = wanted;
  }
  select.value = view.project ?? "";
}

function resetProject() {
  view.selectedRuns.clear();
  view.selectedMetrics.clear();
  view.runsTag = "";
  view.figureKey = "";
  view.sweepKey = "";
  view.zoom = null;
}

function selectedIds() {
  return view.runs.filter((r) => view.selectedRuns.has(r.id)).map((r) => r.id);
}

/** Text made safe to place in HTML: names and configs come from run files anyone could write. */
function escapeHtml(text) {
  return String(text).replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);
}

/** A state badge: failed runs carry their reason, on hover and beside the badge. */
function stateBadge(run) {
  const reason = run.reason || "";
  const badge = `<span class="state ${escapeHtml(run.state)}" title="${escapeHtml(reason || run.state)}">${escapeHtml(run.state)}</span>`;
  if (run.state !== "failed" || !reason) return badge;
  return `${badge}<span class="reason">${escapeHtml(reason.length > 60 ? `${reason.slice(0, 60)}…` : reason)}</span>`;
}

/**
 * The whole table, built once per change of the run list as one HTML string (every value
 * escaped): at 2,000 rows this is several times faster than a DOM call per cell.
 */
function renderRuns() {
  const table = view.table;
  const head = `<tr><th></th>${table.columns.map((c) => `<th>${escapeHtml(c)}</th>`).join("")}</tr>`;
  const rows = view.runs.map((run, i) => {
    const row = table.rows[i];
    const cells = table.columns.map((column) => {
      if (column === "run") return `<td title="${escapeHtml(run.id)}"><span class="swatch"></span>${escapeHtml(run.name)}</td>`;
      if (column === "state") return `<td>${stateBadge(run)}</td>`;
      return `<td>${escapeHtml(formatCell(row[column]))}</td>`;
    });
    const name = escapeHtml(run.name);
    return `<tr data-run-id="${escapeHtml(run.id)}"><td><input type="checkbox" value="${escapeHtml(run.id)}" title="compare ${name}" data-run-name="${name}"></td>${cells.join("")}</tr>`;
  });
  $("runs").innerHTML = `<thead>${head}</thead><tbody>${rows.join("")}</tbody>`;
  view.rowsById = new Map([...$("runs").querySelectorAll("tbody tr")].map((tr) => [tr.dataset.runId, tr]));
  painted = new Set();
  paintSelection();
  const warnings = view.runs.flatMap((r) => r.warnings.map((w) => `${r.name}: ${w}`));
  const shown = warnings.slice(0, 20);
  if (warnings.length > shown.length) shown.push(`… and ${warnings.length - shown.length} more warnings`);
  $("warnings").replaceChildren(...shown.map((w) => element("li", { textContent: w })));
}

/**
 * Swatches and highlights of the ticked rows, without rebuilding the table: only rows ticked now
 * or painted before are touched, so a click costs the same with 20 runs or 2,000.
 */
let painted = new Set();
function paintSelection() {
  const ids = selectedIds();
  const rows = view.rowsById;
  for (const id of new Set([...painted, ...ids])) {
    const tr = rows.get(id);
    if (!tr) continue;
    const index = ids.indexOf(id);
    tr.className = index >= 0 ? "selected" : "";
    tr.querySelector("input").checked = index >= 0;
    tr.querySelector(".swatch").style.background = index >= 0 ? PALETTE[index % PALETTE.length] : "transparent";
  }
  painted = new Set(ids);
}

$("runs").addEventListener("click", (event) => {
  const tr = event.target.closest("tbody tr");
  if (!tr) return;
  const id = tr.dataset.runId;
  const box = tr.querySelector("input");
  if (event.target !== box) box.checked = !box.checked;
  if (box.checked) view.selectedRuns.add(id);
  else view.selectedRuns.delete(id);
  paintSelection();
  view.zoom = null;
  drawFigure().catch(showError);
});

function renderMetrics() {
  const chips = view.metrics.map((metric) => {
    const box = element("input", { type: "checkbox", value: metric, checked: view.selectedMetrics.has(metric) });
    box.addEventListener("change", () => {
      if (box.checked) view.selectedMetrics.add(metric);
      else view.selectedMetrics.delete(metric);
      view.zoom = null;
      drawFigure().catch(showError);
    });
    return element("label", {}, [box, metric]);
  });
  $("metrics").replaceChildren(...chips);
}

async function drawFigure() {
  const ids = selectedIds();
  const metrics = view.metrics.filter((m) => view.selectedMetrics.has(m));
  const hint = $("chart-hint");
  const records = view.runs.filter((r) => ids.includes(r.id)).map((r) => `${r.id}:${r.records}:${r.state}`).join(",");
  const scale = $("log-scale").checked ? "log" : "linear";
  const zoom = view.zoom && metrics.includes(view.zoom.metric) ? view.zoom : null;
  const key = `${view.project}|${metrics.join(",")}|${scale}|${records}|${zoom ? `${zoom.metric}:${zoom.x0}:${zoom.x1}` : ""}`;
  if (ids.length === 0 || metrics.length === 0) {
    hint.textContent = ids.length === 0 ? "Tick two or more runs above to overlay them." : "Pick a metric to plot.";
    hint.hidden = false;
    Plotly.purge($("chart"));
    $("downloads").replaceChildren();
    view.figureKey = "";
    return;
  }
  hint.hidden = true;
  if (key === view.figureKey) return;
  view.figureKey = key;
  const query = new URLSearchParams({ project: view.project, runs: ids.join(","), metrics: metrics.join(","), scale });
  if (zoom) Object.entries({ zoom: zoom.metric, x0: zoom.x0, x1: zoom.x1 }).forEach(([k, v]) => query.set(k, String(v)));
  const { body: figure } = await getJson(`/api/figure?${query}`);
  figure.layout.uirevision = `${view.project}|${metrics.join(",")}|${ids.join(",")}`; // keeps the user's zoom across redraws
  const chart = $("chart");
  await Plotly.react(chart, figure.data, figure.layout, { responsive: true, displaylogo: false });
  if (!chart.dataset.zoomWatch) {
    chart.dataset.zoomWatch = "1";
    chart.on("plotly_relayout", onRelayout);
  }
  renderDownloads(ids, metrics);
}

/** Zoom on a panel's x axis: ask the server for that range at full detail; a reset asks for all. */
function onRelayout(change) {
  const metrics = view.metrics.filter((m) => view.selectedMetrics.has(m));
  for (const [key, value] of Object.entries(change)) {
    // A drag-zoom reports "xaxis2.range[0]" and "[1]"; a programmatic one may report "xaxis2.range".
    const match = /^xaxis(\d*)\.(range\[0\]|range|autorange)$/.exec(key);
    if (!match) continue;
    const metric = metrics[match[1] ? Number(match[1]) - 1 : 0];
    if (match[2] === "autorange") view.zoom = null;
    else {
      const [x0, x1] = match[2] === "range" ? value : [value, change[`xaxis${match[1]}.range[1]`]];
      view.zoom = { metric, x0: Number(x0), x1: Number(x1) };
    }
    drawFigure().catch(showError);
    return;
  }
}

function renderDownloads(ids, metrics) {
  const links = [];
  for (const id of ids) {
    const run = view.runs.find((r) => r.id === id);
    for (const metric of metrics) {
      const query = new URLSearchParams({ project: view.project, run: id, metric });
      links.push(element("a", { href: `/api/series?${query}`, textContent: `${run.name} · ${metric}`, download: "" }));
    }
  }
  $("downloads").replaceChildren(...(links.length ? [element("span", { textContent: "full resolution (CSV): " }), ...links] : []));
}

function renderSweeps() {
  $("sweep-view").hidden = view.sweeps.length === 0;
  if (view.sweeps.length === 0) return;
  fillSelect($("sweep"), view.sweeps.map((s) => [s.id, `${s.id} (${s.runs} runs${s.failed ? `, ${s.failed} failed` : ""})`]));
  const sweep = view.sweeps.find((s) => s.id === $("sweep").value) ?? view.sweeps[0];
  fillSelect($("sweep-param"), sweep.params.map((p) => [p, p]));
  fillSelect($("sweep-metric"), view.metrics.map((m) => [m, m]), "valid_loss");
}

/** Replace a select's options when they changed, keeping the current choice if it still exists. */
function fillSelect(select, options, preferred) {
  const wanted = options.map(([v]) => v).join("|");
  if (select.dataset.options === wanted) return;
  const current = select.value;
  select.replaceChildren(...options.map(([value, text]) => element("option", { value, textContent: text })));
  select.dataset.options = wanted;
  const values = options.map(([v]) => v);
  select.value = values.includes(current) ? current : values.includes(preferred) ? preferred : values[0] ?? "";
}

async function drawSweep() {
  if (view.sweeps.length === 0) return;
  const [sweep, param, metric] = [$("sweep").value, $("sweep-param").value, $("sweep-metric").value];
  if (!sweep || !param || !metric) {
    $("sweep-hint").hidden = false;
    Plotly.purge($("sweep-chart"));
    view.sweepKey = "";
    return;
  }
  $("sweep-hint").hidden = true;
  const key = `${view.runsTag}|${sweep}|${param}|${metric}`;
  if (key === view.sweepKey) return;
  view.sweepKey = key;
  const { body: figure } = await getJson(`/api/sweep?${new URLSearchParams({ project: view.project, sweep, param, metric })}`);
  await Plotly.react($("sweep-chart"), figure.data, figure.layout, { responsive: true, displaylogo: false });
}

for (const id of ["sweep", "sweep-param", "sweep-metric"]) {
  $(id).addEventListener("change", () => {
    if (id === "sweep") renderSweeps();
    drawSweep().catch(showError);
  });
}

function setStatus(text, live) {
  const status = $("status");
  status.textContent = text;
  status.className = live ? "status live" : "status";
}

function showError(error) {
  const status = $("status");
  status.textContent = `error: ${error.message}`;
  status.className = "status error";
}

$("log-scale").addEventListener("change", () => drawFigure().catch(showError));

$("project").addEventListener("change", (event) => {
  view.project = event.target.value;
  resetProject();
  refresh().catch(showError);
});

async function poll() {
  await refresh().catch(showError);
  setTimeout(poll, REFRESH_MS);
}
poll();
