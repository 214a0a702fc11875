/**
 * Where "Leave this site" goes: a neutral weather page that shows nothing personal and raises
 * no questions if someone looks at the screen (GOV.UK's Exit this page uses BBC Weather too).
 */
export const QUICK_EXIT_URL = "https://www.bbc.com/weather/3183875";

/**
 * The only script a survivor page runs, inlined with the CSP nonce. It enhances the plain link:
 * pressing Shift three times within 5 seconds also leaves; leaving first covers the page so
 * nothing stays on screen, then uses location.replace so Back does not return here.
 * Messages come from data attributes so they are translated like every other string.
 * The "or press Shift 3 times" hint is hidden in the HTML and shown only where the shortcut can
 * work: on a device with a fine pointer that can hover (a computer), or once any key is pressed
 * (a keyboard attached to a phone or tablet).
 */
export const QUICK_EXIT_SCRIPT = `(function () {
  var link = document.querySelector(".js-exit-this-page");
  var status = document.querySelector(".js-exit-this-page-status");
  if (!link || !status) return;
  var presses = 0;
  var timer = null;
  var hint = document.querySelector(".js-exit-this-page-hint");
  function showHint() {
    if (hint) hint.hidden = false;
  }
  if (window.matchMedia && window.matchMedia("(hover: hover) and (pointer: fine)").matches) showHint();
  else document.addEventListener("keydown", showHint, { once: true });
  function leave(event) {
    if (event) event.preventDefault();
    document.documentElement.classList.add("app-exit-this-page--leaving");
    status.textContent = link.getAttribute("data-message-leaving");
    window.location.replace(link.href);
  }
  function reset() {
    presses = 0;
    status.textContent = "";
    if (timer) window.clearTimeout(timer);
    timer = null;
  }
  link.addEventListener("click", leave);
  document.addEventListener("keyup", function (event) {
    if (event.key !== "Shift") { if (presses) reset(); return; }
    presses += 1;
    if (timer) window.clearTimeout(timer);
    if (presses >= 3) { reset(); leave(); return; }
    status.textContent = link.getAttribute(presses === 1 ? "data-message-two-more" : "data-message-one-more");
    timer = window.setTimeout(function () {
      status.textContent = link.getAttribute("data-message-timed-out");
      presses = 0;
    }, 5000);
  });
  window.addEventListener("pageshow", function (event) {
    if (event.persisted) document.documentElement.classList.remove("app-exit-this-page--leaving");
  });
})();`;
