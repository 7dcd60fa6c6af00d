/* Small enhancements; every page also works without this file. */
(function () {
  "use strict";

  // The service worker: the app installs on a phone's home screen, "Visits on this phone"
  // opens without a connection, and other pages say so when there is none.
  var worker = document.body.dataset.serviceWorker;
  if (worker && "serviceWorker" in navigator) {
    navigator.serviceWorker.register(worker, { scope: "/" }).catch(function () {});
  }

  // Logging out erases the visits kept on this phone: the user is asked first, and told
  // how many entries would be lost.
  var logout = document.querySelector("form[data-offline-warning]");
  if (logout && window.indexedDB) {
    logout.addEventListener("submit", function (event) {
      if (logout.dataset.confirmed) {
        return;
      }
      event.preventDefault();
      import("/static/js/offline/store.js").then(function (store) {
        return store.hasCopy().then(function (kept) {
          if (!kept) {
            return true;
          }
          return store.getMeta().then(function (meta) {
            var text = logout.dataset.offlineWarning.replace("{count}", String(meta.pending || 0));
            if (!window.confirm(text)) {
              return false;
            }
            return store.wipe().then(function () { return true; });
          });
        });
      }).catch(function () { return true; }).then(function (go) {
        if (go) {
          logout.dataset.confirmed = "1";
          logout.submit();
        }
      });
    });
  }

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

  // Registration and a person's edit form: "Read the address" fills the commune and street without leaving the
  // page. The server reads the address (the button's own submission, answered with the
  // form filled); only the fields it fills and its message are taken from the answer.
  var reader = document.querySelector("[data-address-reader]");
  var button = reader && reader.querySelector("[name=read_address]");
  if (button && button.form && window.DOMParser) {
    button.addEventListener("click", function (event) {
      event.preventDefault();
      var form = button.form;
      var data = new FormData(form);
      data.append(button.name, button.value);
      button.disabled = true;
      fetch(form.getAttribute("action") || window.location.href, {
        method: "POST", body: data, credentials: "same-origin"
      })
        .then(function (response) {
          // 422: read, but not placed (the message says why); the page is answered alike.
          if (!response.ok && response.status !== 422) { throw new Error(String(response.status)); }
          return response.text();
        })
        .then(function (html) {
          var answer = new DOMParser().parseFromString(html, "text/html");
          ["residence_commune_code", "commune_code", "residence_address"].forEach(function (id) {
            var filled = answer.getElementById(id);
            var field = document.getElementById(id);
            if (filled && field) { field.value = filled.value; }
          });
          var message = answer.querySelector("[data-address-message]");
          var here = reader.querySelector("[data-address-message]");
          if (message && here) {
            here.replaceChildren.apply(here, Array.prototype.map.call(
              message.childNodes, function (node) { return document.importNode(node, true); }));
          }
        })
        .then(function () { button.disabled = false; }, function () {
          button.disabled = false;
          form.requestSubmit(button); // the page way, as without this script
        });
    });
  }
})();
