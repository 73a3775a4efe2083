// A week calendar of interviews (a manager's own, a lead's team's): reschedule, outcome.
"use strict";

const calendar = { week: null };

function isoDay(date) {
  return date.toISOString().slice(0, 10);
}

function shiftWeek(days) {
  const start = new Date(`${calendar.week}T12:00:00Z`);
  start.setUTCDate(start.getUTCDate() + days);
  calendar.week = isoDay(start);
}

function dayKey(iso) {
  // The day in the user's zone, as YYYY-MM-DD.
  const parts = new Intl.DateTimeFormat("en-CA", { timeZone: app.me.user.timezone,
    year: "numeric", month: "2-digit", day: "2-digit" }).format(new Date(iso));
  return parts;
}

function localInputValue(iso) {
  const parts = Object.fromEntries(new Intl.DateTimeFormat("en-GB", {
    timeZone: app.me.user.timezone, year: "numeric", month: "2-digit", day: "2-digit",
    hour: "2-digit", minute: "2-digit", hourCycle: "h23",
  }).formatToParts(new Date(iso)).map((p) => [p.type, p.value]));
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}`;
}

function slotNode(slot, reload) {
  const node = el("article", `slot${slot.outcome ? " done" : ""}`);
  node.append(el("div", "slot-time", formatTime(slot.at, { hour: "2-digit", minute: "2-digit" })),
    el("div", "slot-title", slot.title || t("miniapp-untitled")),
    el("div", "muted", slot.developer));
  const open = () => openView("card", { id: slot.request_id });
  node.querySelector(".slot-title").addEventListener("click", open);
  if (slot.outcome) {
    node.append(el("span", "chip", t(`outcome-${slot.outcome}`)));
    return node;
  }
  const actions = el("div", "slot-actions");
  for (const outcome of app.me.outcomes) {
    actions.append(button(t(`outcome-${outcome}`), "btn small", async () => {
      try {
        await api(`interviews/${slot.id}/outcome`, { outcome });
        haptic("success");
        reload();
      } catch (error) { showToast(error.message, true); }
    }));
  }
  const when = el("input", "input small");
  when.type = "datetime-local";
  when.value = localInputValue(slot.at);
  when.setAttribute("aria-label", t("miniapp-reschedule"));
  actions.append(when, button(t("miniapp-reschedule"), "btn small secondary", async () => {
    try {
      await api(`interviews/${slot.id}/reschedule`, { at: when.value });
      haptic("success");
      reload();
    } catch (error) { showToast(error.message, true); }
  }));
  node.append(actions);
  return node;
}

async function renderInterviews(root) {
  const reload = () => renderInterviews(root);
  const nav = el("div", "week-nav");
  const title = el("strong", "week-title");
  nav.append(button("‹", "btn small", () => { shiftWeek(-7); reload(); }), title,
    button("›", "btn small", () => { shiftWeek(7); reload(); }));
  const grid = el("div", "week");
  root.replaceChildren(nav, grid);
  grid.append(el("div", "loading", t("miniapp-loading")));
  setMainButton(t("miniapp-this-week"), () => { calendar.week = null; reload(); });
  let payload;
  try {
    payload = await api(`interviews${calendar.week ? `?week=${calendar.week}` : ""}`);
  } catch (error) {
    grid.replaceChildren(el("div", "error", error.message));
    return;
  }
  calendar.week = payload.week;
  const monday = new Date(`${payload.week}T12:00:00Z`);
  title.textContent = `${formatTime(monday.toISOString(), { day: "2-digit", month: "long" })} · ${payload.timezone}`;
  grid.replaceChildren();
  for (let offset = 0; offset < 7; offset += 1) {
    const day = new Date(monday);
    day.setUTCDate(monday.getUTCDate() + offset);
    const key = isoDay(day);
    const column = el("section", "day");
    column.dataset.day = key;
    column.append(el("header", "day-head", new Intl.DateTimeFormat(locale(), {
      weekday: "short", day: "2-digit", timeZone: "UTC" }).format(day)));
    const slots = payload.interviews.filter((slot) => dayKey(slot.at) === key);
    for (const slot of slots) column.append(slotNode(slot, reload));
    if (!slots.length) column.append(el("div", "muted empty-day", "—"));
    grid.append(column);
  }
}

app.views.interviews = renderInterviews;
