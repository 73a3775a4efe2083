// The bench: developers by stack, grade, rate and availability, each with its best matching
// open requests and their scores; propose a developer to a request from here.
"use strict";

const bench = { filters: { stack: "", grade: "", rate_max: "", available_by: "" } };

function benchFilters(onChange) {
  const form = el("form", "filters");
  const input = (name, type, placeholder) => {
    const node = el("input", "filter");
    node.name = name;
    node.type = type;
    node.placeholder = placeholder;
    node.setAttribute("aria-label", placeholder);
    node.value = bench.filters[name];
    node.addEventListener("change", () => { bench.filters[name] = node.value; onChange(); });
    return node;
  };
  const grade = el("select", "filter");
  grade.setAttribute("aria-label", t("miniapp-filter-grade"));
  for (const value of ["", ...app.me.grades]) {
    const option = el("option", null, value ? t(`label-grades-${value}`) : t("miniapp-grade-any"));
    option.value = value;
    grade.append(option);
  }
  grade.value = bench.filters.grade;
  grade.addEventListener("change", () => { bench.filters.grade = grade.value; onChange(); });
  form.append(input("stack", "text", t("miniapp-filter-stack")), grade,
    input("rate_max", "number", t("miniapp-filter-rate-max")),
    input("available_by", "date", t("miniapp-filter-available-by")));
  form.addEventListener("submit", (event) => { event.preventDefault(); onChange(); });
  return form;
}

function matchRow(developer, match) {
  const item = el("li", "match");
  const title = el("a", "link", match.title || t("miniapp-untitled"));
  title.href = "#";
  title.addEventListener("click", (event) => {
    event.preventDefault();
    openView("card", { id: match.card_id });
  });
  const score = el("span", "score", `${Math.round(match.score * 100)}%`);
  const propose = button(t("miniapp-propose"), "btn small", async () => {
    propose.disabled = true;
    try {
      await api(`cards/${match.card_id}/propose`, { developer_id: developer.id });
      haptic("success");
      showToast(t("miniapp-proposed-done"));
      propose.textContent = "✓";
    } catch (error) {
      propose.disabled = false;
      showToast(error.message, true);
    }
  });
  item.append(score, title, el("span", "chip", t(`stage-${match.stage}`)), propose);
  return item;
}

function developerNode(developer) {
  const node = el("article", "developer");
  const head = el("div", "developer-head");
  head.append(el("strong", null, developer.name));
  if (developer.grade) head.append(el("span", "chip grade", t(`label-grades-${developer.grade}`)));
  if (developer.rate) head.append(el("span", "chip", formatMoney(developer.rate)));
  head.append(el("span", "muted", developer.available_from
    ? `${t("miniapp-available-from")} ${formatTime(developer.available_from, { day: "2-digit", month: "2-digit" })}`
    : t("miniapp-available-now")));
  node.append(head, el("div", "muted", developer.stack.join(", ")));
  const matches = el("ul", "matches");
  for (const match of developer.matches) matches.append(matchRow(developer, match));
  if (!developer.matches.length) matches.append(el("li", "muted", t("miniapp-no-matches")));
  node.append(matches);
  return node;
}

async function renderBench(root) {
  const list = el("div", "developers");
  list.append(el("div", "loading", t("miniapp-loading")));
  const reload = () => renderBench(root);
  root.replaceChildren(benchFilters(reload), list);
  setMainButton(t("miniapp-refresh"), reload);
  const params = new URLSearchParams(Object.entries(bench.filters).filter(([, v]) => v));
  try {
    const payload = await api(`bench?${params}`);
    list.replaceChildren(...payload.developers.map(developerNode));
    if (!payload.developers.length) list.append(el("div", "muted", t("miniapp-bench-empty")));
  } catch (error) {
    list.replaceChildren(el("div", "error", error.message));
  }
}

app.views.bench = renderBench;
