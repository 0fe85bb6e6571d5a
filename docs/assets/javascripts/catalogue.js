/* Accord: sort the catalogue tables (home page) by a column when its heading is
   selected; a second selection reverses the order. A date is read from its
   <time datetime> (ISO, YYYY-MM-DD: text order is date order), not from the words
   shown. Works with the keyboard: headings are buttons. */
(function () {
  "use strict";

  function cellText(row, index) {
    var cell = row.cells[index];
    if (!cell) return "";
    var time = cell.querySelector("time[datetime]");
    return time ? time.getAttribute("datetime") : cell.textContent.trim();
  }

  function sortTable(table, index, descending) {
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    rows.sort(function (a, b) {
      var order = cellText(a, index).localeCompare(cellText(b, index), undefined, { numeric: true });
      return descending ? -order : order;
    });
    rows.forEach(function (row) { body.appendChild(row); });
  }

  function enhance(table) {
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th, index) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "catalogue__sort";
      button.textContent = th.textContent;
      th.textContent = "";
      th.appendChild(button);
      th.setAttribute("aria-sort", "none");
      button.addEventListener("click", function () {
        var descending = th.getAttribute("aria-sort") === "ascending";
        Array.prototype.forEach.call(table.tHead.rows[0].cells, function (other) {
          other.setAttribute("aria-sort", "none");
        });
        th.setAttribute("aria-sort", descending ? "descending" : "ascending");
        sortTable(table, index, descending);
      });
    });
  }

  document.querySelectorAll(".catalogue table").forEach(enhance);
})();
