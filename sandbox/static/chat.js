// Web chat for the Bot API sandbox. Everything the bot wrote is untrusted: it is put on the
// page with textContent and DOM nodes only, never innerHTML.
"use strict";

const POLL_INTERVAL_MS = 700;
const SAFE_PROTOCOLS = ["http:", "https:", "tg:", "mailto:"];

const chat = {
  userId: null,
  lastPayload: "",
  seenAnswer: null,
  commands: [],
  menuButton: null,
};

const byId = (id) => document.getElementById(id);

function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

async function api(path, body) {
  const options = body === undefined ? {} : {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(body),
  };
  const response = await fetch(path, options);
  if (!response.ok) throw new Error(`${response.status}: ${await response.text()}`);
  return response.json();
}

function safeUrl(url) {
  try {
    const parsed = new URL(url, location.href);
    return SAFE_PROTOCOLS.includes(parsed.protocol) ? parsed.href : null;
  } catch {
    return null;
  }
}

function showToast(text, alert = false) {
  const toast = byId("toast");
  toast.textContent = text;
  toast.classList.toggle("alert", alert);
  toast.hidden = false;
  clearTimeout(showToast.timer);
  showToast.timer = setTimeout(() => { toast.hidden = true; }, alert ? 4000 : 2000);
}

// --- entities -> DOM -------------------------------------------------------------------

function entityElement(entity, covered) {
  switch (entity.type) {
    case "bold": return el("strong");
    case "italic": return el("em");
    case "underline": return el("u");
    case "strikethrough": return el("s");
    case "code": return el("code");
    case "pre": return el("pre");
    case "blockquote":
    case "expandable_blockquote": return el("blockquote");
    case "spoiler": {
      const spoiler = el("span", "spoiler");
      spoiler.addEventListener("click", () => spoiler.classList.add("revealed"));
      return spoiler;
    }
    case "text_link":
    case "url":
    case "email": {
      const target = entity.type === "email" ? `mailto:${covered}`
        : safeUrl(entity.type === "url" && !/^[a-z]+:/i.test(covered) ? `http://${covered}` : (entity.url || covered));
      if (!target) return el("span");
      const link = el("a");
      link.href = target;
      link.target = "_blank";
      link.rel = "noopener noreferrer";
      return link;
    }
    case "bot_command": {
      const command = el("a", "command");
      command.href = "#";
      command.addEventListener("click", (event) => { event.preventDefault(); sendText(covered); });
      return command;
    }
    case "mention":
    case "hashtag":
      return el("span", "mention");
    default:
      return el("span");
  }
}

// Entities nest (bold inside a link, …): render each one around the entities it contains.
function appendEntities(parent, text, entities, start, end) {
  let position = start;
  let index = 0;
  while (index < entities.length) {
    const entity = entities[index];
    const entityEnd = entity.offset + entity.length;
    if (entity.offset < position || entityEnd > end) { index += 1; continue; }
    parent.append(text.slice(position, entity.offset));
    const inner = [];
    let next = index + 1;
    while (next < entities.length && entities[next].offset < entityEnd) inner.push(entities[next++]);
    const node = entityElement(entity, text.slice(entity.offset, entityEnd));
    appendEntities(node, text, inner, entity.offset, entityEnd);
    parent.append(node);
    position = entityEnd;
    index = next;
  }
  parent.append(text.slice(position, end));
}

function formattedText(text, entities) {
  const container = el("div", "text");
  const sorted = [...(entities || [])].sort((a, b) => a.offset - b.offset || b.length - a.length);
  appendEntities(container, text, sorted, 0, text.length);
  return container;
}

// --- messages ----------------------------------------------------------------------------

function inlineKeyboard(message) {
  const rows = (message.reply_markup && message.reply_markup.inline_keyboard) || [];
  const keyboard = el("div", "inline-keyboard");
  for (const row of rows) {
    const rowNode = el("div", "keyboard-row");
    for (const button of row) {
      const node = el("button", "inline-button", button.text);
      node.type = "button";
      if (button.url) node.classList.add("is-link");
      if (button.web_app) node.classList.add("is-webapp");
      node.addEventListener("click", () => pressInline(message, button, node));
      rowNode.append(node);
    }
    keyboard.append(rowNode);
  }
  return keyboard;
}

