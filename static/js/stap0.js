// stap0: small enhancements for every page; each page works without this file.
// 1. Tables in a scroll region become stacked cards on a phone: each cell gets its column's
//    header as data-label (the CSS shows it before the value), so nothing is cut off.
// 2. Sections folded for a phone (<details class="fold" data-open-wide>) open on a desktop.
(function () {
  "use strict";
  document.querySelectorAll(".table-responsive > table:not(.worklist)").forEach(function (table) {
    var heads = table.querySelectorAll("thead th");
    if (!heads.length) {
      return;
    }
    var labels = Array.prototype.map.call(heads, function (th) {
      return th.textContent.trim();
    });
    table.querySelectorAll("tbody tr").forEach(function (row) {
      Array.prototype.forEach.call(row.children, function (cell, i) {
        if (labels[i] && !cell.hasAttribute("data-label")) {
          cell.setAttribute("data-label", labels[i]);
        }
      });
    });
    table.classList.add("stacked");
  });
  // A region that does not scroll (stacked, or wide enough) needs no stop of its own for Tab.
  function tabStops() {
    document.querySelectorAll(".table-responsive[role=region]").forEach(function (region) {
      if (region.scrollWidth > region.clientWidth) {
        region.setAttribute("tabindex", "0");
      } else {
        region.removeAttribute("tabindex");
      }
    });
  }
  tabStops();
  window.addEventListener("resize", tabStops);

  var wide = window.matchMedia("(min-width: 992px)");
  if (wide.matches) {
    document.querySelectorAll("details.fold[data-open-wide]").forEach(function (d) {
      d.open = true;
    });
  }
  // A link to a folded section (the section menu, #anchors) opens it.
  function openTarget() {
    var target = location.hash && document.getElementById(location.hash.slice(1));
    var fold = target && target.closest("details.fold");
    if (fold) {
      fold.open = true;
    }
  }
  window.addEventListener("hashchange", openTarget);
  openTarget();
})();
