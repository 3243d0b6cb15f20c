// Starts Swagger UI on /api/v1/docs over the document URL the page names (no inline script:
// the app's Content-Security-Policy allows scripts from 'self' only).
(function () {
  "use strict";
  var root = document.getElementById("swagger-ui");
  if (!root || typeof window.SwaggerUIBundle !== "function") {
    return;
  }
  window.SwaggerUIBundle({
    url: root.getAttribute("data-spec-url"),
    domNode: root,
    deepLinking: true,
    validatorUrl: null,
    // The token typed into "Authorize" lives only in this tab.
    persistAuthorization: false,
    tryItOutEnabled: false,
  });
})();
