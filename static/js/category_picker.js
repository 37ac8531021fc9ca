// Type-ahead for the category select (issue 19): a search box above the select that finds a
// category by any word of its name, synonyms, explanation or what to ask, accents and case
// ignored.
// The ARIA 1.2 combobox pattern: arrows move through the matches, Enter or a tap chooses,
// Escape closes. Choosing sets the select (which stays, and works alone without this file)
// and fires its change event, so the explanation and the severity words follow.
(function () {
  "use strict";
  var box = document.querySelector("[data-category-picker]");
  var select = box && box.querySelector("select");
  if (!select) {
    return;
  }
  var MAX = 8;

  function fold(text) {
    return (text || "").normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }
  var items = Array.prototype.map.call(select.querySelectorAll("option[value]"), function (o) {
    var group = o.parentElement.tagName === "OPTGROUP" ? o.parentElement.label : "";
    return {
      value: o.value,
      name: o.textContent,
      group: group,
      nameText: fold(o.textContent),
      text: fold(o.textContent + " " + (o.getAttribute("data-search") || "") + " " + group),
    };
  }).filter(function (item) { return item.value; });

  var wrap = document.createElement("div");
  wrap.className = "mb-2 position-relative";
  var label = document.createElement("label");
  label.className = "form-label";
  label.htmlFor = "category-search";
  label.textContent = box.getAttribute("data-label");
  var input = document.createElement("input");
  input.type = "text";
  input.id = "category-search";
  input.className = "form-control";
  input.autocomplete = "off";
  input.setAttribute("role", "combobox");
  input.setAttribute("aria-autocomplete", "list");
  input.setAttribute("aria-expanded", "false");
  input.setAttribute("aria-controls", "category-matches");
  input.setAttribute("aria-describedby", "category-search-hint");
  var hint = document.createElement("div");
  hint.className = "form-text";
  hint.id = "category-search-hint";
  hint.textContent = box.getAttribute("data-hint");
  var list = document.createElement("ul");
  list.id = "category-matches";
  list.className = "list-group category-matches";
  list.setAttribute("role", "listbox");
  list.setAttribute("aria-label", box.getAttribute("data-label"));
  list.hidden = true;
  var live = document.createElement("div");
  live.className = "visually-hidden";
  live.setAttribute("aria-live", "polite");
  wrap.appendChild(label);
  wrap.appendChild(input);
  wrap.appendChild(list);
  wrap.appendChild(hint);
  wrap.appendChild(live);
  box.insertBefore(wrap, box.firstChild);

  var matches = [];
  var active = -1;

  function close() {
    list.hidden = true;
    input.setAttribute("aria-expanded", "false");
    input.removeAttribute("aria-activedescendant");
    active = -1;
  }
  function mark() {
    Array.prototype.forEach.call(list.children, function (li, i) {
      li.classList.toggle("active", i === active);
      li.setAttribute("aria-selected", i === active ? "true" : "false");
    });
    if (active >= 0) {
      input.setAttribute("aria-activedescendant", list.children[active].id);
      list.children[active].scrollIntoView({ block: "nearest" });
    } else {
      input.removeAttribute("aria-activedescendant");
    }
  }
  function choose(item) {
    select.value = item.value;
    select.dispatchEvent(new Event("change", { bubbles: true }));
    input.value = item.name;
    close();
    live.textContent = item.name;
  }
  function search() {
    var words = fold(input.value).split(/\s+/).filter(Boolean);
    list.innerHTML = "";
    if (!words.length) {
      close();
      live.textContent = "";
      return;
    }
    var inName = [];
    var elsewhere = [];
    items.forEach(function (item) {
      var all = words.every(function (w) { return item.text.indexOf(w) !== -1; });
      if (!all) {
        return;
      }
      var named = words.every(function (w) { return item.nameText.indexOf(w) !== -1; });
      (named ? inName : elsewhere).push(item);
    });
    matches = inName.concat(elsewhere).slice(0, MAX);
    matches.forEach(function (item, i) {
      var li = document.createElement("li");
      li.id = "category-match-" + i;
      li.className = "list-group-item list-group-item-action";
      li.setAttribute("role", "option");
      li.textContent = item.name;
      if (item.group) {
        var small = document.createElement("span");
        small.className = "d-block small text-body-secondary";
        small.textContent = item.group;
        li.appendChild(small);
      }
      li.addEventListener("mousedown", function (event) { event.preventDefault(); });
      li.addEventListener("click", function () { choose(item); });
      list.appendChild(li);
    });
    active = matches.length ? 0 : -1;
    list.hidden = !matches.length;
    input.setAttribute("aria-expanded", matches.length ? "true" : "false");
    mark();
    live.textContent = matches.length
      ? box.getAttribute("data-found").replace("{n}", String(inName.length + elsewhere.length))
      : box.getAttribute("data-none");
  }
  input.addEventListener("input", search);
  input.addEventListener("keydown", function (event) {
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      if (list.hidden) {
        search();
      } else if (matches.length) {
        var step = event.key === "ArrowDown" ? 1 : -1;
        active = (active + step + matches.length) % matches.length;
        mark();
      }
      event.preventDefault();
    } else if (event.key === "Enter") {
      if (!list.hidden && active >= 0) {
        event.preventDefault(); // choosing, not sending the form
        choose(matches[active]);
      }
    } else if (event.key === "Escape") {
      close();
    }
  });
  input.addEventListener("blur", close);
  select.addEventListener("change", function () {
    var option = select.options[select.selectedIndex];
    if (option && option.value && input.value !== option.textContent) {
      input.value = "";
    }
  });
  // The form focuses the category first: on the search box now, the select right below it.
  // The browser may apply the select's autofocus before or after this script runs; focusing
  // the box first settles it (autofocus does nothing once something has the focus).
  if (document.activeElement === select || select.hasAttribute("autofocus")) {
    select.removeAttribute("autofocus");
    input.focus();
  }
})();