function messageNode(message) {
  const wrapper = el("div", `message ${message.from_bot ? "incoming" : "outgoing"}`);
  wrapper.dataset.messageId = message.message_id;
  const bubble = el("div", "bubble");
  for (const url of message.photo_urls || []) {
    const image = el("img", "photo");
    image.src = url;
    image.alt = "photo";
    bubble.append(image);
  }
  if (message.document) {
    const link = el("a", "document", `📄 ${message.document.file_name || "document"}`);
    link.href = message.document_url;
    link.download = message.document.file_name || "";
    bubble.append(link);
  }
  const body = message.text ?? message.caption;
  if (body) bubble.append(formattedText(body, message.entities));
  const time = new Date(message.date * 1000).toTimeString().slice(0, 5);
  bubble.append(el("span", "meta", `${message.edited ? "edited " : ""}${time}`));
  wrapper.append(bubble);
  if (message.from_bot && message.reply_markup) wrapper.append(inlineKeyboard(message));
  return wrapper;
}

function renderMessages(messages) {
  const list = byId("messages");
  const nearBottom = list.scrollHeight - list.scrollTop - list.clientHeight < 80;
  list.replaceChildren(...messages.map(messageNode));
  if (!messages.length) list.append(el("div", "empty", "No messages yet. Send /start to begin."));
  if (nearBottom) list.scrollTop = list.scrollHeight;
}

function renderReplyKeyboard(markup) {
  const keyboard = byId("reply-keyboard");
  keyboard.replaceChildren();
  keyboard.hidden = !markup;
  for (const row of (markup && markup.keyboard) || []) {
    const rowNode = el("div", "keyboard-row");
    for (const button of row) {
      const text = typeof button === "string" ? button : button.text;
      const node = el("button", "reply-button", text);
      node.type = "button";
      node.addEventListener("click", () => sendText(text));
      rowNode.append(node);
    }
    keyboard.append(rowNode);
  }
}

function renderMenu(commands, menuButton) {
  chat.commands = commands;
  chat.menuButton = menuButton;
  const button = byId("menu-button");
  const isWebApp = menuButton && menuButton.type === "web_app";
  button.hidden = !isWebApp && !commands.length;
  button.textContent = isWebApp ? menuButton.text : "Menu";
  button.classList.toggle("is-webapp", Boolean(isWebApp));
}

function showNewAnswers(answers) {
  const latest = answers.length ? answers[answers.length - 1].sequence : 0;
  // The first poll of a chat only sets the mark; old toasts are not replayed.
  if (chat.seenAnswer !== null) {
    for (const answer of answers.filter((a) => a.sequence > chat.seenAnswer)) {
      if (answer.text) showToast(answer.text, answer.show_alert);
      if (answer.url && safeUrl(answer.url)) window.open(safeUrl(answer.url), "_blank", "noopener");
    }
  }
  chat.seenAnswer = Math.max(latest, chat.seenAnswer || 0);
}

async function refresh() {
  if (chat.userId === null) return;
  const userId = chat.userId;
  const payload = await api(`/sandbox/api/chats/${userId}/messages`);
  if (userId !== chat.userId) return;
  showNewAnswers(payload.callback_answers);
  const serialised = JSON.stringify(payload, (key, value) => (key === "callback_answers" ? undefined : value));
  if (serialised === chat.lastPayload) return;
  chat.lastPayload = serialised;
  renderMessages(payload.messages);
  renderReplyKeyboard(payload.reply_keyboard);
  renderMenu(payload.commands, payload.menu_button);
  const banner = byId("banner");
  banner.hidden = !payload.blocked;
  banner.textContent = payload.blocked ? "This user has blocked the bot: sends to them fail with 403." : "";
}

async function pollForever() {
  try {
    await refresh();
  } catch (error) {
    console.warn("poll failed", error);
  }
  setTimeout(pollForever, POLL_INTERVAL_MS);
}

// --- user actions ------------------------------------------------------------------------

async function sendText(text) {
  if (chat.userId === null || !text.trim()) return;
  await api(`/sandbox/api/chats/${chat.userId}/send`, { text });
  await refresh();
}

async function pressInline(message, button, node) {
  if (button.callback_data !== undefined) {
    node.classList.add("pending");
    try {
      await api(`/sandbox/api/chats/${chat.userId}/press`, {
        message_id: message.message_id,
        data: button.callback_data,
      });
    } catch (error) {
      showToast(String(error.message), true);
    }
    setTimeout(() => node.classList.remove("pending"), 1500);
  } else if (button.url) {
    const url = safeUrl(button.url);
    if (url) window.open(url, "_blank", "noopener");
  } else if (button.web_app) {
    openWebApp(button.web_app.url, button.text);
  } else if (button.copy_text) {
    await navigator.clipboard.writeText(button.copy_text.text).catch(() => {});
    showToast("Copied");
  } else {
    showToast("This button type is not emulated by the sandbox");
  }
}

