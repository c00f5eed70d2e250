// The chair's view: counts the speaker's time down from what the server says is left
// (so the screen's own clock does not matter); past zero it counts the overtime.
(function () {
  "use strict";
  const timer = document.querySelector(".chair-timer[data-remaining]");
  if (!timer) {
    return;
  }
  const value = timer.querySelector(".chair-timer-value");
  const loadedAt = Date.now();
  const remainingAtLoad = Number(timer.dataset.remaining);

  function clock(seconds) {
    const minutes = Math.floor(seconds / 60);
    const rest = String(seconds % 60).padStart(2, "0");
    return minutes + ":" + rest;
  }

  function tick() {
    const left = remainingAtLoad - Math.floor((Date.now() - loadedAt) / 1000);
    if (left >= 0) {
      value.textContent = clock(left);
      timer.classList.remove("chair-overtime");
    } else {
      value.textContent = timer.dataset.overtimeLabel + " +" + clock(-left);
      timer.classList.add("chair-overtime");
    }
  }

  tick();
  window.setInterval(tick, 1000);
}());
