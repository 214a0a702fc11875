/**
 * The questionnaire's warning for pages reached with the browser's Back button (decision 012).
 *
 * Answers travel only in the page's form (decision 007). A page the browser shows again from
 * its history (a re-sent form after Back, or a page kept in the back/forward cache) holds only
 * the answers given up to it; the answers of later pages are in the later history entries. This
 * script, inlined with the request's CSP nonce on questionnaire pages only, asks the browser's
 * Navigation API whether later entries of this same questionnaire exist. If so it reveals the
 * warning that is already in the HTML, puts the focus on it, and offers a button that goes
 * forward to the latest one (history.go), where every answer still is. It stores nothing.
 * Without the Navigation API it reveals the warning only for a Back/Forward load, whose text is
 * true either way; without JavaScript the page's own hint beside its buttons says the same.
 */
export const HISTORY_WARNING_SCRIPT = `(function () {
  var box = document.querySelector(".js-history-warning");
  if (!box) return;
  var forward = box.querySelector(".js-history-forward");
  var steps = 0;
  function show() {
    box.hidden = false;
    if (forward) forward.hidden = steps < 1;
    box.focus();
  }
  function check(persisted) {
    var nav = window.navigation;
    if (nav && nav.currentEntry) {
      var here = nav.currentEntry;
      steps = 0;
      nav.entries().forEach(function (entry) {
        if (entry.index > here.index && entry.url === here.url) steps = entry.index - here.index;
      });
      if (steps > 0) show(); else box.hidden = true;
      return;
    }
    var load = window.performance && performance.getEntriesByType && performance.getEntriesByType("navigation")[0];
    if (persisted || (load && load.type === "back_forward")) show();
  }
  if (forward) forward.addEventListener("click", function () { if (steps > 0) history.go(steps); });
  window.addEventListener("pageshow", function (event) { check(event.persisted); });
  check(false);
})();`;
