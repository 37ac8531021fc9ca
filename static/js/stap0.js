// stap0: small enhancements for every page; each page works without this file.
// 1. Tables in a scroll region become stacked cards on a phone, or where they do not fit:
//    each cell gets its column's header as data-label (shown before the value), nothing is cut off.
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
  // Stack a table on a phone, or wherever it would not fit its region; a region that then
  // does not scroll needs no stop of its own for Tab.
  var phone = window.matchMedia("(max-width: 767.98px)");
  function fit() {
    document.querySelectorAll(".table-responsive > table.stacked").forEach(function (table) {
      var region = table.parentElement;
      table.classList.remove("stack-now");
      if (phone.matches || region.scrollWidth > region.clientWidth + 1) {
        table.classList.add("stack-now");
      }
      if (region.getAttribute("role") === "region") {
        if (region.scrollWidth > region.clientWidth + 1) {
          region.setAttribute("tabindex", "0");
        } else {
          region.removeAttribute("tabindex");
        }
      }
    });
  }
  window.addEventListener("resize", fit);

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
  // Measure tables once the folds are as they will be, and again when one opens.
  fit();
  document.querySelectorAll("details").forEach(function (d) {
    d.addEventListener("toggle", fit);
  });
})();
