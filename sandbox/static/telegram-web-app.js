// A stand-in for telegram.org/js/telegram-web-app.js, served by the sandbox so Mini Apps work
// offline. It speaks the same postMessage protocol to the parent page as Telegram Web
// ({eventType, eventData} JSON: web_app_setup_main_button, web_app_trigger_haptic_feedback, …),
// and the sandbox chat page plays Telegram's part (sandbox/static/chat.js).
"use strict";
(function installWebApp() {
  const launch = new URLSearchParams(location.hash.slice(1));
  const initData = launch.get("tgWebAppData") || "";
  const handlers = {};

  function post(eventType, eventData) {
    if (window.parent === window) return;
    window.parent.postMessage(JSON.stringify({ eventType, eventData: eventData || {} }), "*");
  }

  function emit(name, ...args) {
    for (const handler of handlers[name] || []) {
      try { handler.apply(webApp, args); } catch (error) { console.error(error); }
    }
  }

  function parseJson(raw, fallback) {
    try { return raw ? JSON.parse(raw) : fallback; } catch { return fallback; }
  }

  const unsafe = Object.fromEntries(new URLSearchParams(initData));
  if (unsafe.user) unsafe.user = parseJson(unsafe.user, {});
  if (unsafe.auth_date) unsafe.auth_date = Number(unsafe.auth_date);

  function makeBottomButton(kind) {
    const button = {
      text: kind === "main" ? "Continue" : "Back", color: "#2481cc", textColor: "#ffffff",
      isVisible: false, isActive: true, isProgressVisible: false,
      setText(text) { button.text = String(text); return sync(); },
      show() { button.isVisible = true; return sync(); },
      hide() { button.isVisible = false; return sync(); },
      enable() { button.isActive = true; return sync(); },
      disable() { button.isActive = false; return sync(); },
      showProgress() { button.isProgressVisible = true; return sync(); },
      hideProgress() { button.isProgressVisible = false; return sync(); },
      setParams(params) {
        if ("text" in params) button.text = String(params.text);
        if ("color" in params) button.color = params.color;
        if ("text_color" in params) button.textColor = params.text_color;
        if ("is_visible" in params) button.isVisible = Boolean(params.is_visible);
        if ("is_active" in params) button.isActive = Boolean(params.is_active);
        return sync();
      },
      onClick(callback) { webApp.onEvent("mainButtonClicked", callback); return button; },
      offClick(callback) { webApp.offEvent("mainButtonClicked", callback); return button; },
    };
    function sync() {
      post("web_app_setup_main_button", {
        is_visible: button.isVisible, is_active: button.isActive, text: button.text,
        color: button.color, text_color: button.textColor,
        is_progress_visible: button.isProgressVisible,
      });
      return button;
    }
    return button;
  }

  const backButton = {
    isVisible: false,
    show() { backButton.isVisible = true; post("web_app_setup_back_button", { is_visible: true }); return backButton; },
    hide() { backButton.isVisible = false; post("web_app_setup_back_button", { is_visible: false }); return backButton; },
    onClick(callback) { webApp.onEvent("backButtonClicked", callback); return backButton; },
    offClick(callback) { webApp.offEvent("backButtonClicked", callback); return backButton; },
  };

  const haptics = {
    impactOccurred(style) { post("web_app_trigger_haptic_feedback", { type: "impact", impact_style: style }); return haptics; },
    notificationOccurred(type) { post("web_app_trigger_haptic_feedback", { type: "notification", notification_type: type }); return haptics; },
    selectionChanged() { post("web_app_trigger_haptic_feedback", { type: "selection_change" }); return haptics; },
  };

  const webApp = {
    initData,
    initDataUnsafe: unsafe,
    version: launch.get("tgWebAppVersion") || "7.10",
    platform: launch.get("tgWebAppPlatform") || "web",
    themeParams: parseJson(launch.get("tgWebAppThemeParams"), {}),
    colorScheme: "light",
    isExpanded: false,
    isVerticalSwipesEnabled: true,
    viewportHeight: window.innerHeight,
    viewportStableHeight: window.innerHeight,
    MainButton: makeBottomButton("main"),
    BackButton: backButton,
    HapticFeedback: haptics,
    ready() { post("web_app_ready"); },
    expand() { webApp.isExpanded = true; post("web_app_expand"); },
    close() { post("web_app_close"); },
    disableVerticalSwipes() { webApp.isVerticalSwipesEnabled = false; post("web_app_setup_swipe_behavior", { allow_vertical_swipe: false }); },
    enableVerticalSwipes() { webApp.isVerticalSwipesEnabled = true; post("web_app_setup_swipe_behavior", { allow_vertical_swipe: true }); },
    openLink(url) { window.open(url, "_blank", "noopener"); },
    openTelegramLink(url) { window.open(url, "_blank", "noopener"); },
    showAlert(message, callback) { post("web_app_open_popup", { message }); if (callback) callback(); },
    sendData(data) { post("web_app_data_send", { data: String(data) }); },
    onEvent(name, callback) { (handlers[name] = handlers[name] || []).push(callback); },
    offEvent(name, callback) { handlers[name] = (handlers[name] || []).filter((h) => h !== callback); },
    isVersionAtLeast() { return true; },
  };

  function schemeOf(params) {
    const hex = (params.bg_color || "#ffffff").replace("#", "");
    const [r, g, b] = [0, 2, 4].map((i) => parseInt(hex.slice(i, i + 2), 16));
    return 0.299 * r + 0.587 * g + 0.114 * b < 128 ? "dark" : "light";
  }
  webApp.colorScheme = schemeOf(webApp.themeParams);

  // Events the parent (Telegram, here the sandbox chat page) sends to the Mini App.
  window.addEventListener("message", (event) => {
    const message = parseJson(typeof event.data === "string" ? event.data : "", null);
    if (!message || event.source !== window.parent) return;
    const data = message.eventData || {};
    if (message.eventType === "main_button_pressed") emit("mainButtonClicked");
    else if (message.eventType === "back_button_pressed") emit("backButtonClicked");
    else if (message.eventType === "theme_changed") {
      webApp.themeParams = data.theme_params || {};
      webApp.colorScheme = schemeOf(webApp.themeParams);
      emit("themeChanged");
    }
  });

  window.Telegram = { WebApp: webApp };
})();
