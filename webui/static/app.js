// Progressive enhancement only: the page works without this file.
// Ticking a facet or choosing a sort order applies it at once.
document.documentElement.classList.add("js");
document.addEventListener("change", (event) => {
  const target = event.target;
  if (target.matches(".facets input[type=checkbox][data-url]")) {
    window.location.assign(target.dataset.url);
  } else if (target.matches(".sortform select")) {
    target.form.requestSubmit();
  }
});
// Back/forward restores form controls as the user left them (a box ticked just
// before navigating away, a half-typed query), not as this page's results were
// made: reset them to the state the server rendered.
window.addEventListener("pageshow", () => {
  for (const box of document.querySelectorAll(".facets input[type=checkbox]")) {
    box.checked = box.defaultChecked;
  }
  for (const option of document.querySelectorAll(".sortform option")) {
    option.selected = option.defaultSelected;
  }
  const query = document.getElementById("q");
  if (query) query.value = query.defaultValue;
});
