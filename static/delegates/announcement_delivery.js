// The announcement page follows the delivery without a reload: while emails wait,
// it asks for the counts every two seconds and updates the line; once none waits
// it reloads the page, which then lists each recipient's final status. Without
// JavaScript the line's "Refresh" link does the same by hand.
// The admin loads it in the page's head: it starts once the page is read.
document.addEventListener("DOMContentLoaded", function () {
  "use strict";
  var line = document.querySelector("[data-announcement-delivery]");
  if (!line) {
    return;
  }
  var url = line.dataset.announcementDelivery;

  function poll() {
    fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then(function (response) {
        if (!response.ok) {
          throw new Error(response.status);
        }
        return response.json();
      })
      .then(function (delivery) {
        line.textContent = delivery.summary;
        if (delivery.finished) {
          window.location.reload();
        } else {
          window.setTimeout(poll, 2000);
        }
      })
      .catch(function () {
        window.setTimeout(poll, 10000);
      });
  }

  window.setTimeout(poll, 2000);
});
