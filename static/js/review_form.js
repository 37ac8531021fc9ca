// The review form: the afwegingskader stops the walk as the answers come in, and the fields
// of a report to Veilig Thuis show with that decision. Without script the server checks the
// same rules on submit and the page says the same (signals/reviews/services.py).
(function () {
  "use strict";
  var form = document.querySelector("[data-review-form]");
  if (!form) return;
  var steps = form.querySelectorAll(".weighing-step");
  var stopReport = form.querySelector("[data-stop-message]");
  var stopNone = form.querySelector("[data-stop-none]");
  var decision = form.querySelector("[data-decision]");
  var vtFields = form.querySelector("[data-vt-fields]");

  function answer(name) {
    var checked = form.querySelector('input[name="' + name + '"]:checked');
    return checked ? checked.value : "";
  }

  // The step where the walk stops: 1 (no suspicion), 2 (unsafety), 3-5 (a "no"), or null.
  function stopStep() {
    if (answer("q1_suspicion") === "no") return 1;
    if (answer("q2_unsafety") === "yes") return 2;
    var later = ["q3_can_help", "q4_accepted", "q5_effective"];
    for (var i = 0; i < later.length; i++) {
      if (answer(later[i]) === "no") return i + 3;
    }
    return null;
  }

  function updateWalk() {
    var stopAfter = stopStep();
    steps.forEach(function (step) {
      var n = parseInt(step.getAttribute("data-step"), 10);
      step.hidden = stopAfter !== null && n > stopAfter;
      if (step.hidden) {
        step.querySelectorAll('input[type="radio"]').forEach(function (radio) {
          radio.checked = radio.value === "";
        });
      }
    });
    if (stopNone) stopNone.classList.toggle("d-none", stopAfter !== 1);
    if (stopReport) {
      var reports = stopAfter !== null && stopAfter > 1;
      stopReport.classList.toggle("d-none", !reports);
      stopReport.querySelectorAll("[data-stop-for]").forEach(function (reason) {
        reason.hidden = parseInt(reason.getAttribute("data-stop-for"), 10) !== stopAfter;
      });
      // The only decision the walk allows here (the server refuses any other).
      if (reports && decision) decision.value = "report_vt";
    }
  }

  function updateVeiligThuis() {
    if (!decision || !vtFields) return;
    var reporting = decision.value === "report_vt";
    vtFields.hidden = !reporting;
    var date = vtFields.querySelector('input[type="date"]');
    if (reporting && date && !date.value) date.value = date.getAttribute("max") || "";
    if (!reporting) {
      // A date or reference belongs to a report only; the server refuses them otherwise.
      vtFields.querySelectorAll("input").forEach(function (input) {
        input.value = "";
      });
    }
  }

  function update() {
    updateWalk();
    updateVeiligThuis();
  }

  form.addEventListener("change", update);
  update();
})();
