"""Home visits without a signal: the caseworker's phone keeps working offline.

- ``views``: the installable app's files (manifest, service worker at ``/sw.js``), the
  page that works offline ("Visits on this phone") and the page shown offline for any
  other page;
- ``services.pack``: what a phone may keep for the next days' visits (scope in the query);
- ``services.sync``: entries recorded offline, sent back once each (idempotency keys), with
  what changed meanwhile shown instead of overwritten;
- the JSON endpoints are in ``reintegration.api.offline``; the browser side in
  ``static/js/offline/``.
"""

from reintegration.offline.views import bp

__all__ = ["bp"]
