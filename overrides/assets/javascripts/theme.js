// The theme's page scripts. Material's instant navigation swaps pages without reloading, so
// everything (re)initialises on each page view through document$.

// On paper a link cannot be clicked, so print shows where it goes (theme.css, @media print).
// Pages on this site show as "site/page/", other sites in full; e-mail and phone links and
// links within the same page already say enough. Global: the leaflets (leaflets/) call it on
// the pages they join into the consultation pack.
function hcMarkPrintAddresses(root) {
  root.querySelectorAll(".md-content article a[href]").forEach(function (link) {
    var url = new URL(link.href, location.href);
    var samePage = url.origin === location.origin && url.pathname === location.pathname;
    if (!/^https?:$/.test(url.protocol) || samePage || link.classList.contains("headerlink")) {
      return;
    }
    var shown = url.origin === location.origin ? url.host + url.pathname + url.hash : url.href;
    if (link.textContent.trim() !== shown) {
      link.setAttribute("data-print-href", shown);
    }
  });
}

// Tables stack into one block per row when the column is narrow (large text on a phone;
// theme.css, "Tables"): each cell then shows its column's heading before it, read from the
// table's own header row into data-label. Nothing is sent or stored. The roles keep the
// cells announced as a table when the stacked layout changes how they are displayed.
function hcLabelTables(root) {
  root.querySelectorAll(".md-content article table").forEach(function (table) {
    var heads = [].map.call(table.querySelectorAll("thead th"), function (th) {
      return th.textContent.trim();
    });
    if (!heads.length || table.hasAttribute("data-hc-labelled")) {
      return;
    }
    table.setAttribute("role", "table");
    table.querySelectorAll("tr").forEach(function (row) {
      row.setAttribute("role", "row");
      [].forEach.call(row.children, function (cell, i) {
        var head = cell.tagName === "TH";
        cell.setAttribute("role", head ? "columnheader" : "cell");
        if (!head && heads[i]) {
          cell.setAttribute("data-label", heads[i]);
        }
      });
    });
    table.querySelectorAll("thead, tbody").forEach(function (group) {
      group.setAttribute("role", "rowgroup");
    });
    table.setAttribute("data-hc-labelled", "");
  });
}

document$.subscribe(function () {
  // The 404 page's "Search this site" button opens Material's search with the cursor in it.
  document.querySelectorAll("[data-hc-open-search]").forEach(function (button) {
    button.addEventListener("click", function () {
      var toggle = document.getElementById("__search");
      if (toggle && !toggle.checked) {
        toggle.click();
      }
      var input = document.querySelector(".md-search__input");
      if (input) {
        input.focus();
      }
    });
  });

  // Where no PDF leaflet was made (preview, ./run build), "Print this page" prints it.
  document.querySelectorAll("[data-hc-print]").forEach(function (button) {
    button.addEventListener("click", function () {
      window.print();
    });
  });

  hcMarkPrintAddresses(document);
  hcLabelTables(document);
});
