// Show each registration question only when it applies: to the participant
// category chosen, and when the question it depends on has the answer it names.
// The server decides the same on submit; without this script every question
// stays visible, each saying when it applies. On the delegation pages each
// member row's fields carry the row's prefix, and so do its conditions; the
// category is the one chosen for the delegation.
(function () {
  "use strict";
  var boxes = Array.prototype.slice.call(
    document.querySelectorAll(".registration-question")
  );
  if (!boxes.length) {
    return;
  }
  var form = boxes[0].closest("form");
  var category = document.getElementById("id_category");

  function boxOf(name) {
    var field = form.querySelector('[name="' + name + '"]');
    return field ? field.closest(".registration-question") : null;
  }

  function chosen(name) {
    var values = [];
    form.querySelectorAll('[name="' + name + '"]').forEach(function (input) {
      if (input.type === "radio" || input.type === "checkbox") {
        if (input.checked) {
          values.push(input.value);
        }
      } else if (input.value) {
        values.push(input.value);
      }
    });
    return values;
  }

  function isShown(box, seen) {
    var categories = box.dataset.categories;
    if (categories && category) {
      if (categories.split(" ").indexOf(category.value) === -1) {
        return false;
      }
    }
    var trigger = box.dataset.shownIf;
    if (!trigger) {
      return true;
    }
    var triggerBox = boxOf(trigger);
    if (!triggerBox || seen.indexOf(triggerBox) !== -1) {
      return false;
    }
    if (!isShown(triggerBox, seen.concat([box]))) {
      return false;
    }
    var wanted = box.dataset.shownIfValues.split(" ");
    return chosen(trigger).some(function (value) {
      return wanted.indexOf(value) !== -1;
    });
  }

  function update() {
    // Decide every box before changing any, then hide and disable together.
    var decisions = boxes.map(function (box) {
      return isShown(box, []);
    });
    boxes.forEach(function (box, index) {
      box.hidden = !decisions[index];
      box.querySelectorAll("input, select, textarea").forEach(function (input) {
        input.disabled = !decisions[index];
      });
    });
  }

  form.addEventListener("change", update);
  update();
})();
