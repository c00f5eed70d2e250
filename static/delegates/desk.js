/* Check-in desk: post scans and picks with fetch() and show the answer in place.
 *
 * Without this script the forms post normally and the server renders the answer.
 * The optional camera reads QR codes with the browser's BarcodeDetector, or with
 * the vendored jsQR decoder (static/vendor/jsqr/) where there is none.
 */
(function () {
  "use strict";

  var resultBox = document.getElementById("desk-result");
  var template = document.getElementById("desk-result-template");
  var scanForm = document.getElementById("check-in-form");
  if (!resultBox || !template || !scanForm) {
    return;
  }
  var codeInput = scanForm.querySelector("[name=code]");
  var daySelect = scanForm.querySelector("[name=day]");
  var doorSelect = scanForm.querySelector("[name=side_event]");
  var busy = false;

  function field(node, name) {
    return node.querySelector("[data-field=" + name + "]");
  }

  function show(data) {
    var node = template.content.firstElementChild.cloneNode(true);
    node.classList.add("alert-" + (data.level || "danger"));
    node.dataset.outcome = data.outcome || "error";
    var message = data.message;
    if (!message && data.errors) {
      message = Object.values(data.errors).flat().join(" ");
    }
    field(node, "message").textContent = message || "";
    var person = data.registration;
    if (person) {
      field(node, "name").textContent = person.name;
      field(node, "affiliation").textContent = person.affiliation;
      field(node, "details").textContent =
        person.category + " · " + person.status_label +
        (data.checked_in_at ? " · " + data.checked_in_at : "");
      if (person.photo_url) {
        var photo = field(node, "photo");
        photo.src = person.photo_url;
        photo.alt = person.name;
        photo.hidden = false;
      }
    }
    resultBox.replaceChildren(node);
    replaceWith("desk-recent", data.recent_html);
    replaceWith("desk-attendance", data.attendance_html);
  }

  /* The latest check-ins and the counts, rendered by the server as the page is. */
  function replaceWith(id, html) {
    var box = document.getElementById(id);
    if (!box || typeof html !== "string") {
      return;
    }
    var parsed = new DOMParser().parseFromString(html, "text/html");
    box.replaceChildren.apply(box, Array.from(parsed.body.childNodes));
  }

  function submit(form) {
    if (busy) {
      return;
    }
    busy = true;
    var body = new FormData(form);
    if (form !== scanForm) {
      /* A pick from the name search checks in where the desk is now. */
      body.set("day", daySelect.value);
      body.set("side_event", doorSelect ? doorSelect.value : "");
    }
    fetch(form.action, {
      method: "POST",
      body: body,
      credentials: "same-origin",
      headers: {
        "Accept": "application/json",
        "X-CSRFToken": body.get("csrfmiddlewaretoken")
      }
    })
      .then(function (response) {
        return response.json();
      })
      .then(show)
      .catch(function () {
        show({level: "danger", message: resultBox.dataset.networkError ||
          "No answer from the server: check the connection and scan again."});
      })
      .finally(function () {
        busy = false;
        codeInput.value = "";
        codeInput.focus();
      });
  }

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (form.classList && form.classList.contains("js-check-in")) {
      event.preventDefault();
      submit(form);
    }
  });

  /* Camera: only offered where the browser can open one. */
  var toggle = document.getElementById("camera-toggle");
  var video = document.getElementById("camera-video");
  var status = document.getElementById("camera-status");
  if (!toggle || !navigator.mediaDevices || !navigator.mediaDevices.getUserMedia) {
    return;
  }
  toggle.hidden = false;
  var startLabel = toggle.textContent;
  var stream = null;
  var detector = null;
  var canvas = document.createElement("canvas");
  var lastCode = "";
  var lastAt = 0;

  function loadDecoder() {
    if ("BarcodeDetector" in window) {
      detector = new window.BarcodeDetector({formats: ["qr_code"]});
      return Promise.resolve();
    }
    if (window.jsQR) {
      return Promise.resolve();
    }
    return new Promise(function (resolve, reject) {
      var script = document.createElement("script");
      script.src = toggle.dataset.decoderSrc;
      script.onload = resolve;
      script.onerror = reject;
      document.head.appendChild(script);
    });
  }

  function decode() {
    if (detector) {
      return detector.detect(video).then(function (codes) {
        return codes.length ? codes[0].rawValue : null;
      });
    }
    canvas.width = video.videoWidth;
    canvas.height = video.videoHeight;
    var context = canvas.getContext("2d", {willReadFrequently: true});
    context.drawImage(video, 0, 0, canvas.width, canvas.height);
    var image = context.getImageData(0, 0, canvas.width, canvas.height);
    var found = window.jsQR(image.data, image.width, image.height);
    return Promise.resolve(found ? found.data : null);
  }

  function tick() {
    if (!stream) {
      return;
    }
    var ready = video.readyState >= 2 && video.videoWidth > 0;
    (ready ? decode() : Promise.resolve(null)).then(function (code) {
      var now = Date.now();
      /* The same badge held in front of the camera is sent once, not every frame. */
      if (code && !(code === lastCode && now - lastAt < 5000)) {
        lastCode = code;
        lastAt = now;
        codeInput.value = code;
        submit(scanForm);
      }
      window.setTimeout(tick, 250);
    }).catch(function () {
      window.setTimeout(tick, 500);
    });
  }

  function stop() {
    if (stream) {
      stream.getTracks().forEach(function (track) { track.stop(); });
    }
    stream = null;
    video.hidden = true;
    toggle.textContent = startLabel;
  }

  toggle.addEventListener("click", function () {
    if (stream) {
      stop();
      return;
    }
    loadDecoder()
      .then(function () {
        return navigator.mediaDevices.getUserMedia({
          video: {facingMode: "environment"}, audio: false
        });
      })
      .then(function (mediaStream) {
        stream = mediaStream;
        video.srcObject = stream;
        video.hidden = false;
        toggle.textContent = toggle.dataset.labelStop;
        status.textContent = "";
        return video.play();
      })
      .then(tick)
      .catch(function (error) {
        stop();
        status.textContent = error && error.message ? error.message : String(error);
      });
  });
}());
