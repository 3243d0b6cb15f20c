// Keyboard shortcuts, as in the trackers people know: "/" goes to the search box, "j" and "k"
// move down and up a list's rows (Enter opens the row), "?" shows the list of shortcuts.
// Keys typed into a field are the field's, never a shortcut.
(function () {
  "use strict";

  function typing(target) {
    var tag = target.tagName;
    return (
      target.isContentEditable ||
      tag === "INPUT" ||
      tag === "TEXTAREA" ||
      tag === "SELECT"
    );
  }

  function rowLinks() {
    return Array.prototype.slice.call(
      document.querySelectorAll("table.list tbody .row-title, .search-results a.result-title")
    );
  }

  function move(step) {
    var links = rowLinks();
    if (!links.length) {
      return;
    }
    var index = links.indexOf(document.activeElement);
    var next = index < 0 ? (step > 0 ? 0 : links.length - 1) : index + step;
    next = Math.max(0, Math.min(links.length - 1, next));
    links.forEach(function (link) {
      var row = link.closest("tr, li");
      if (row) {
        row.classList.remove("kbd-current");
      }
    });
    var target = links[next];
    var row = target.closest("tr, li");
    if (row) {
      row.classList.add("kbd-current");
    }
    target.focus();
    target.scrollIntoView({ block: "nearest" });
  }

  function showHelp() {
    var dialog = document.getElementById("shortcuts");
    if (dialog && typeof dialog.showModal === "function" && !dialog.open) {
      dialog.showModal();
    }
  }

  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey || typing(event.target)) {
      return;
    }
    if (event.key === "/") {
      var search = document.getElementById("site-search");
      if (search) {
        event.preventDefault();
        search.focus();
        search.select();
      }
    } else if (event.key === "j") {
      move(1);
    } else if (event.key === "k") {
      move(-1);
    } else if (event.key === "?") {
      event.preventDefault();
      showHelp();
    }
  });
})();
