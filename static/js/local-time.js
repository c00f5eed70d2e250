// Switch the agenda's times between the meeting's time zone and the viewer's own.
// The server always renders meeting time; this only rewrites the text of
// <time data-local-time> elements, and only after the viewer asks for it.
(function () {
  "use strict";
  var button = document.querySelector("[data-tz-toggle]");
  if (!button || !window.Intl) {
    return;
  }
  var viewerZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  var meetingZone = button.getAttribute("data-meeting-zone");
  if (!viewerZone || viewerZone === meetingZone) {
    return;
  }
  var note = document.querySelector("[data-tz-note]");
  var times = document.querySelectorAll("time[data-local-time]");
  var storageKey = "agenda-time-zone";
  var showViewer = false;

  function dayIn(date, zone) {
    return new Intl.DateTimeFormat("en-CA", {
      timeZone: zone, year: "numeric", month: "2-digit", day: "2-digit"
    }).format(date);
  }

  function inViewerZone(element) {
    var date = new Date(element.getAttribute("datetime"));
    var options = { timeZone: viewerZone, hour: "2-digit", minute: "2-digit", hourCycle: "h23" };
    if (dayIn(date, viewerZone) !== dayIn(date, meetingZone)) {
      options.weekday = "short";
    }
    return new Intl.DateTimeFormat(undefined, options).format(date);
  }

  function render() {
    times.forEach(function (element) {
      if (!element.hasAttribute("data-meeting-text")) {
        element.setAttribute("data-meeting-text", element.textContent);
      }
      element.textContent = showViewer
        ? inViewerZone(element)
        : element.getAttribute("data-meeting-text");
    });
    if (note) {
      note.textContent = showViewer
        ? button.getAttribute("data-viewer-note").replace("{zone}", viewerZone)
        : button.getAttribute("data-meeting-note");
    }
    button.textContent = showViewer
      ? button.getAttribute("data-label-meeting")
      : button.getAttribute("data-label-viewer").replace("{zone}", viewerZone);
    button.setAttribute("aria-pressed", showViewer ? "true" : "false");
  }

  button.addEventListener("click", function () {
    showViewer = !showViewer;
    try {
      window.localStorage.setItem(storageKey, showViewer ? "viewer" : "meeting");
    } catch (error) {
      // Private browsing may refuse storage; the switch still works on this page.
    }
    render();
  });

  try {
    showViewer = window.localStorage.getItem(storageKey) === "viewer";
  } catch (error) {
    showViewer = false;
  }
  button.hidden = false;
  render();
})();
