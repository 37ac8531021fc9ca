// The afwegingskader on the review form: "acute or structural unsafety: yes" stops the walk.
// Without JS the server checks the same rule and the page shows the same message.
(function () {
  "use strict";
  var form = document.querySelector("[data-review-form]");
  if (!form) return;
  var steps = form.querySelectorAll(".weighing-step");
  var message = form.querySelector("[data-stop-message]");

  function answer(name) {
    var checked = form.querySelector('input[name="' + name + '"]:checked');
    return checked ? checked.value : "";
  }

  function update() {
    var q1 = answer("q1_suspicion");
    var stopAfter = null;
    if (q1 === "no") stopAfter = 1;
    else if (answer("q2_unsafety") === "yes") stopAfter = 2;
    steps.forEach(function (step) {
      var n = parseInt(step.getAttribute("data-step"), 10);
      step.hidden = stopAfter !== null && n > stopAfter;
      if (step.hidden) {
        step.querySelectorAll('input[type="radio"]').forEach(function (radio) {
          radio.checked = radio.value === "";
        });
      }
    });
    if (message) message.classList.toggle("d-none", stopAfter !== 2);
    if (stopAfter === 2) {
      var decision = form.querySelector('select[name="decision"]');
      if (decision && !decision.value) decision.value = "report_vt";
    }
  }

  form.addEventListener("change", update);
  update();
})();
