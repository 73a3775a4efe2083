// Clients: the list (lifecycle and segment filters, paging) and a client's page: lifecycle,
// segment, churn risk, RFM, open requests (each opens its request card), contacts, tasks,
// likely next needs, and what clients like this one also needed.
"use strict";

const clients = { filters: { lifecycle: "", segment: "" }, page: 0 };

function clientLabel(prefix, value) {
  return value ? t(`clients-${prefix}-${value}`) : t("clients-not-computed");
}

function clientFilter(name, values, anyKey, onChange) {
  const select = el("select", "filter");
  select.name = name;
  select.setAttribute("aria-label", t(`miniapp-filter-${name}`));
  for (const value of ["", ...values]) {
    const option = el("option", null, value ? t(`clients-${name}-${value}`) : t(anyKey));
    option.value = value;
    select.append(option);
  }
  select.value = clients.filters[name];
  select.addEventListener("change", () => {
    clients.filters[name] = select.value;
    clients.page = 0;
    onChange();
  });
  return select;
}

function clientRow(client) {
  // Name and request count on top, the state chips under them: rows line up however long.
  const item = el("li", "row client-row");
  item.dataset.id = client.id;
  const name = el("a", "link client-name", client.name);
  name.href = "#";
  name.addEventListener("click", (event) => {
    event.preventDefault();
    openView("client", { id: client.id });
  });
  const chips = el("div", "client-chips");
  if (client.at_risk) chips.append(el("span", "chip warn", `⚠ ${t("miniapp-at-risk")}`));
  chips.append(el("span", "chip", clientLabel("lifecycle", client.lifecycle)));
  if (client.segment) chips.append(el("span", "chip grade", clientLabel("segment", client.segment)));
  item.append(name, el("span", "muted", `${client.requests} ${t("miniapp-requests-short")}`), chips);
  return item;
}

function pager(payload, onPage) {
  const nav = el("div", "pager");
  const prev = button(t("miniapp-page-prev"), "btn small secondary", () => onPage(payload.page - 1));
  const next = button(t("miniapp-page-next"), "btn small secondary", () => onPage(payload.page + 1));
  prev.disabled = payload.page <= 0;
  next.disabled = payload.page + 1 >= payload.pages;
  nav.append(prev, el("span", "muted",
    `${payload.page + 1} ${t("miniapp-page-of")} ${payload.pages} · ${t("miniapp-clients-total")}: ${payload.total}`),
  next);
  return nav;
}

async function renderClients(root) {
  const list = el("div", "clients");
  list.append(el("div", "loading", t("miniapp-loading")));
  const reload = () => renderClients(root);
  const form = el("form", "filters");
  form.append(clientFilter("lifecycle", app.me.lifecycles, "miniapp-lifecycle-any", reload),
    clientFilter("segment", app.me.segments, "miniapp-segment-any", reload));
  form.addEventListener("submit", (event) => { event.preventDefault(); reload(); });
  root.replaceChildren(form, list);
  setMainButton(t("miniapp-refresh"), reload);
  const params = new URLSearchParams(Object.entries(clients.filters).filter(([, v]) => v));
  params.set("page", String(clients.page));
  try {
    const payload = await api(`clients?${params}`);
    const body = el("section", "section");
    body.append(rows(payload.clients, clientRow, t("miniapp-clients-empty")));
    list.replaceChildren(body);
    if (payload.pages > 1) {
      list.append(pager(payload, (page) => { clients.page = page; reload(); }));
    }
  } catch (error) {
    list.replaceChildren(el("div", "error", error.message));
  }
}

function fact(name, value, className) {
  const node = el("div", "fact");
  node.append(el("span", "fact-name", name), el("span", className || "fact-value", value));
  return node;
}

