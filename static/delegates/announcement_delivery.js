// The announcement page follows the delivery without a reload: while emails wait,
// it asks for the counts every two seconds (consultation/follow.js) and updates
// the line; once none waits it reloads the page, which then lists each
// recipient's final status. Without JavaScript the line's "Refresh" link does the
// same by hand. The admin loads it in the page's head: it starts once the page is
// read.
document.addEventListener("DOMContentLoaded", function () {
  "use strict";
  var line = document.querySelector("[data-announcement-delivery]");
  if (!line) {
    return;
  }
  window.consultationFollow(line.dataset.announcementDelivery, function (delivery) {
    line.textContent = delivery.summary;
  }, 2000);
});
