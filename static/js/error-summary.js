// A form the server sent back with errors opens at its error summary: the focus
// goes there, so the page does not start at the top with the errors screens below.
(function () {
  "use strict";
  var summary = document.querySelector("[data-error-summary]");
  if (summary) {
    summary.focus();
  }
})();
