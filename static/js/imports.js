// The progress of an import running in the background: asks the status endpoint every
// two seconds and moves the bar; reloads the page when the step ends (the page then shows
// the preview or the result). Without JavaScript, reloading the page shows the same.
(function () {
  "use strict";
  var box = document.querySelector("[data-import-status]");
  if (!box) return;
  var bar = box.querySelector("progress");
  var count = box.querySelector("[data-import-count]");
  var label = document.querySelector("[data-import-label]");

  // The phase and its count come in words from the server (in the reader's language);
  // the bar moves only when the phase has a total (reading counts rows with none yet).
  function show(state) {
    if (label) label.textContent = state.label;
    count.textContent = state.text;
    if (state.total > 0) {
      bar.max = state.total;
      bar.value = state.done;
    } else {
      bar.removeAttribute("value");
    }
  }

  function poll() {
    fetch(box.dataset.importStatus, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (state) {
        if (!state) return;
        if (!state.working) {
          window.location.assign(box.dataset.importPage);
          return;
        }
        show(state);
        window.setTimeout(poll, 2000);
      })
      .catch(function () { window.setTimeout(poll, 5000); });
  }
  window.setTimeout(poll, 2000);
})();
