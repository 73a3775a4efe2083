// The pipeline kanban: a column per stage (count, sum of rate × headcount), paged cards,
// filters, and optimistic moves that roll back with the server's reason when refused.
"use strict";

const board = {
  filters: { owner: "", team: "", stack: "", period: "30" },
  columns: new Map(), // stage -> { data, node, list }
  owners: new Map(),
};

function boardQuery(extra) {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(board.filters)) params.set(name, value);
  for (const [name, value] of Object.entries(extra || {})) params.set(name, value);
  return params.toString();
}

function cardNode(card) {
  const node = el("article", "card");
  node.dataset.id = card.id;
  node.dataset.stage = card.stage;
  node.cardData = card;
  node.tabIndex = 0;
  node.append(el("div", "card-title", card.title || t("miniapp-untitled")));
  const facts = el("div", "card-facts");
  if (card.stack.length) facts.append(el("span", "chip", card.stack.slice(0, 3).join(", ")));
  if (card.grades.length) {
    facts.append(el("span", "chip grade", card.grades.map((g) => t(`label-grades-${g}`)).join("/")));
  }
  node.append(facts);
  const meta = el("div", "card-meta");
  meta.append(el("span", "owner", card.owner || t("miniapp-unowned")),
    el("span", "age", formatAge(card.first_seen_at)));
  node.append(meta);
  node.addEventListener("click", () => {
    if (!node.dataset.justDragged) openView("card", { id: card.id });
  });
  if (card.owner_id) board.owners.set(card.owner_id, card.owner);
  return node;
}

function columnTotals(column) {
  const { data } = column;
  column.count.textContent = `${data.count}${data.capped ? "+" : ""}`;
  column.value.textContent = data.value ? `Σ ${formatMoney(data.value)}` : "";
}

function columnNode(data) {
  const node = el("section", "column");
  node.dataset.stage = data.stage;
  const head = el("header", "column-head");
  const name = el("span", "column-name", t(`stage-${data.stage}`));
  const count = el("span", "column-count");
  const value = el("div", "column-value");
  head.append(name, count, value);
  const list = el("div", "column-cards");
  const more = button(t("miniapp-load-more"), "btn more");
  node.append(head, list, more);
  const column = { data, node, list, count, value, more, next: data.next };
  for (const card of data.cards) list.append(cardNode(card));
  more.hidden = !data.next;
  more.addEventListener("click", () => loadMore(column));
  columnTotals(column);
  return column;
}

async function loadMore(column) {
  column.more.disabled = true;
  try {
    const page = await api(`board/${column.data.stage}?${boardQuery({ cursor: column.next })}`);
    for (const card of page.cards) column.list.append(cardNode(card));
    column.next = page.next;
    column.more.hidden = !page.next;
  } catch (error) {
    showToast(error.message, true);
  } finally {
    column.more.disabled = false;
  }
}

function canDrop(card, columnElement) {
  const allowed = app.me.transitions[card.dataset.stage] || [];
  return allowed.includes(columnElement.dataset.stage);
}

function askLostReason() {
  return new Promise((resolve) => {
    const body = document.getElementById("dialog-body");
    document.getElementById("dialog-title").textContent = t("miniapp-lost-ask");
    const close = (reason) => { document.getElementById("dialog").hidden = true; resolve(reason); };
    body.replaceChildren(...app.me.lost_reasons.map(
      (reason) => button(t(`lost-${reason}`), "btn reason", () => close(reason)),
    ), button(t("miniapp-cancel"), "btn secondary", () => close(null)));
    document.getElementById("dialog").hidden = false;
  });
}

function shiftCount(stage, delta, value) {
  const column = board.columns.get(stage);
  if (!column) return;
  column.data.count += delta;
  if (value) column.data.value = (column.data.value || 0) + delta * value;
  columnTotals(column);
}

function cardValue(card) {
  const rate = card.rate_max ?? card.rate_min;
  return rate === null || rate === undefined ? 0 : rate * (card.headcount || 1);
}

