// Coordinators' pages, progressively enhanced: the forms work without this file.
// 1. Drag-and-drop onto the file field's box adds the dropped files to the field.
// 2. The reindex status page polls its JSON status and reloads when the job has finished.
(function () {
  "use strict";

  function listFiles(input, list) {
    list.textContent = "";
    Array.prototype.forEach.call(input.files, function (file) {
      var item = document.createElement("li");
      item.textContent = file.name;
      list.appendChild(item);
    });
  }

  function enhanceDropZone(zone) {
    var input = zone.querySelector("input[type=file]");
    var list = zone.querySelector(".chosen-files");
    var hint = zone.querySelector(".drop-hint");
    if (!input || typeof DataTransfer === "undefined") { return; }
    if (hint) { hint.hidden = false; }
    input.addEventListener("change", function () { listFiles(input, list); });
    zone.addEventListener("dragover", function (event) {
      event.preventDefault();
      zone.classList.add("is-dragging");
    });
    zone.addEventListener("dragleave", function () { zone.classList.remove("is-dragging"); });
    zone.addEventListener("drop", function (event) {
      event.preventDefault();
      zone.classList.remove("is-dragging");
      var transfer = new DataTransfer();
      Array.prototype.forEach.call(input.files, function (file) { transfer.items.add(file); });
      Array.prototype.forEach.call(event.dataTransfer.files, function (file) { transfer.items.add(file); });
      input.files = transfer.files;
      listFiles(input, list);
    });
  }

  function pollJob(status) {
    var url = status.getAttribute("data-job-status");
    var state = status.getAttribute("data-job-state");
    if (state === "done" || state === "failed") { return; }
    function poll() {
      fetch(url, { headers: { "Accept": "application/json" }, credentials: "same-origin" })
        .then(function (response) { return response.json(); })
        .then(function (job) {
          status.textContent = job.label;
          if (job.finished) { window.location.reload(); } else { window.setTimeout(poll, 1000); }
        })
        .catch(function () { window.setTimeout(poll, 3000); });
    }
    window.setTimeout(poll, 500);
  }

  document.addEventListener("DOMContentLoaded", function () {
    Array.prototype.forEach.call(document.querySelectorAll("[data-drop-zone]"), enhanceDropZone);
    var status = document.querySelector("[data-job-status]");
    if (status) { pollJob(status); }
  });
}());
