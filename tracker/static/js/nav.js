// The main menu is a <details> that the HTML sends open, so that it works without script.
// On a phone it is folded behind its summary (the menu button); on a wider screen it stays
// open and the summary is hidden by the stylesheet. Loaded right after the menu, before the
// page below it is parsed, so a phone never paints the unfolded menu first.
(function () {
  "use strict";
  var menu = document.getElementById("site-menu");
  if (!menu || !window.matchMedia) {
    return;
  }
  // Keep in step with the phone breakpoint in app.css.
  var phone = window.matchMedia("(max-width: 600px)");

  function fit() {
    menu.open = !phone.matches;
  }

  // Only with script does the folded menu drop over the page (see app.css).
  menu.classList.add("folding");
  fit();
  phone.addEventListener("change", fit);
  // A tap outside the dropped menu folds it, as people expect of a menu.
  document.addEventListener("click", function (event) {
    if (phone.matches && menu.open && !menu.contains(event.target)) {
      menu.open = false;
    }
  });
  // Escape folds the open menu on a phone and gives the focus back to its button.
  menu.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && phone.matches && menu.open) {
      menu.open = false;
      menu.querySelector("summary").focus();
    }
  });
})();
