// The request card: full text, sources, labels with correction pickers, owner and team,
// stage history, notes, tasks, proposed developers, interviews; stage moves.
"use strict";

function section(title, ...children) {
  const node = el("section", "section");
  node.append(el("h3", "section-title", title), ...children);
  return node;
}

function rows(items, render, empty) {
  const list = el("ul", "rows");
  for (const item of items) list.append(render(item));
  if (!items.length) list.append(el("li", "muted", empty || t("miniapp-none")));
  return list;
}

function row(...parts) {
  const item = el("li", "row");
  for (const part of parts) item.append(typeof part === "string" ? el("span", null, part) : part);
  return item;
}

function openLink(url) {
  if (tg && tg.openTelegramLink && /^https:\/\/t\.me\//.test(url)) tg.openTelegramLink(url);
  else if (tg && tg.openLink) tg.openLink(url);
  else window.open(url, "_blank", "noopener");
}

function sourceRow(source) {
  const item = row();
  if (source.link && /^https?:\/\//.test(source.link)) {
    const link = el("a", "link", source.title);
    link.href = source.link;
    link.rel = "noopener noreferrer";
    link.addEventListener("click", (event) => { event.preventDefault(); openLink(source.link); });
    item.append(link);
  } else {
    item.append(el("span", null, source.title));
  }
  item.append(el("span", "muted", formatDateTime(source.posted_at)));
  return item;
}

function labelPickers(card, reload) {
  const node = el("div", "pickers");
  for (const [field, vocabulary] of Object.entries(app.me.label_fields)) {
    const current = card.labels[field];
    const chosen = new Set(Array.isArray(current) ? current : [current]);
    const line = el("div", "picker");
    line.append(el("span", "picker-name", t(`miniapp-field-${field}`)));
    for (const value of vocabulary) {
      const chip = button(t(`label-${field}-${value}`), `chip pick${chosen.has(value) ? " on" : ""}`,
        async () => {
          try {
            await api(`cards/${card.id}/labels`, { field, value });
            haptic("light");
            reload();
          } catch (error) { showToast(error.message, true); }
        });
      chip.setAttribute("aria-pressed", String(chosen.has(value)));
      line.append(chip);
    }
    node.append(line);
  }
  return node;
}

function addForm(placeholder, submit) {
  const form = el("form", "add-form");
  const input = el("input", "input");
  input.placeholder = placeholder;
  input.maxLength = 1000;
  form.append(input, button(t("miniapp-add"), "btn small"));
  form.lastChild.type = "submit";
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    if (!input.value.trim()) return;
    try { await submit(input.value); } catch (error) { showToast(error.message, true); }
  });
  return form;
}

async function moveFromCard(card, to, reload) {
  const reason = to === "lost" ? await askLostReason() : null;
  if (to === "lost" && !reason) return;
  try {
    await api(`cards/${card.id}/move`, { from: card.stage, to, reason });
    haptic("success");
    reload();
  } catch (error) {
    haptic("error");
    showToast(error.message, true);
    reload();
  }
}

function stageActions(card, reload) {
  const node = el("div", "actions");
  for (const to of app.me.transitions[card.stage] || []) {
    node.append(button(`→ ${t(`stage-${to}`)}`, to === "lost" ? "btn danger" : "btn",
      () => moveFromCard(card, to, reload)));
  }
  return node;
}

function cardHeader(card) {
  const head = el("header", "card-head");
  head.append(el("h2", "card-heading", card.title || t("miniapp-untitled")));
  const facts = el("div", "card-facts");
  facts.append(el("span", `chip stage stage-${card.stage}`, t(`stage-${card.stage}`)),
    el("span", "muted", `#${card.id}`),
    el("span", null, `${t("miniapp-owner")}: ${card.owner || t("miniapp-unowned")}`));
  if (card.team) facts.append(el("span", "muted", `${t("miniapp-team")}: ${card.team}`));
  const rate = formatRate(card.labels.rate_min, card.labels.rate_max);
  if (rate) facts.append(el("span", "chip", rate));
  if (card.needs_review) facts.append(el("span", "chip warn", t("miniapp-needs-review")));
  head.append(facts);
  return head;
}

async function renderCard(root, params) {
  root.replaceChildren(el("div", "loading", t("miniapp-loading")));
  const reload = () => renderCard(root, params);
  let card;
  try {
    card = await api(`cards/${params.id}`);
  } catch (error) {
    root.replaceChildren(el("div", "error", error.message));
    return;
  }
  const next = (app.me.transitions[card.stage] || []).find((stage) => stage !== "lost");
  if (card.can_manage && next) {
    setMainButton(`→ ${t(`stage-${next}`)}`, () => moveFromCard(card, next, reload));
  }
  const text = el("div", "full-text", card.text);
  root.replaceChildren(
    cardHeader(card),
    card.can_manage ? stageActions(card, reload) : el("div"),
    section(t("miniapp-text"), text),
    section(t("miniapp-sources"), rows(card.sources, sourceRow)),
    section(t("miniapp-labels"), labelPickers(card, reload)),
    section(t("miniapp-history"), rows(card.history, (h) => row(
      `${h.from ? t(`stage-${h.from}`) : "—"} → ${t(`stage-${h.to}`)}`,
      el("span", "muted", `${h.by || ""} ${formatDateTime(h.at)}`),
      h.reason ? el("span", "muted", h.reason) : "",
    ))),
    section(t("miniapp-notes"), rows(card.notes, (n) => row(
      n.text, el("span", "muted", `${n.by || ""} ${formatDateTime(n.at)}`),
    )), addForm(t("miniapp-note-placeholder"), async (value) => {
      await api(`cards/${card.id}/notes`, { text: value });
      reload();
    })),
    section(t("miniapp-tasks"), rows(card.tasks, (task) => row(
      task.title, el("span", "muted", formatDateTime(task.due_at)),
    )), addForm(t("miniapp-task-placeholder"), async (value) => {
      await api(`cards/${card.id}/tasks`, { title: value });
      reload();
    })),
    section(t("miniapp-proposed"), rows(card.proposed, (p) => row(
      p.name, el("span", "chip", t(`miniapp-status-${p.status}`)),
      el("span", "muted", p.score !== null ? `${Math.round(p.score * 100)}%` : ""),
    ))),
    section(t("miniapp-interviews"), rows(card.interviews, (i) => row(
      formatDateTime(i.at), el("span", "chip", i.outcome ? t(`outcome-${i.outcome}`) : t("miniapp-pending")),
    ))),
  );
}

app.views.card = renderCard;
