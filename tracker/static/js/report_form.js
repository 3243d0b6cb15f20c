// The participation report form, a little friendlier with JavaScript on (it works without):
// a row's "Cumplido el" date shows only when the row is marked "Ya cumplido", and a row marked
// "Quitar" is dimmed so that the author sees what saving will remove.
(function () {
  "use strict";

  function syncRow(row) {
    var state = row.querySelector("select[name$='-state']");
    var completed = row.querySelector(".completed-on");
    if (state && completed) {
      completed.hidden = state.value !== "done";
    }
    var remove = row.querySelector("input[name$='-remove']");
    row.classList.toggle("removing", Boolean(remove && remove.checked));
  }

  document.querySelectorAll(".item-row").forEach(function (row) {
    syncRow(row);
    row.addEventListener("change", function () {
      syncRow(row);
    });
  });
})();
