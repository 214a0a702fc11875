// The code sheet (staff): codes are shown only once, so this shows the Print button and asks
// before the page is left, except by the sheet's own "Done" link. Static file, no framework.
(function () {
  "use strict";
  var print = document.querySelector(".js-code-sheet-print");
  if (print) {
    print.hidden = false;
    print.addEventListener("click", function () {
      window.print();
    });
  }
  var leavingOnPurpose = false;
  document.querySelectorAll("[data-leave-ok]").forEach(function (link) {
    link.addEventListener("click", function () {
      leavingOnPurpose = true;
    });
  });
  window.addEventListener("beforeunload", function (event) {
    if (leavingOnPurpose) return;
    event.preventDefault();
    event.returnValue = "";
  });
})();
