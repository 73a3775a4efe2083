// The Mini App's core: initData, the API, texts, theme, navigation, Telegram's buttons.
// Everything from the server is put on the page with textContent, never innerHTML.
"use strict";

const tg = window.Telegram && window.Telegram.WebApp;
const launch = new URLSearchParams(location.hash.slice(1));
const app = {
  // The raw signed string: the server checks it on every call (initDataUnsafe is never used).
  initData: (tg && tg.initData) || launch.get("tgWebAppData") || "",
  me: null,
  texts: {},
  stack: [],
  mainAction: null,
  views: {},
};

class ApiError extends Error {
  constructor(status, code, message) {
    super(message || code);
    this.status = status;
    this.code = code;
  }
}

function t(key) {
  return app.texts[key] ?? key;
}

function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined && text !== null) node.textContent = String(text);
  return node;
}

function button(text, className, onClick) {
  const node = el("button", className || "btn", text);
  node.type = "button";
  if (onClick) node.addEventListener("click", onClick);
  return node;
}

async function api(path, body) {
  const options = { headers: { Authorization: `tma ${app.initData}` } };
  if (body !== undefined) {
    options.method = "POST";
    options.headers["Content-Type"] = "application/json";
    options.body = JSON.stringify(body);
  }
  let response;
  try {
    response = await fetch(`api/${path}`, options);
  } catch (error) {
    throw new ApiError(0, "network", t("miniapp-error-network"));
  }
  const payload = await response.json().catch(() => ({}));
  if (!response.ok) throw new ApiError(response.status, payload.error, payload.message);
  return payload;
}

function showToast(text, alert = false) {
  const toast = document.getElementById("toast");
  toast.textContent = text;
  toast.classList.toggle("alert", alert);
  toast.hidden = false;
  clearTimeout(showToast.timer);
  showToast.timer = setTimeout(() => { toast.hidden = true; }, alert ? 4000 : 2200);
}

function haptic(kind) {
  const feedback = tg && tg.HapticFeedback;
  if (!feedback) return;
  if (kind === "success" || kind === "error") feedback.notificationOccurred(kind);
  else feedback.impactOccurred(kind || "light");
}

// --- theme -------------------------------------------------------------------------------

const THEME_VARS = {
  bg_color: "--bg", text_color: "--text", hint_color: "--hint", link_color: "--link",
  button_color: "--button", button_text_color: "--button-text",
  secondary_bg_color: "--secondary-bg", section_bg_color: "--section-bg",
  destructive_text_color: "--destructive", accent_text_color: "--accent",
};

function applyTheme() {
  const params = (tg && tg.themeParams) || {};
  const root = document.documentElement;
  for (const [name, variable] of Object.entries(THEME_VARS)) {
    if (params[name]) root.style.setProperty(variable, params[name]);
    else root.style.removeProperty(variable);
  }
  root.dataset.scheme = (tg && tg.colorScheme) || "light";
}

// --- formatting ----------------------------------------------------------------------------

function locale() {
  return app.me && app.me.user.language === "en" ? "en-GB" : "ru-RU";
}

function formatMoney(value) {
  if (value === null || value === undefined) return "";
  return `${Math.round(value).toLocaleString(locale())} ₽/${t("miniapp-per-hour")}`;
}

function formatRate(min, max) {
  if (min === null && max === null) return "";
  if (min !== null && max !== null && min !== max) {
    return `${Math.round(min).toLocaleString(locale())}–${formatMoney(max)}`;
  }
  return formatMoney(max ?? min);
}

function formatTime(iso, options) {
  if (!iso) return "";
  const zone = app.me ? app.me.user.timezone : undefined;
  return new Intl.DateTimeFormat(locale(), { timeZone: zone, ...options }).format(new Date(iso));
}

function formatDateTime(iso) {
  return formatTime(iso, { day: "2-digit", month: "2-digit", hour: "2-digit", minute: "2-digit" });
}

function formatAge(iso) {
  const hours = Math.max(0, (Date.now() - new Date(iso).getTime()) / 3600000);
  if (hours < 1) return t("miniapp-age-now");
  if (hours < 48) return `${Math.floor(hours)}${t("miniapp-age-hours")}`;
  return `${Math.floor(hours / 24)}${t("miniapp-age-days")}`;
}

// --- navigation and Telegram's buttons ----------------------------------------------------

function setMainButton(text, action) {
  app.mainAction = action || null;
  if (!tg || !tg.MainButton) return;
  if (text && action) {
    tg.MainButton.setText(text);
    tg.MainButton.show();
  } else {
    tg.MainButton.hide();
  }
}

function render() {
  const top = app.stack[app.stack.length - 1];
  const root = document.getElementById("view");
  root.replaceChildren();
  root.dataset.view = top.name;
  for (const tab of document.querySelectorAll(".tab")) {
    tab.classList.toggle("active", tab.dataset.view === app.stack[0].name);
    tab.setAttribute("aria-selected", String(tab.dataset.view === app.stack[0].name));
  }
  if (tg && tg.BackButton) {
    if (app.stack.length > 1) tg.BackButton.show();
    else tg.BackButton.hide();
  }
  setMainButton(null, null);
  app.views[top.name](root, top.params || {});
  window.scrollTo(0, 0);
}

function openView(name, params) {
  app.stack.push({ name, params });
  render();
}

function switchTab(name) {
  app.stack = [{ name, params: {} }];
  render();
}

function goBack() {
  if (app.stack.length > 1) {
    app.stack.pop();
    render();
  }
}
