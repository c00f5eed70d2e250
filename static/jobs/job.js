// The job page follows its job without a reload: it asks for the job's progress
// every second (consultation/follow.js), updates the count and the bar, and once
// the job is over reloads the page, which then offers the file or shows the
// error. Without JavaScript the page's "Refresh" link does the same by hand.
(function () {
  "use strict";
  var page = document.querySelector("[data-job-progress-url]");
  if (!page || !page.dataset.jobProgressUrl) {
    return;
  }
  var status = page.querySelector("[data-job-status]");
  var count = page.querySelector("[data-job-count]");
  var bar = page.querySelector("[data-job-bar]");

  window.consultationFollow(page.dataset.jobProgressUrl, function (job) {
    status.textContent = job.status_label;
    count.textContent = job.progress_label;
    bar.value = job.done;
    bar.max = job.total;
  }, 1000);
})();
