// Lists. A row's name is cut with "…" to keep the row on one line (see .row-title in app.css):
// where it is cut, its whole text is given on hover; a name that fits gets no tooltip.
(function () {
  "use strict";

  function label(link) {
    if (link.scrollWidth > link.clientWidth + 1) {
      link.title = link.textContent.trim();
    } else {
      link.removeAttribute("title");
    }
  }

  function labelAll() {
    document.querySelectorAll("table.list .row-title").forEach(label);
  }

  labelAll();
  var pending = null;
  window.addEventListener("resize", function () {
    clearTimeout(pending);
    pending = setTimeout(labelAll, 150);
  });

  // On a phone a list's filters fold behind their summary, unless some are in use, so that
  // the screen opens on the list; wider, they are always open (the summary is hidden).
  var phone = window.matchMedia && window.matchMedia("(max-width: 600px)");
  var folds = document.querySelectorAll("details.filters-fold");
  if (!phone || !folds.length) {
    return;
  }
  function fit() {
    folds.forEach(function (fold) {
      fold.open = !phone.matches || fold.hasAttribute("data-phone-open");
    });
  }
  fit();
  phone.addEventListener("change", fit);
})();
