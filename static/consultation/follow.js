// Follow work that goes on in a worker, from a page that shows how far it got:
// consultationFollow(url, show, every) asks `url` for its JSON every `every`
// milliseconds, hands it to show(), and reloads the page once the JSON says
// "finished" (the page then shows the outcome). A failed request is tried again
// after ten seconds. Used by the job page and the announcement page.
window.consultationFollow = function (url, show, every) {
  "use strict";

  function poll() {
    fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then(function (response) {
        if (!response.ok) {
          throw new Error(response.status);
        }
        return response.json();
      })
      .then(function (state) {
        show(state);
        if (state.finished) {
          window.location.reload();
        } else {
          window.setTimeout(poll, every);
        }
      })
      .catch(function () {
        window.setTimeout(poll, 10000);
      });
  }

  window.setTimeout(poll, every);
};
