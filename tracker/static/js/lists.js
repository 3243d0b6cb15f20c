// A list row's name is cut with "…" to keep the row on one line (see .row-title in app.css).
// Where it is cut, its whole text is given on hover; a name that fits gets no tooltip.
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
})();
