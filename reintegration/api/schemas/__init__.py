"""Marshmallow schemas of the API, one module per domain; ``common`` holds the fields,
the error shape and the page envelope every domain uses."""
