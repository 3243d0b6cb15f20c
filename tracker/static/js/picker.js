// Record pickers: a search box that offers names as one types (forms/common.py, _picker).
// Without script the box submits the name typed and the server finds the record by it; with
// it, the chosen record's id goes in a hidden field of the same name.
(function () {
  "use strict";
  var count = 0;

  function setUp(input) {
    var hidden = document.createElement("input");
    hidden.type = "hidden";
    hidden.name = input.name;
    hidden.value = input.dataset.value || input.value;
    input.removeAttribute("name");
    input.after(hidden);
    var list = document.createElement("ul");
    list.id = input.id + "-options";
    list.className = "picker-options";
    list.setAttribute("role", "listbox");
    list.hidden = true;
    hidden.after(list);
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", list.id);
    var timer = null;
    var active = -1;
    var asked = 0;

    function close() {
      clearTimeout(timer); // a search still waiting must not reopen the list
      asked++; // nor one already asked
      list.hidden = true;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
      active = -1;
    }
    function choose(option) {
      input.value = option.textContent;
      hidden.value = option.dataset.id;
      close();
      hidden.dispatchEvent(new Event("change", { bubbles: true }));
    }
    function mark(index) {
      var options = list.querySelectorAll("[role=option]");
      if (!options.length) return;
      active = (index + options.length) % options.length;
      options.forEach(function (option, n) {
        option.setAttribute("aria-selected", n === active ? "true" : "false");
      });
      input.setAttribute("aria-activedescendant", options[active].id);
      options[active].scrollIntoView({ block: "nearest" });
    }
    function show(names) {
      // A fresher answer keeps the name the keyboard stands on, if it still is offered.
      var current = active >= 0 ? list.querySelectorAll("[role=option]")[active] : null;
      var keep = current ? current.dataset.id : null;
      list.textContent = "";
      names.forEach(function (record) {
        var option = document.createElement("li");
        option.id = list.id + "-" + ++count;
        option.setAttribute("role", "option");
        option.setAttribute("aria-selected", "false");
        option.dataset.id = record.id;
        option.textContent = record.name;
        list.append(option);
      });
      if (!names.length) {
        var none = document.createElement("li");
        none.className = "picker-none";
        none.textContent = input.dataset.empty;
        list.append(none);
      }
      list.hidden = false;
      input.setAttribute("aria-expanded", "true");
      active = -1;
      var again = names.findIndex(function (record) { return String(record.id) === keep; });
      if (again >= 0) mark(again);
    }
    function ask() {
      var words = input.value.trim();
      if (!words) return close();
      var mine = ++asked;
      // Only the last question asked is answered, and not once the box is closed or left.
      fetch(input.dataset.picker + "?q=" + encodeURIComponent(words), {
        headers: { Accept: "application/json" },
        credentials: "same-origin",
      })
        .then(function (response) { return response.ok ? response.json() : []; })
        .then(function (names) {
          if (mine === asked && document.activeElement === input) show(names);
        })
        .catch(close);
    }

    input.addEventListener("input", function () {
      hidden.value = input.value.trim(); // a name, until one is chosen
      clearTimeout(timer);
      timer = setTimeout(ask, 150);
    });
    input.addEventListener("keydown", function (event) {
      if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        if (list.hidden) return ask();
        event.preventDefault();
        mark(active + (event.key === "ArrowDown" ? 1 : -1));
      } else if (event.key === "Enter" && !list.hidden && active >= 0) {
        event.preventDefault();
        choose(list.querySelectorAll("[role=option]")[active]);
      } else if (event.key === "Escape" && !list.hidden) {
        event.preventDefault();
        close();
      }
    });
    list.addEventListener("mousedown", function (event) {
      var option = event.target.closest("[role=option]");
      if (option) {
        event.preventDefault(); // keep the focus in the box
        choose(option);
      }
    });
    input.addEventListener("blur", function () { setTimeout(close, 100); });
  }

  document.querySelectorAll("input[data-picker]").forEach(setUp);
})();
