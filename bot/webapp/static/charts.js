// The analytics charts: the same pickers as the bot's /stats, each chart as a PNG with its CSV.
"use strict";

const charts = { filters: { report: "overview", period: "30", granularity: "day", stack: "", roles: "" } };

function chartPickers(onChange) {
  const form = el("form", "filters");
  const select = (name, options, label) => {
    const node = el("select", "filter");
    node.name = name;
    node.setAttribute("aria-label", label);
    for (const [value, text] of options) {
      const option = el("option", null, text);
      option.value = value;
      node.append(option);
    }
    node.value = charts.filters[name];
    node.addEventListener("change", () => { charts.filters[name] = node.value; onChange(); });
    return node;
  };
  const stack = el("input", "filter stack");
  stack.placeholder = t("miniapp-filter-stack");
  stack.value = charts.filters.stack;
  stack.addEventListener("change", () => { charts.filters.stack = stack.value; onChange(); });
  form.append(
    select("report", app.me.reports.map((r) => [r, t(`stats-report-${r}`)]), t("miniapp-chart-report")),
    select("period", app.me.chart_periods.map((d) => [String(d), `${d} ${t("miniapp-days")}`]),
      t("miniapp-filter-period")),
    select("granularity", app.me.granularities.map((g) => [g, t(`chart-granularity-${g}`)]),
      t("miniapp-chart-granularity")),
    select("roles", [["", t("miniapp-role-any")], ...app.me.roles.map((r) => [r, t(`role-${r}`)])],
      t("miniapp-field-roles")),
    stack,
  );
  form.addEventListener("submit", (event) => { event.preventDefault(); onChange(); });
  return form;
}

function csvLink(chart) {
  const bytes = Uint8Array.from(atob(chart.csv), (c) => c.charCodeAt(0));
  const link = el("a", "link csv", `${t("miniapp-csv")} · ${chart.file_name}`);
  link.href = URL.createObjectURL(new Blob([bytes], { type: "text/csv" }));
  link.download = chart.file_name;
  return link;
}

function chartNode(chart) {
  const node = el("figure", "chart");
  node.dataset.key = chart.key;
  // The PNG carries its own title: the page does not repeat it.
  const image = el("img", "chart-image");
  image.alt = chart.title;
  image.src = `data:image/png;base64,${chart.png}`;
  node.append(image);
  if (chart.caption) node.append(el("div", "muted", chart.caption));
  if (!chart.has_data) node.append(el("div", "muted", t("chart-no-data")));
  node.append(csvLink(chart));
  return node;
}

async function renderCharts(root) {
  const list = el("div", "charts");
  list.append(el("div", "loading", t("miniapp-drawing")));
  const reload = () => renderCharts(root);
  root.replaceChildren(chartPickers(reload), list);
  setMainButton(t("miniapp-refresh"), reload);
  const params = new URLSearchParams(Object.entries(charts.filters).filter(([, v]) => v));
  try {
    const payload = await api(`charts?${params}`);
    list.replaceChildren(el("div", "summary", payload.summary), ...payload.charts.map(chartNode));
  } catch (error) {
    list.replaceChildren(el("div", "error", error.message));
  }
}

app.views.charts = renderCharts;
