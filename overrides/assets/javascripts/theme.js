// The 404 page's "Search this site" button opens Material's search and puts the cursor in it.
// Material's instant navigation swaps pages without reloading, so wire up on every page view.
document$.subscribe(function () {
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
});