async function dropCard(cardElement, columnElement) {
  const from = cardElement.dataset.stage;
  const to = columnElement.dataset.stage;
  if (!canDrop(cardElement, columnElement)) {
    showToast(t("miniapp-move-not-allowed"), true);
    haptic("error");
    return;
  }
  const reason = to === "lost" ? await askLostReason() : null;
  if (to === "lost" && !reason) return;
  const card = cardElement.cardData;
  const home = { parent: cardElement.parentNode, next: cardElement.nextSibling };
  // Optimistic: the card is in its new column before the server answers.
  board.columns.get(to).list.prepend(cardElement);
  cardElement.dataset.stage = to;
  cardElement.classList.add("pending");
  shiftCount(from, -1, cardValue(card));
  shiftCount(to, 1, cardValue(card));
  try {
    const moved = await api(`cards/${card.id}/move`, { from, to, reason });
    card.stage = moved.stage;
    if (moved.owner_id !== card.owner_id) {
      // Taking an unowned request makes it the mover's.
      card.owner_id = moved.owner_id;
      card.owner = moved.owner_id === app.me.user.id ? app.me.user.name : card.owner;
      cardElement.querySelector(".owner").textContent = card.owner || t("miniapp-unowned");
    }
    haptic("success");
    showToast(`${t("miniapp-moved")} ${t(`stage-${moved.stage}`)}`);
  } catch (error) {
    home.parent.insertBefore(cardElement, home.next);
    cardElement.dataset.stage = from;
    shiftCount(to, -1, cardValue(card));
    shiftCount(from, 1, cardValue(card));
    haptic("error");
    showToast(error.message || t("miniapp-error-generic"), true);
    cardElement.classList.add("rolled-back");
    setTimeout(() => cardElement.classList.remove("rolled-back"), 1500);
  } finally {
    cardElement.classList.remove("pending");
  }
}

function filterBar(onChange) {
  const bar = el("form", "filters");
  const select = (name, options) => {
    const node = el("select", "filter");
    node.name = name;
    node.setAttribute("aria-label", t(`miniapp-filter-${name}`));
    for (const [value, label] of options) {
      const option = el("option", null, label);
      option.value = value;
      node.append(option);
    }
    node.value = board.filters[name];
    node.addEventListener("change", () => { board.filters[name] = node.value; onChange(); });
    return node;
  };
  const owners = [["", t("miniapp-owner-any")], ["me", t("miniapp-owner-me")],
    ...[...board.owners].filter(([id]) => id !== app.me.user.id).map(([id, name]) => [String(id), name])];
  bar.append(
    select("owner", owners),
    select("team", [["", t("miniapp-team-any")], ["mine", t("miniapp-team-mine")]]),
    select("period", [...app.me.periods.map((days) => [String(days), `${days} ${t("miniapp-days")}`]),
      ["", t("miniapp-period-all")]]),
  );
  const stack = el("input", "filter stack");
  stack.name = "stack";
  stack.placeholder = t("miniapp-filter-stack");
  stack.value = board.filters.stack;
  stack.addEventListener("change", () => { board.filters.stack = stack.value; onChange(); });
  bar.append(stack);
  bar.addEventListener("submit", (event) => event.preventDefault());
  return bar;
}

async function renderBoard(root) {
  const holder = el("div", "board-holder");
  const columnsNode = el("div", "board");
  columnsNode.append(el("div", "loading", t("miniapp-loading")));
  const reload = () => renderBoard(root);
  root.replaceChildren(filterBar(reload), holder);
  holder.append(columnsNode);
  setMainButton(t("miniapp-refresh"), reload);
  let payload;
  try {
    // start() may have asked for the first board already, alongside /me.
    const early = board.prefetched;
    board.prefetched = null;
    payload = await (early || api(`board?${boardQuery()}`));
  } catch (error) {
    columnsNode.replaceChildren(el("div", "error", error.message));
    return;
  }
  board.columns.clear();
  columnsNode.replaceChildren();
  for (const data of payload.columns) {
    const column = columnNode(data);
    board.columns.set(data.stage, column);
    columnsNode.append(column.node);
  }
  board.drag.attach(columnsNode);
  // The frame after this one is on screen: what bench/miniapp_paint.py times.
  requestAnimationFrame(() => requestAnimationFrame(() => performance.mark("miniapp-board-painted")));
  // The owner filter lists the owners seen on the board: rebuild it once they are known.
  root.replaceChild(filterBar(reload), root.firstChild);
}

board.drag = makeDragController({ onDrop: dropCard, canDrop });
app.views.board = renderBoard;
