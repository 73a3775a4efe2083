// Telegram requires Mini Apps to load telegram-web-app.js from telegram.org. Offline, the
// sandbox chat opens the app with tgWebAppBridge=<its compatible script> in the launch hash;
// only a loopback bridge is honoured, so a crafted link cannot inject a script from elsewhere.
"use strict";
(function loadTelegramScript() {
  const TELEGRAM_SCRIPT = "https://telegram.org/js/telegram-web-app.js";
  const LOOPBACK = ["127.0.0.1", "localhost", "[::1]"];
  let source = TELEGRAM_SCRIPT;
  try {
    const bridge = new URLSearchParams(location.hash.slice(1)).get("tgWebAppBridge");
    if (bridge) {
      const url = new URL(bridge);
      if (LOOPBACK.includes(url.hostname) && url.protocol === "http:") source = url.href;
    }
  } catch (error) {
    console.warn("ignoring a malformed tgWebAppBridge", error);
  }
  document.write(`<script src="${source.replace(/"/g, "%22")}"><\/script>`);
})();