function webAppStub(initData, close) {
  const noop = () => {};
  const button = { setText: noop, show: noop, hide: noop, onClick: noop, offClick: noop,
    enable: noop, disable: noop, setParams: noop, showProgress: noop, hideProgress: noop };
  const unsafe = Object.fromEntries(new URLSearchParams(initData));
  if (unsafe.user) unsafe.user = JSON.parse(unsafe.user);
  return {
    initData, initDataUnsafe: unsafe, version: "7.0", platform: "web", colorScheme: "light",
    themeParams: {}, isExpanded: true, ready: noop, expand: noop, close,
    onEvent: noop, offEvent: noop, sendData: noop, showAlert: (text) => showToast(text, true),
    MainButton: button, SecondaryButton: button, BackButton: button, HapticFeedback: {
      impactOccurred: noop, notificationOccurred: noop, selectionChanged: noop },
  };
}

// Telegram's theme params for the two schemes the sandbox offers (?theme=dark on /chat).
const THEMES = {
  light: { bg_color: "#ffffff", text_color: "#000000", hint_color: "#999999",
    link_color: "#2481cc", button_color: "#2481cc", button_text_color: "#ffffff",
    secondary_bg_color: "#efeff3", section_bg_color: "#ffffff", accent_text_color: "#2481cc",
    destructive_text_color: "#e53935" },
  dark: { bg_color: "#18222d", text_color: "#ffffff", hint_color: "#b1c3d5",
    link_color: "#62bcf9", button_color: "#2ea6ff", button_text_color: "#ffffff",
    secondary_bg_color: "#131415", section_bg_color: "#1f2a36", accent_text_color: "#62bcf9",
    destructive_text_color: "#ef5b5b" },
};
// What the open Mini App asked of "Telegram": tests and people can read it here.
window.sandboxWebApp = { events: [], theme: "light", verticalSwipes: true, mainButton: null };

function currentTheme() {
  return window.sandboxWebApp.theme;
}

function postToWebApp(eventType, eventData) {
  const frame = byId("webapp-frame");
  if (frame.contentWindow) frame.contentWindow.postMessage(JSON.stringify({ eventType, eventData }), "*");
}

function toggleTheme() {
  window.sandboxWebApp.theme = currentTheme() === "dark" ? "light" : "dark";
  localStorage.setItem("sandbox-theme", window.sandboxWebApp.theme);
  postToWebApp("theme_changed", { theme_params: THEMES[currentTheme()] });
}

function flashHaptic(data) {
  const mark = byId("webapp-haptic");
  mark.textContent = `≋ ${data.notification_type || data.impact_style || data.type}`;
  clearTimeout(flashHaptic.timer);
  flashHaptic.timer = setTimeout(() => { mark.textContent = ""; }, 1200);
}

// The Mini App's calls to "Telegram" (the same messages telegram-web-app.js posts to Telegram Web).
function onWebAppMessage(event) {
  if (event.source !== byId("webapp-frame").contentWindow) return;
  let message;
  try { message = JSON.parse(event.data); } catch { return; }
  const data = message.eventData || {};
  const state = window.sandboxWebApp;
  state.events.push({ type: message.eventType, data });
  switch (message.eventType) {
    case "web_app_setup_main_button": {
      const node = byId("webapp-main-button");
      state.mainButton = data;
      node.hidden = !data.is_visible;
      node.disabled = data.is_active === false;
      node.textContent = data.text || "";
      if (data.color) node.style.background = data.color;
      if (data.text_color) node.style.color = data.text_color;
      break;
    }
    case "web_app_setup_back_button":
      byId("webapp-back").hidden = !data.is_visible;
      break;
    case "web_app_trigger_haptic_feedback":
      flashHaptic(data);
      break;
    case "web_app_setup_swipe_behavior":
      state.verticalSwipes = Boolean(data.allow_vertical_swipe);
      byId("webapp-panel").dataset.verticalSwipes = String(state.verticalSwipes);
      break;
    case "web_app_expand":
      byId("webapp-panel").classList.add("expanded");
      break;
    case "web_app_close":
      closeWebApp();
      break;
    case "web_app_open_popup":
      showToast(data.message || "", true);
      break;
    default:
      break;
  }
}

