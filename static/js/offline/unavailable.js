/* The page shown offline instead of one that needs the network: "Try again" reloads the
   address the user asked for (the service worker answered it with this page). */
"use strict";
document.querySelectorAll("[data-retry]").forEach((button) => {
  button.addEventListener("click", () => window.location.reload());
});
document.querySelectorAll("[data-requested]").forEach((field) => {
  field.textContent = window.location.pathname;
});
