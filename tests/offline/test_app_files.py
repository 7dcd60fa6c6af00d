"""The installable app's files: manifest, service worker at the root, the page that works
offline and the page shown offline instead of one that needs the network."""

import json
import re

from reintegration.accounts.models import Role


def test_service_worker_is_served_at_the_root_with_a_scope_for_the_app(client):
    response = client.get("/sw.js?v=abc")
    assert response.status_code == 200
    assert response.mimetype == "text/javascript"
    assert response.headers["Service-Worker-Allowed"] == "/"
    assert response.headers["Cache-Control"] == "no-cache"
    body = response.get_data(as_text=True)
    # Written for this app: it keeps the offline page and never the API.
    assert '"/offline/unavailable"' in body
    assert '"/api/"' in body
    assert "https://" not in body


def test_manifest_installs_the_app_in_vietnamese(client, app):
    response = client.get("/manifest.webmanifest")
    assert response.status_code == 200
    assert response.mimetype == "application/manifest+json"
    manifest = json.loads(response.get_data(as_text=True))
    assert manifest["name"] == "Tái hòa nhập cộng đồng"
    assert manifest["lang"] == "vi"
    assert manifest["display"] == "standalone"
    assert manifest["scope"] == "/"
    assert manifest["start_url"] == "/offline/"
    sizes = {icon["sizes"] for icon in manifest["icons"]}
    assert {"192x192", "512x512"} <= sizes
    for icon in manifest["icons"]:
        image = client.get(icon["src"])
        assert image.status_code == 200
        assert image.mimetype == "image/png"
        assert image.data[:8] == b"\x89PNG\r\n\x1a\n"
        image.close()


def test_every_file_the_service_worker_keeps_exists(client):
    """An install fails as a whole when one file is missing."""
    body = client.get("/sw.js").get_data(as_text=True)
    files = re.search(r"const FILES = \[(.*?)\];", body, re.S).group(1)
    names = [*re.findall(r'"(/[^"]*)"', files), "/offline/", "/offline/unavailable"]
    for name in names:
        response = client.get(name)
        assert response.status_code == 200, name
        response.close()


def test_offline_pages_are_public_and_hold_no_ones_data(client, auth, make_user):
    username = make_user(role=Role.CASEWORKER, full_name="Trần Thị Cán Bộ")
    anonymous = client.get("/offline/unavailable")
    assert anonymous.status_code == 200
    assert "Không có kết nối" in anonymous.get_data(as_text=True)
    auth.login(username)
    for path in ("/offline/", "/offline/unavailable"):
        page = client.get(path).get_data(as_text=True)
        assert "Trần Thị Cán Bộ" not in page, path
        assert "csrf" not in page.lower(), path


def test_app_pages_link_the_manifest_and_register_the_worker(client, auth, make_user):
    auth.login(make_user(role=Role.CASEWORKER))
    page = client.get("/").get_data(as_text=True)
    assert 'rel="manifest" href="/manifest.webmanifest"' in page
    assert re.search(r'data-service-worker="/sw.js\?v=[0-9a-f]{12}"', page)