async function openWebApp(url, title) {
  const target = safeUrl(url);
  if (!target || chat.userId === null) return;
  const { init_data: initData } = await api(`/sandbox/api/chats/${chat.userId}/init-data`);
  const bridge = `${location.origin}/sandbox/static/telegram-web-app.js`;
  const launch = new URLSearchParams({
    tgWebAppData: initData, tgWebAppVersion: "7.10", tgWebAppPlatform: "web",
    tgWebAppThemeParams: JSON.stringify(THEMES[currentTheme()]), tgWebAppBridge: bridge,
  }).toString();
  const frame = byId("webapp-frame");
  window.sandboxWebApp.events = [];
  byId("webapp-main-button").hidden = true;
  byId("webapp-back").hidden = true;
  frame.onload = () => {
    // A same-origin page that did not load the bridge still gets a minimal window.Telegram;
    // others read the hash.
    try {
      if (!frame.contentWindow.Telegram) {
        frame.contentWindow.Telegram = { WebApp: webAppStub(initData, closeWebApp) };
      }
    } catch {
      /* cross-origin: tgWebAppData in location.hash is the way in */
    }
  };
  frame.src = `${target}${target.includes("#") ? "&" : "#"}${launch}`;
  byId("webapp-title").textContent = title || "Mini App";
  byId("webapp-panel").hidden = false;
}

function closeWebApp() {
  byId("webapp-panel").hidden = true;
  byId("webapp-frame").src = "about:blank";
}

function toggleCommands() {
  if (chat.menuButton && chat.menuButton.type === "web_app") {
    openWebApp(chat.menuButton.web_app.url, chat.menuButton.text);
    return;
  }
  const popover = byId("commands-popover");
  popover.replaceChildren(...chat.commands.map((command) => {
    const item = el("button", "command-item");
    item.type = "button";
    item.append(el("span", "command-name", `/${command.command}`), el("span", "muted", command.description));
    item.addEventListener("click", () => { popover.hidden = true; sendText(`/${command.command}`); });
    return item;
  }));
  popover.hidden = !popover.hidden;
}

// --- users -------------------------------------------------------------------------------

function renderUsers(users) {
  const list = byId("user-list");
  list.replaceChildren(...users.map((user) => {
    const item = el("button", "user-item");
    item.type = "button";
    item.classList.toggle("active", user.id === chat.userId);
    item.append(el("span", "avatar small-avatar", (user.first_name || "?")[0]),
      el("span", "user-name", `${user.first_name} · ${user.id}`),
      el("span", "muted small", user.language_code || ""));
    item.addEventListener("click", () => selectUser(user));
    return item;
  }));
}

async function loadUsers() {
  const info = await api("/sandbox/api/bot");
  byId("bot-title").textContent = info.bot.first_name;
  byId("bot-avatar").textContent = info.bot.first_name[0];
  byId("chat-subtitle").textContent = `@${info.bot.username} · bot`;
  renderUsers(info.users);
  return info.users;
}

function selectUser(user) {
  chat.userId = user.id;
  chat.lastPayload = "";
  chat.seenAnswer = null;
  localStorage.setItem("sandbox-user", String(user.id));
  byId("composer-input").disabled = false;
  byId("send-button").disabled = false;
  byId("composer-input").placeholder = `Message as ${user.first_name}`;
  closeWebApp();
  loadUsers();
  refresh();
  byId("composer-input").focus();
}

async function createUser(event) {
  event.preventDefault();
  const form = new FormData(byId("user-form"));
  const { user } = await api("/sandbox/api/users", Object.fromEntries(form));
  selectUser(user);
}

async function start() {
  byId("user-form").addEventListener("submit", createUser);
  byId("composer").addEventListener("submit", async (event) => {
    event.preventDefault();
    const input = byId("composer-input");
    const text = input.value;
    input.value = "";
    await sendText(text);
  });
  byId("menu-button").addEventListener("click", toggleCommands);
  byId("webapp-close").addEventListener("click", closeWebApp);
  byId("webapp-theme").addEventListener("click", toggleTheme);
  byId("webapp-back").addEventListener("click", () => postToWebApp("back_button_pressed", {}));
  byId("webapp-main-button").addEventListener("click", () => postToWebApp("main_button_pressed", {}));
  window.addEventListener("message", onWebAppMessage);
  const theme = new URLSearchParams(location.search).get("theme") || localStorage.getItem("sandbox-theme");
  window.sandboxWebApp.theme = theme === "dark" ? "dark" : "light";
  const users = await loadUsers();
  const wanted = Number(new URLSearchParams(location.search).get("user") || localStorage.getItem("sandbox-user"));
  const initial = users.find((user) => user.id === wanted);
  if (initial) selectUser(initial);
  pollForever();
}

start();