function clientHead(client) {
  const head = el("div", "card-head client-head");
  head.append(el("h2", "card-heading", `${client.name} · #${client.id}`));
  const facts = el("div", "facts");
  facts.append(
    fact(t("miniapp-client-lifecycle"), clientLabel("lifecycle", client.lifecycle)),
    fact(t("miniapp-client-segment"), clientLabel("segment", client.segment)),
    fact(t("miniapp-churn-risk"), client.churn_risk === null ? t("miniapp-churn-none")
      : `${Math.round(client.churn_risk * 100)}%${client.at_risk ? ` ⚠ ${t("miniapp-at-risk")}` : ""}`,
    client.at_risk ? "fact-value risk" : "fact-value"),
    fact(t("miniapp-owner"), client.owner_name || t("clients-no-owner")),
    fact(t("miniapp-requests-total"), String(client.requests_total)),
  );
  head.append(facts);
  return head;
}

function rfmSection(rfm) {
  if (!rfm) return section(t("miniapp-rfm"), el("div", "muted", t("miniapp-rfm-none")));
  const facts = el("div", "facts");
  facts.append(
    fact(t("miniapp-rfm-recency"), `${rfm.recency_days ?? "—"} ${t("miniapp-days")}`),
    fact(t("miniapp-rfm-recent"), String(rfm.recent ?? "—")),
    fact(t("miniapp-rfm-value"), `${Math.round(Number(rfm.value || 0)).toLocaleString(locale())} ₽`),
  );
  return section(t("miniapp-rfm"), facts);
}

function requestRow(request) {
  const link = el("a", "link", request.title || t("miniapp-untitled"));
  link.href = "#";
  link.addEventListener("click", (event) => {
    event.preventDefault();
    openView("card", { id: request.id });
  });
  return row(link, el("span", `chip stage-${request.stage}`, t(`stage-${request.stage}`)),
    el("span", "muted", formatAge(request.first_seen_at)));
}

function needsSection(client) {
  if (!client.next_needs.length) {
    return section(t("miniapp-next-needs"), el("div", "muted", t("clients-next-needs-none")));
  }
  const byCategory = new Map();
  for (const need of client.next_needs) {
    if (!byCategory.has(need.category)) byCategory.set(need.category, []);
    byCategory.get(need.category).push(need);
  }
  const list = rows([...byCategory.entries()], ([category, needs]) => {
    const item = row(el("span", "picker-name", t(`clients-category-${category}`)));
    for (const need of needs) {
      item.append(el("span", "chip", `${need.value} ${Math.round(need.probability * 100)}%`));
    }
    return item;
  });
  // The bot's lead-in ("…by this client's own history:") serves here as a caption.
  const said = t(`clients-needs-${client.needs_source.replaceAll("_", "-")}`);
  const source = el("div", "muted small", said.replace(/:\s*$/, ""));
  return section(t("miniapp-next-needs"), list, source);
}

function similarSection(client) {
  return section(t("miniapp-similar"), rows(client.similar_needed, (need) =>
    row(el("span", "score", `${Math.round(need.score * 100)}%`), need.name)));
}

async function renderClient(root, params) {
  root.append(el("div", "loading", t("miniapp-loading")));
  let client;
  try {
    client = await api(`clients/${params.id}`);
  } catch (error) {
    root.replaceChildren(el("div", "error", error.message));
    root.dataset.error = error.code || "unknown";
    return;
  }
  root.replaceChildren(
    clientHead(client),
    rfmSection(client.rfm),
    section(t("miniapp-open-requests"), rows(client.open_requests, requestRow)),
    section(t("miniapp-contacts"), rows(client.contacts,
      (contact) => row(el("span", "muted", t(`contact-${contact.kind}`)), contact.value))),
    section(t("miniapp-tasks"), rows(client.tasks, (title) => row(`☑ ${title}`))),
    needsSection(client),
    similarSection(client),
    section(t("miniapp-client-history"), rows(client.history, (state) => row(
      el("span", "muted", formatTime(state.computed_at, { day: "2-digit", month: "2-digit" })),
      clientLabel("lifecycle", state.lifecycle),
      el("span", "muted", clientLabel("segment", state.segment)),
      state.at_risk ? el("span", "chip warn", "⚠") : ""))),
  );
}

app.views.clients = renderClients;
app.views.client = renderClient;
