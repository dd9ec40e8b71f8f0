// pgqrs dashboard: the few things a server-rendered page cannot do alone. No data is written into the page here.
(function () {
  "use strict";
  var base = document.body.getAttribute("data-base") || "";
  var banner = document.getElementById("store-status");
  var failing = document.querySelector("[data-status='503']") !== null;

  // Tick every box of a table from its header box.
  document.querySelectorAll("input.all").forEach(function (all) {
    all.addEventListener("change", function () {
      all.closest("table").querySelectorAll("tbody input[type=checkbox]").forEach(function (box) {
        box.checked = all.checked;
      });
    });
  });

  // Say when the store stops answering, and reload once it answers again.
  function check() {
    fetch(base + "/api/health", {credentials: "same-origin", cache: "no-store"}).then(function (r) {
      if (r.status >= 500) {
        throw new Error("store unavailable");
      }
      if (failing) {
        window.location.reload();
      }
    }).catch(function () {
      failing = true;
      if (banner) {
        banner.hidden = false;
      }
    });
  }
  if (banner) {
    banner.hidden = !failing;
    window.setInterval(check, 5000);
  }
})();
