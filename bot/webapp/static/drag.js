// Dragging a card between columns with the mouse, or by touch after a long press (so a
// plain swipe still scrolls). Telegram's vertical swipe-to-close is off while dragging.
"use strict";

const LONG_PRESS_MS = 350;
const MOUSE_SLOP_PX = 5;
const TOUCH_SLOP_PX = 10;

function makeDragController({ onDrop, canDrop }) {
  let pending = null; // a press that may become a drag
  let drag = null; // { card, ghost, from, dx, dy }

  function pointAt(x, y) {
    const target = document.elementFromPoint(x, y);
    return target ? target.closest(".column") : null;
  }

  function highlight(x, y) {
    const column = pointAt(x, y);
    for (const node of document.querySelectorAll(".column")) {
      node.classList.toggle("drop-target", node === column && canDrop(drag.card, node));
      node.classList.toggle("drop-refused", node === column && !canDrop(drag.card, node));
    }
  }

  function start(card, x, y) {
    const box = card.getBoundingClientRect();
    const ghost = card.cloneNode(true);
    ghost.classList.add("ghost");
    ghost.style.width = `${box.width}px`;
    document.body.append(ghost);
    drag = { card, ghost, dx: x - box.left, dy: y - box.top };
    card.classList.add("dragging");
    document.body.classList.add("is-dragging");
    if (tg && tg.disableVerticalSwipes) tg.disableVerticalSwipes();
    haptic("light");
    move(x, y);
  }

  function move(x, y) {
    if (!drag) return;
    drag.ghost.style.transform = `translate(${x - drag.dx}px, ${y - drag.dy}px)`;
    highlight(x, y);
  }

  function finish(x, y, cancelled) {
    clearTimeout(pending && pending.timer);
    pending = null;
    if (!drag) return;
    const { card, ghost } = drag;
    drag = null;
    ghost.remove();
    card.classList.remove("dragging");
    document.body.classList.remove("is-dragging");
    for (const node of document.querySelectorAll(".column")) {
      node.classList.remove("drop-target", "drop-refused");
    }
    if (tg && tg.enableVerticalSwipes) tg.enableVerticalSwipes();
    const column = cancelled ? null : pointAt(x, y);
    if (column && column.dataset.stage !== card.dataset.stage) onDrop(card, column);
    // The click that follows a drop must not open the card.
    card.dataset.justDragged = "1";
    setTimeout(() => { delete card.dataset.justDragged; }, 50);
  }

  function attach(root) {
    root.addEventListener("mousedown", (event) => {
      const card = event.target.closest(".card");
      if (!card || event.button !== 0) return;
      pending = { card, x: event.clientX, y: event.clientY, mouse: true };
    });
    root.addEventListener("touchstart", (event) => {
      const card = event.target.closest(".card");
      if (!card || event.touches.length !== 1) return;
      const touch = event.touches[0];
      pending = { card, x: touch.clientX, y: touch.clientY, mouse: false };
      pending.timer = setTimeout(() => {
        if (pending) start(pending.card, pending.x, pending.y);
      }, LONG_PRESS_MS);
    }, { passive: true });
  }

  document.addEventListener("mousemove", (event) => {
    if (drag) { move(event.clientX, event.clientY); return; }
    if (pending && pending.mouse && Math.hypot(event.clientX - pending.x,
      event.clientY - pending.y) > MOUSE_SLOP_PX) {
      event.preventDefault();
      start(pending.card, event.clientX, event.clientY);
    }
  });
  document.addEventListener("mouseup", (event) => finish(event.clientX, event.clientY, false));
  // Not passive: while dragging, the page must not scroll under the finger.
  document.addEventListener("touchmove", (event) => {
    const touch = event.touches[0];
    if (drag) {
      event.preventDefault();
      move(touch.clientX, touch.clientY);
    } else if (pending && Math.hypot(touch.clientX - pending.x,
      touch.clientY - pending.y) > TOUCH_SLOP_PX) {
      clearTimeout(pending.timer); // a swipe: let it scroll
      pending = null;
    }
  }, { passive: false });
  document.addEventListener("touchend", (event) => {
    const touch = event.changedTouches[0];
    finish(touch.clientX, touch.clientY, false);
  });
  document.addEventListener("touchcancel", () => finish(0, 0, true));
  // Long-pressing shows the context menu on some webviews; not on a card.
  document.addEventListener("contextmenu", (event) => {
    if (event.target.closest && event.target.closest(".card")) event.preventDefault();
  });

  return { attach, isDragging: () => drag !== null };
}
