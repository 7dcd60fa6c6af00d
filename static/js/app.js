/* Small enhancements; every page also works without this file. */
(function () {
  "use strict";

  // User form: when the province changes, offer that province's communes.
  var province = document.querySelector("[data-communes-url]");
  var communes = document.getElementById("commune_codes");
  if (province && communes) {
    province.addEventListener("change", function () {
      if (!province.value || province.value === "None") {
        communes.replaceChildren();
        return;
      }
      var url = province.dataset.communesUrl.replace("/0/", "/" + province.value + "/");
      fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
        .then(function (response) { return response.ok ? response.json() : []; })
        .then(function (rows) {
          communes.replaceChildren.apply(communes, rows.map(function (row) {
            var option = document.createElement("option");
            option.value = row.code;
            option.textContent = row.name;
            return option;
          }));
        });
    });
  }

  // User form: show only the scope fields the chosen role uses.
  var role = document.getElementById("role");
  if (role) {
    var toggle = function () {
      document.querySelectorAll("[data-roles]").forEach(function (block) {
        block.hidden = block.dataset.roles.split(" ").indexOf(role.value) === -1;
      });
    };
    role.addEventListener("change", toggle);
    toggle();
  }
})();
