// Start-up: who am I, my texts, then the view the launch asked for (?card=ID) or the board.
"use strict";

async function start() {
  applyTheme();
  if (tg) {
    tg.ready();
    tg.expand();
    tg.onEvent("themeChanged", applyTheme);
    tg.onEvent("backButtonClicked", goBack);
    tg.onEvent("mainButtonClicked", () => { if (app.mainAction) app.mainAction(); });
  }
  const wanted = new URLSearchParams(location.search);
  if (!wanted.get("view") && !wanted.get("card")) {
    // The board is what most launches show: ask for it while /me is on its way.
    board.prefetched = api(`board?${boardQuery()}`);
    board.prefetched.catch(() => {});
  }
  try {
    app.me = await api("me");
  } catch (error) {
    const view = document.getElementById("view");
    view.replaceChildren(el("div", "error", error.message || `${error.status}`));
    view.dataset.error = error.code || "unknown";
    return;
  }
  app.texts = app.me.texts;
  document.documentElement.lang = app.me.user.language;
  for (const tab of document.querySelectorAll(".tab")) {
    tab.textContent = t(`miniapp-tab-${tab.dataset.view}`);
    tab.addEventListener("click", () => switchTab(tab.dataset.view));
  }
  app.stack = [{ name: wanted.get("view") || "board", params: {} }];
  if (!app.views[app.stack[0].name]) app.stack = [{ name: "board", params: {} }];
  if (/^\d+$/.test(wanted.get("card") || "")) {
    app.stack.push({ name: "card", params: { id: Number(wanted.get("card")) } });
  }
  render();
  document.body.dataset.ready = "1";
}

start();
