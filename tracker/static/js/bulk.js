// The follow-up list's bulk bar, friendlier with JavaScript on (it works without): it says how
// many rows are ticked, and shows only the field the chosen action needs.
(function () {
  "use strict";

  var form = document.getElementById("bulk-form");
  if (!form) {
    return;
  }
  var count = form.querySelector(".bulk-count");
  var action = form.querySelector("select[name='bulk-action']");
  var fieldsFor = {
    status: [".bulk-status"],
    owner: [".bulk-owner"],
    reschedule: [".bulk-due", ".bulk-reason"],
    delete: [".bulk-reason"],
  };

  function boxes() {
    return document.querySelectorAll("input[name='bulk-ids'][form='bulk-form']");
  }

  function showCount() {
    var ticked = Array.prototype.filter.call(boxes(), function (box) {
      return box.checked;
    }).length;
    var text = ticked ? count.dataset.some.replace("%d", ticked) : count.dataset.none;
    count.textContent = text;
  }

  function showFields() {
    var wanted = fieldsFor[action.value] || [];
    [".bulk-status", ".bulk-owner", ".bulk-due", ".bulk-reason"].forEach(function (selector) {
      var field = form.querySelector(selector);
      if (field) {
        field.hidden = wanted.indexOf(selector) < 0;
      }
    });
  }

  document.addEventListener("change", function (event) {
    if (event.target.matches("input[name='bulk-ids']")) {
      showCount();
    }
  });
  action.addEventListener("change", showFields);
  showCount();
  showFields();
})();
