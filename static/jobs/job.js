// The job page follows its job without a reload: it asks for the job's progress
// every second, updates the count and the bar, and once the job is over reloads
// the page, which then offers the file or shows the error. Without JavaScript
// the page's "Refresh" link does the same by hand.
(function () {
  "use strict";
  var page = document.querySelector("[data-job-progress-url]");
  if (!page || !page.dataset.jobProgressUrl) {
    return;
  }
  var url = page.dataset.jobProgressUrl;
  var status = page.querySelector("[data-job-status]");
  var count = page.querySelector("[data-job-count]");
  var bar = page.querySelector("[data-job-bar]");

  function show(job) {
    status.textContent = job.status_label;
    count.textContent = job.progress_label;
    bar.value = job.done;
    bar.max = job.total;
  }

  function poll() {
    fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then(function (response) {
        if (!response.ok) {
          throw new Error(response.status);
        }
        return response.json();
      })
      .then(function (job) {
        show(job);
        if (job.finished) {
          window.location.reload();
        } else {
          window.setTimeout(poll, 1000);
        }
      })
      .catch(function () {
        window.setTimeout(poll, 5000);
      });
  }

  window.setTimeout(poll, 1000);
})();
