// Sortable tables (click a heading) and row filters (selects with data-filter), no libraries.
"use strict";
(function () {
  function cellKey(row, column, numeric) {
    var cell = row.cells[column];
    if (!cell) return numeric ? -Infinity : "";
    var raw = cell.hasAttribute("data-sort") ? cell.getAttribute("data-sort") : cell.textContent.trim();
    if (!numeric) return raw;
    var n = parseFloat(raw);
    return isNaN(n) ? -Infinity : n;
  }
  function sortBy(table, heading) {
    var column = heading.cellIndex;
    var numeric = heading.getAttribute("data-type") === "number";
    var ascending = heading.getAttribute("aria-sort") !== "ascending";
    Array.prototype.forEach.call(heading.parentNode.cells, function (h) { h.removeAttribute("aria-sort"); });
    heading.setAttribute("aria-sort", ascending ? "ascending" : "descending");
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    rows.forEach(function (row, i) { row._order = i; });
    rows.sort(function (a, b) {
      var x = cellKey(a, column, numeric), y = cellKey(b, column, numeric);
      var c = numeric ? x - y : String(x).localeCompare(String(y), "zh");
      return (ascending ? c : -c) || a._order - b._order;
    });
    rows.forEach(function (row) { body.appendChild(row); });
  }
  function applyFilters(box) {
    var table = document.getElementById(box.getAttribute("data-table"));
    if (!table) return;
    var wanted = {};
    box.querySelectorAll("select[data-filter]").forEach(function (s) {
      if (s.value) wanted[s.getAttribute("data-filter")] = s.value;
    });
    var shown = 0, rows = table.tBodies[0].rows;
    Array.prototype.forEach.call(rows, function (row) {
      var ok = Object.keys(wanted).every(function (k) { return row.getAttribute("data-" + k) === wanted[k]; });
      row.hidden = !ok;
      if (ok) shown += 1;
    });
    var label = box.querySelector(".shown");
    if (label) label.textContent = shown + " of " + rows.length + " shown";
  }
  window.reviewTables = { applyFilters: applyFilters };
  document.querySelectorAll("table.sortable").forEach(function (table) {
    table.querySelectorAll("thead th").forEach(function (heading) {
      if (heading.classList.contains("js-only")) return;
      heading.title = "sort";
      heading.addEventListener("click", function () { sortBy(table, heading); });
    });
  });
  document.querySelectorAll("[data-table]").forEach(function (box) {
    box.addEventListener("change", function () { applyFilters(box); });
    applyFilters(box);
  });
})();
