// On a narrow screen a timeline's time axis scrolls inside its box (see .timeline-scroll in
// app.css). It opens on today, the part people come to read, rather than on the first month.
(function () {
  "use strict";
  document.querySelectorAll(".timeline-scroll").forEach(function (box) {
    var today = box.querySelector("line.today");
    if (!today || box.scrollWidth <= box.clientWidth) {
      return;
    }
    var line = today.getBoundingClientRect();
    var frame = box.getBoundingClientRect();
    // Today two thirds of the way across: what is late before it, what comes after it.
    box.scrollLeft += line.left - frame.left - box.clientWidth * 2 / 3;
  });
})();
