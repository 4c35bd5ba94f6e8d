// The run-comparison page: lists runs, lets the user tick runs and metrics, and draws the
// comparison figure the server builds (the same builder notebooks use). Polls every 2 s.
"use strict";

const REFRESH_MS = 2000;
const PALETTE = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"];

const view = {
  project: null,
  runs: [],
  metrics: [],
  selectedRuns: new Set(),
  selectedMetrics: new Set(),
  table: { columns: [], rows: [] },
  figureKey: "",
};

const $ = (id) => document.getElementById(id);

async function getJson(url) {
  const response = await fetch(url);
  const body = await response.json();
  if (!response.ok) throw new Error(body.error || response.statusText);
  return body;
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
  const { runsDir, projects } = await getJson("/api/projects");
  $("empty").hidden = projects.length > 0;
  $("project-view").hidden = projects.length === 0;
  $("runs-dir").textContent = runsDir;
  renderProjects(projects);
  if (projects.length === 0) {
    view.project = null;
    setStatus("waiting for a first run…", false);
    return;
  }
  const { runs, metrics, table } = await getJson(`/api/runs?project=${encodeURIComponent(view.project)}`);
  view.runs = runs;
  view.metrics = metrics;
  view.table = table;
  for (const id of view.selectedRuns) if (!runs.some((r) => r.id === id)) view.selectedRuns.delete(id);
  for (const m of view.selectedMetrics) if (!metrics.includes(m)) view.selectedMetrics.delete(m);
  if (view.selectedMetrics.size === 0 && metrics.length > 0) view.selectedMetrics.add(metrics[0]);
  renderRuns();
  renderMetrics();
  await drawFigure();
  const running = runs.filter((r) => r.state === "running").length;
  setStatus(running ? `${running} run${running > 1 ? "s" : ""} in progress · updated ${new Date().toLocaleTimeString()}` : `updated ${new Date().toLocaleTimeString()}`, running > 0);
}

function renderProjects(projects) {
  const names = projects.map((p) => p.name);
  if (!names.includes(view.project)) {
    view.project = names[0] ?? null;
    view.selectedRuns.clear();
    view.selectedMetrics.clear();
  }
  const select = $("project");
  const wanted = projects.map((p) => `${p.name}:${p.runs}`).join("|");
  if (select.dataset.options !== wanted) {
    select.replaceChildren(...projects.map((p) => element("option", { value: p.name, textContent: `${p.name} (${p.runs})` })));
    select.dataset.options = wanted;
  }
  select.value = view.project ?? "";
}

function selectedIds() {
  return view.runs.filter((r) => view.selectedRuns.has(r.id)).map((r) => r.id);
}

function renderRuns() {
  const table = view.table;
  const ids = selectedIds();
  const head = element("tr", {}, [element("th"), ...table.columns.map((c) => element("th", { textContent: c }))]);
  const rows = view.runs.map((run, i) => {
    const row = table.rows[i];
    const checked = view.selectedRuns.has(run.id);
    const box = element("input", { type: "checkbox", checked, value: run.id, title: `compare ${run.name}` });
    box.dataset.runName = run.name;
    const swatch = element("span", { className: "swatch" });
    swatch.style.background = checked ? PALETTE[ids.indexOf(run.id) % PALETTE.length] : "transparent";
    const cells = table.columns.map((column) => {
      if (column === "run") return element("td", { title: run.id }, [swatch, run.name]);
      if (column === "state") return element("td", {}, [element("span", { className: `state ${run.state}`, textContent: run.state })]);
      return element("td", { textContent: formatCell(row[column]) });
    });
    const tr = element("tr", { className: checked ? "selected" : "" }, [element("td", {}, [box]), ...cells]);
    tr.addEventListener("click", (event) => {
      if (event.target !== box) box.checked = !box.checked;
      if (box.checked) view.selectedRuns.add(run.id);
      else view.selectedRuns.delete(run.id);
      rerender();
    });
    return tr;
  });
  $("runs").replaceChildren(element("thead", {}, [head]), element("tbody", {}, rows));
  const warnings = view.runs.flatMap((r) => r.warnings.map((w) => `${r.name}: ${w}`));
  $("warnings").replaceChildren(...warnings.map((w) => element("li", { textContent: w })));
}

function renderMetrics() {
  const chips = view.metrics.map((metric) => {
    const box = element("input", { type: "checkbox", value: metric, checked: view.selectedMetrics.has(metric) });
    box.addEventListener("change", () => {
      if (box.checked) view.selectedMetrics.add(metric);
      else view.selectedMetrics.delete(metric);
      rerender();
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
  const key = `${view.project}|${metrics.join(",")}|${scale}|${records}`;
  if (ids.length === 0 || metrics.length === 0) {
    hint.textContent = ids.length === 0 ? "Tick two or more runs above to overlay them." : "Pick a metric to plot.";
    hint.hidden = false;
    Plotly.purge($("chart"));
    view.figureKey = "";
    return;
  }
  hint.hidden = true;
  if (key === view.figureKey) return;
  const query = new URLSearchParams({ project: view.project, runs: ids.join(","), metrics: metrics.join(","), scale });
  const figure = await getJson(`/api/figure?${query}`);
  await Plotly.react($("chart"), figure.data, figure.layout, { responsive: true, displaylogo: false });
  view.figureKey = key;
}

/** After a click: redraw from what the last poll fetched. */
function rerender() {
  renderRuns();
  renderMetrics();
  drawFigure().catch(showError);
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

$("log-scale").addEventListener("change", rerender);

$("project").addEventListener("change", (event) => {
  view.project = event.target.value;
  view.selectedRuns.clear();
  view.selectedMetrics.clear();
  view.figureKey = "";
  refresh().catch(showError);
});

async function poll() {
  await refresh().catch(showError);
  setTimeout(poll, REFRESH_MS);
}
poll();
