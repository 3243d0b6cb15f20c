// "Copiar enlace" beside the private feed link. The button is hidden in the HTML and shown
// here, so a browser without script (or without the Clipboard API) keeps the plain
// selectable field and no dead button.
(function () {
  "use strict";
  document.querySelectorAll("button[data-copy]").forEach(function (button) {
    var field = document.getElementById(button.getAttribute("data-copy"));
    var status = button.parentNode.querySelector(".copy-status");
    if (!field) {
      return;
    }
    function say(text) {
      if (status) {
        status.textContent = text;
      }
    }
    button.hidden = false;
    button.addEventListener("click", function () {
      // The Clipboard API needs a secure context (https or localhost); an intranet served over
      // plain http falls back to copying the selection, and the text stays selected either way.
      field.focus();
      field.select();
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(field.value).then(
          function () { say(button.getAttribute("data-copied")); },
          function () { say(button.getAttribute("data-failed")); }
        );
      } else {
        var copied = false;
        try {
          copied = document.execCommand("copy");
        } catch (error) {
          copied = false;
        }
        say(button.getAttribute(copied ? "data-copied" : "data-failed"));
      }
    });
  });
})();
