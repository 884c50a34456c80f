// Progressive enhancement only: every page works without this file.
// Ticking a facet or choosing a sort order applies it at once; after the reload the
// focus goes back to the control the user was on.
"use strict";
document.documentElement.classList.add("js");

const FOCUS_KEY = "esf-sok:focus";

function rememberFocus(box) {
  try {
    sessionStorage.setItem(FOCUS_KEY, JSON.stringify({ name: box.name, value: box.value }));
  } catch (err) { /* storage may be off: focus then starts at the top */ }
}

function restoreFocus() {
  let wanted = null;
  try {
    wanted = JSON.parse(sessionStorage.getItem(FOCUS_KEY) || "null");
    sessionStorage.removeItem(FOCUS_KEY);
  } catch (err) { return; }
  if (!wanted) return;
  const box = [...document.querySelectorAll(".facets input[type=checkbox]")]
    .find((el) => el.name === wanted.name && el.value === wanted.value);
  const target = box || document.getElementById("resultatrubrik");
  if (!target) return;
  for (let el = target.parentElement; el; el = el.parentElement) {
    if (el.tagName === "DETAILS") el.open = true;
  }
  target.focus();
}

document.addEventListener("change", (event) => {
  const target = event.target;
  if (target.matches(".facets input[type=checkbox][data-url]")) {
    rememberFocus(target);
    window.location.assign(target.dataset.url);
  } else if (target.matches(".sortform select")) {
    // Arrow keys change a closed <select> one step at a time: wait for Enter (or the
    // button) instead of reloading the page on every step.
    if (Date.now() - (target.lastStepKey || 0) < 400) {
      target.form.classList.add("pending");
    } else {
      target.form.requestSubmit();
    }
  }
});

const STEP_KEYS = new Set(["ArrowUp", "ArrowDown", "ArrowLeft", "ArrowRight", "Home", "End",
  "PageUp", "PageDown"]);
document.addEventListener("keydown", (event) => {
  const target = event.target;
  if (!target.matches || !target.matches(".sortform select")) return;
  if (STEP_KEYS.has(event.key) || event.key.length === 1) {
    target.lastStepKey = Date.now();
  } else if (event.key === "Enter" && target.form.classList.contains("pending")) {
    event.preventDefault();
    target.form.requestSubmit();
  }
});

// Empty range boxes stay out of the address.
document.addEventListener("submit", (event) => {
  for (const input of event.target.querySelectorAll(".range input")) {
    if (!input.value.trim()) input.disabled = true;
  }
});

// Typing in a long facet (kommun, projektägare) shows only the values that match,
// ignoring case, hyphens and å/ä/ö; a county name shows all its municipalities.
function fold(text) {
  return text.toLowerCase().normalize("NFD").replace(/[\u0300-\u036f]/g, "")
    .replace(/[-\u2010-\u2015]/g, " ").replace(/\s+/g, " ").trim();
}

function filterFacet(input) {
  const fieldset = input.closest("fieldset");
  const wanted = fold(input.value);
  let shown = 0;
  const groups = fieldset.querySelectorAll("details");
  for (const group of groups) {
    if (wanted && group.dataset.wasOpen === undefined) group.dataset.wasOpen = group.open;
  }
  for (const item of fieldset.querySelectorAll("li")) {
    const label = item.querySelector(".label");
    const county = item.closest("details.county");
    const countyName = county ? fold(county.querySelector(".county-name").textContent) : "";
    const match = !wanted || fold(label.textContent).includes(wanted)
      || (countyName && countyName.startsWith(wanted));
    item.hidden = !match;
    if (match) shown += 1;
  }
  for (const group of groups) {
    if (wanted) {
      const visible = group.querySelector("li:not([hidden])");
      group.hidden = !visible && group.classList.contains("county");
      group.open = Boolean(visible);
    } else {
      group.hidden = false;
      if (group.dataset.wasOpen !== undefined) {
        group.open = group.dataset.wasOpen === "true";
        delete group.dataset.wasOpen;
      }
    }
  }
  fieldset.querySelector(".facet-nomatch").hidden = shown > 0;
}

document.addEventListener("input", (event) => {
  if (event.target.matches(".facet-filter")) filterFacet(event.target);
});
document.addEventListener("keydown", (event) => {
  // Enter in the filter box must not submit the whole filter form.
  if (event.key === "Enter" && event.target.matches && event.target.matches(".facet-filter")) {
    event.preventDefault();
  }
});

// "Kopiera länk": the address of this search, absolute, on the clipboard.
document.addEventListener("click", async (event) => {
  const button = event.target.closest && event.target.closest(".copy-link");
  if (!button) return;
  const status = button.parentElement.querySelector(".copy-status");
  const url = new URL(button.dataset.url, window.location.href).href;
  try {
    await navigator.clipboard.writeText(url);
    status.textContent = "Länken är kopierad.";
  } catch (err) {
    status.textContent = "Kunde inte kopiera – kopiera adressen i adressfältet.";
  }
});

function enhance() {
  for (const el of document.querySelectorAll(".facet-filter, .copy-link")) el.hidden = false;
  restoreFocus();
}
if (document.readyState === "loading") {
  document.addEventListener("DOMContentLoaded", enhance);
} else {
  enhance();
}

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
  for (const input of document.querySelectorAll(".range input, #q")) {
    input.value = input.defaultValue;
    input.disabled = false;
  }
  for (const input of document.querySelectorAll(".facet-filter")) {
    if (input.value) {
      input.value = "";
      filterFacet(input);
    }
  }
  const form = document.querySelector(".sortform");
  if (form) form.classList.remove("pending");
});
