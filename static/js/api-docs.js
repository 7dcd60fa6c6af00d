/* The API documentation page: Swagger UI over /api/v1/openapi.json.
 * "Try it out" works with an API token (the Authorize button) or, when signed in, with the
 * session cookie: writes then carry the page's CSRF token in X-CSRFToken. */
(function () {
  "use strict";
  var root = document.getElementById("swagger-ui");
  var meta = document.querySelector('meta[name="csrf-token"]');
  if (!root || typeof window.SwaggerUIBundle !== "function") {
    return;
  }
  window.SwaggerUIBundle({
    url: root.dataset.specUrl,
    domNode: root,
    deepLinking: true,
    tryItOutEnabled: false,
    requestInterceptor: function (request) {
      var method = (request.method || "GET").toUpperCase();
      if (meta && ["POST", "PUT", "PATCH", "DELETE"].indexOf(method) !== -1) {
        request.headers["X-CSRFToken"] = meta.content;
      }
      request.credentials = "same-origin";
      return request;
    }
  });
})();
