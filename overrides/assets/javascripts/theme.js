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

// Search: Material says "documents" and ends a failed search with a bare "No matching
// documents". Patients read "pages", and a search that finds nothing offers the questions and
// answers and the clinic's phone (from the footer), so it is never a dead end. Material writes
// its sentence into the line each time; this rewrites only Material's own wording ("match" stays
// in each sentence). The search box lives across instant navigation: watched once.
function hcWatchSearch() {
  var meta = document.querySelector(".md-search-result__meta");
  if (!meta || meta.hasAttribute("data-hc-watched")) {
    return;
  }
  meta.setAttribute("data-hc-watched", "");
  function reword() {
    var text = meta.textContent.trim();
    var found = /^(\d+) matching documents?$/.exec(text);
    if (found) {
      meta.textContent = found[1] === "1" ? "1 matching page" : found[1] + " matching pages";
    } else if (text === "No matching documents") {
      // No dead end. The two links are copies of links the page already has (the menu's and
      // the footer's): site scripts never build an address (sitecheck/rules/project/scripts.py).
      var faq = document.querySelector('.md-nav a.md-nav__link[href$="faq/"]');
      var phone = document.querySelector('.md-footer a[href^="tel:"]');
      meta.textContent = "No matching pages. Try other words" + (faq ? ", or read the " : "");
      if (faq) {
        var faqLink = faq.cloneNode(false);
        faqLink.removeAttribute("class");
        faqLink.textContent = "questions and answers";
        meta.appendChild(faqLink);
      }
      if (phone) {
        meta.appendChild(document.createTextNode(", or call us on "));
        var call = phone.cloneNode(false);
        call.removeAttribute("class");
        call.textContent = phone.textContent.trim();
        meta.appendChild(call);
      }
      meta.appendChild(document.createTextNode("."));
    }
  }
  new MutationObserver(reword).observe(meta, { childList: true, characterData: true, subtree: true });
}

document$.subscribe(function () {
  hcWatchSearch();

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
