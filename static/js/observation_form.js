// The observation form: show the chosen category's explanation beside the form, open the
// acute guidance at once when "acuut" is ticked, and narrow the child select to the family.
// Everything works without this file too (the guidance is a <details>, the catalogue a link).
(function () {
  "use strict";
  var form = document.querySelector("[data-observation-form]");
  if (!form) {
    return;
  }

  function readJson(id) {
    var el = document.getElementById(id);
    if (!el) {
      return null;
    }
    try {
      return JSON.parse(el.textContent);
    } catch (e) {
      return null;
    }
  }

  // Category help
  var help = readJson("category-help") || {};
  var select = form.querySelector("[data-category-select]");
  var box = document.getElementById("category-help-box");
  var inline = form.querySelector("[data-help-inline]");
  function showInline(item) {
    // On a phone the aside is far below the select: a short copy right under it.
    if (!inline) {
      return;
    }
    inline.textContent = item ? item.explanation + (item.ask ? " \u2014 " + item.ask : "") : "";
    inline.hidden = !item;
  }
  function showHelp() {
    if (!select || !box) {
      return;
    }
    var item = help[select.value];
    showInline(item);
    var empty = box.querySelector("[data-help-empty]");
    var filled = box.querySelector("[data-help-filled]");
    if (!item) {
      empty.hidden = false;
      filled.hidden = true;
      return;
    }
    box.querySelector("[data-help-name]").textContent = item.name;
    box.querySelector("[data-help-kind]").textContent = item.kind;
    box.querySelector("[data-help-explanation]").textContent = item.explanation;
    box.querySelector("[data-help-ask]").textContent = item.ask;
    empty.hidden = true;
    filled.hidden = false;
  }
  if (select) {
    select.addEventListener("change", showHelp);
    showHelp();
  }

  // A protective factor has a strength ("een beetje", "duidelijk", "sterk"), not a severity,
  // and is never acute: the labels follow the category and the acute box goes away.
  var words = readJson("severity-words");
  var acuteBox = form.querySelector("[data-acute-box]");
  function followKind() {
    if (!select || !words) {
      return;
    }
    var protective = words.protective.indexOf(select.value) !== -1;
    var set = protective ? words.strength : words.risk;
    var radio = form.querySelector("input[name=severity]");
    var legend = radio && radio.closest("fieldset").querySelector("legend");
    if (legend && legend.firstChild) {
      legend.firstChild.nodeValue = set.label;
    }
    form.querySelectorAll("input[name=severity]").forEach(function (input) {
      var label = form.querySelector("label[for='" + input.id + "']");
      if (label && set.choices[input.value]) {
        label.textContent = input.value + " \u00b7 " + set.choices[input.value];
      }
    });
    if (acuteBox) {
      acuteBox.hidden = protective;
      var tick = acuteBox.querySelector("[data-acute-toggle]");
      if (protective && tick && tick.checked) {
        tick.checked = false;
        tick.dispatchEvent(new Event("change"));
      }
    }
  }
  if (select) {
    select.addEventListener("change", followKind);
    followKind();
  }

  // Acute guidance
  var acute = form.querySelector("[data-acute-toggle]");
  var guidance = document.getElementById("acute-guidance");
  var now = form.querySelector("[data-acute-now]");
  function showGuidance() {
    if (!acute) {
      return;
    }
    if (now) {
      // Right under the checkbox, also on a phone where the aside is far below.
      now.hidden = !acute.checked;
      if (acute.checked) {
        now.setAttribute("role", "alert");
      } else {
        now.removeAttribute("role");
      }
    }
    if (guidance) {
      guidance.classList.toggle("acute-guidance-active", acute.checked);
      if (acute.checked) {
        guidance.open = true;
      }
    }
  }
  if (acute) {
    acute.addEventListener("change", showGuidance);
    if (acute.checked) {
      showGuidance();
    }
  }

  // Children of the chosen family (global form only)
  var children = readJson("family-children");
  var familySelect = form.querySelector("select[name=family]");
  var childSelect = form.querySelector("select[name=child]");
  if (children && familySelect && childSelect) {
    var emptyOption = childSelect.querySelector("option[value='']");
    var emptyLabel = emptyOption ? emptyOption.textContent : "";
    var narrowChildren = function () {
      var chosen = childSelect.value;
      var list = children[familySelect.value] || [];
      while (childSelect.firstChild) {
        childSelect.removeChild(childSelect.firstChild);
      }
      var first = document.createElement("option");
      first.value = "";
      first.textContent = emptyLabel;
      childSelect.appendChild(first);
      list.forEach(function (pair) {
        var option = document.createElement("option");
        option.value = pair[0];
        option.textContent = pair[1];
        if (pair[0] === chosen || list.length === 1) {
          option.selected = true;
        }
        childSelect.appendChild(option);
      });
    };
    familySelect.addEventListener("change", narrowChildren);
    narrowChildren();
  }
})();
