// Show the passport fields only to delegates who ask for a visa support letter.
// The server validates either way; without this script every field stays visible.
(function () {
  "use strict";
  var checkbox = document.getElementById("id_needs_visa_letter");
  var fields = document.getElementById("passport-fields");
  if (!checkbox || !fields) {
    return;
  }
  function update() {
    fields.hidden = !checkbox.checked;
  }
  checkbox.addEventListener("change", update);
  update();
})();
