"""One error shape, in the user's language; the page session works for the pages' own
scripts, with the CSRF header on writes."""

import re

import pytest
from babel.messages.mofile import read_mo
from flask_babel import force_locale

from reintegration.accounts.models import Role
from reintegration.api.errors import item
from reintegration.extensions import db
from tests.factories import CaseFactory

# Messages the pages already use, so their Vietnamese is in the catalogue today.
VI = {
    "required": "Trường này là bắt buộc.",
    "integer": "Số nguyên không hợp lệ.",
    "choice": "Lựa chọn không hợp lệ.",
    "reason": "Hãy nêu lý do thay đổi phân loại.",
    "conflict": (
        "Người khác đã lưu hồ sơ này sau khi bạn mở. Thay đổi của bạn chưa được lưu: "
        "hãy so sánh với những gì đã thay đổi rồi lưu lại."
    ),
}
# The API's own messages (the msgids this issue adds, with their Vietnamese).
VI_API = {
    "unauthenticated": (
        "Cần xác thực: gửi mã truy cập API (Authorization: Bearer …) hoặc đăng nhập."
    ),
    "invalid_token": (
        "Mã truy cập API không hợp lệ: mã không tồn tại, đã hết hạn hoặc đã bị thu hồi, "
        "hoặc tài khoản đã bị khóa."
    ),
    "forbidden": (
        "Vai trò của bạn không được phép truy cập nội dung này. Nếu công việc cần, hãy đề "
        "nghị quản trị viên."
    ),
    "not_found": "Không tìm thấy, hoặc nằm ngoài địa bàn tài khoản của bạn phụ trách.",
    "version_required": (
        "Hãy gửi phiên bản bạn đã đọc trong tiêu đề If-Match, để không ghi đè lên một thay "
        "đổi mới hơn."
    ),
    "stale_version": (
        "Hồ sơ này đã thay đổi từ khi bạn đọc. Hãy đọc lại, rồi thử lại với phiên bản hiện tại."
    ),
    "unknown_field": "Trường không xác định.",
}


def catalogue_has(msgid: str) -> bool:
    from pathlib import Path

    import reintegration

    mo = Path(reintegration.__file__).parent / "translations/vi/LC_MESSAGES/messages.mo"
    with mo.open("rb") as handle:
        return msgid in read_mo(handle)


def messages(response) -> dict[str, str]:
    return {error["code"]: error["message"] for error in response.json["errors"]}


def case_in(app, commune_code) -> int:
    with app.app_context():
        case = CaseFactory(commune_code=commune_code)
        db.session.commit()
        return case.id


def test_errors_are_in_vietnamese_for_a_vietnamese_account(app, hanoi, api_as):
    case_id = case_in(app, hanoi.commune_x)
    api = api_as(hanoi.caseworker_x)  # accounts are Vietnamese unless they choose
    response = api.post("/api/v1/people", json={"birth_year": "1985"})
    assert response.status_code == 422
    by_field = {e["field"]: e for e in response.json["errors"]}
    assert by_field["full_name"]["message"] == VI["required"]
    assert by_field["birth_year"]["message"] == VI["integer"]
    response = api.post("/api/v1/people", json={"sex": "nam"})
    assert {e["field"]: e["message"] for e in response.json["errors"]}["sex"] == VI["choice"]

    no_reason = api.post(
        f"/api/v1/cases/{case_id}/classification",
        json={"classification": "C", "reason": " "},
        version=1,
    )
    assert no_reason.json["errors"] == [
        {"field": "reason", "code": "invalid", "message": VI["reason"]}
    ]
    api.post(
        f"/api/v1/cases/{case_id}/classification",
        json={"classification": "B", "reason": "Đã có việc làm"},
        version=1,
    )
    stale = api.post(
        f"/api/v1/cases/{case_id}/classification",
        json={"classification": "C", "reason": "Nguy cơ tái phạm"},
        version=1,
    )
    assert stale.status_code == 412
    assert messages(stale)["conflict"] == VI["conflict"]


def test_errors_follow_an_english_account(app, hanoi, make_user, api_as):
    username = make_user(role=Role.CASEWORKER, locale="en", communes=[hanoi.commune_x])
    response = api_as(username).post("/api/v1/people", json={})
    assert messages(response)["required"] == "This field is required."
    response = api_as(username).get("/api/v1/cases/999999")
    assert messages(response) == {
        "not_found": "Not found, or outside the area your account covers."
    }


def test_without_an_account_accept_language_chooses(client):
    response = client.get("/api/v1/me", headers={"Accept-Language": "en-GB,en;q=0.8"})
    assert messages(response) == {
        "unauthenticated": (
            "Authentication is needed: send an API token (Authorization: Bearer …) or sign in."
        )
    }


@pytest.mark.skipif(
    not catalogue_has("Not found, or outside the area your account covers."),
    reason="the API's msgids are not in translations/vi yet (merge the issue 9 list)",
)
def test_the_api_s_own_messages_in_vietnamese(app, hanoi, make_user, api_as, client):
    api = api_as(hanoi.caseworker_x)
    case_id = case_in(app, hanoi.commune_x)
    assert messages(client.get("/api/v1/me")) == {"unauthenticated": VI_API["unauthenticated"]}
    bad = client.get("/api/v1/me", headers={"Authorization": "Bearer rtk_nope"})
    assert messages(bad) == {"invalid_token": VI_API["invalid_token"]}
    viewer = api_as(make_user(role=Role.COMMITTEE_VIEWER))
    assert messages(viewer.get("/api/v1/people")) == {"forbidden": VI_API["forbidden"]}
    assert messages(api.get("/api/v1/cases/999999")) == {"not_found": VI_API["not_found"]}
    path = f"/api/v1/cases/{case_id}/activate"
    assert messages(api.post(path)) == {"version_required": VI_API["version_required"]}
    assert messages(api.post(path, headers={"If-Match": "x"})) == {
        "stale_version": VI_API["stale_version"]
    }
    unknown = api.post("/api/v1/people", json={"biet_danh": "Tí"}).json["errors"]
    assert {"field": "biet_danh", "code": "unknown_field", "message": VI_API["unknown_field"]} in (
        unknown
    )


def test_unknown_paths_and_methods_answer_in_json(hanoi, api_as):
    api = api_as(hanoi.caseworker_x)
    missing = api.get("/api/v1/nothing-here")
    assert missing.status_code == 404
    assert missing.json["errors"][0]["code"] == "not_found"
    wrong_method = api.client.delete("/api/v1/people")
    assert wrong_method.status_code == 405
    assert "GET" in wrong_method.headers["Allow"]
    assert wrong_method.json["errors"][0]["code"] == "method_not_allowed"
    # The pages keep their HTML error pages.
    assert "text/html" in api.client.get("/no-such-page").content_type


def test_a_body_that_is_not_json_or_not_an_object(hanoi, api_as):
    api = api_as(hanoi.caseworker_x)
    broken = api.client.post(
        "/api/v1/people",
        data="{not json",
        content_type="application/json",
        headers={"Authorization": f"Bearer {api.token}"},
    )
    assert broken.status_code == 400
    assert broken.json["errors"][0]["code"] == "invalid_json"
    listed = api.post("/api/v1/people", json=[1, 2])
    assert listed.status_code == 422
    assert listed.json["errors"][0]["field"] is None


def test_strings_the_database_cannot_store_are_refused(hanoi, api_as):
    api = api_as(hanoi.caseworker_x)
    response = api.post("/api/v1/people", json={"full_name": "An\x00"})
    assert {e["field"]: e["code"] for e in response.json["errors"]}["full_name"] == "invalid"
    response = api.get("/api/v1/people?q=an%00")
    assert response.status_code == 422


def test_cookie_session_writes_need_the_csrf_header(app, client, auth, hanoi, token_for):
    case_id = case_in(app, hanoi.commune_x)
    app.config["WTF_CSRF_ENABLED"] = True
    try:
        login_page = client.get("/login").get_data(as_text=True)
        token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', login_page)
        token = token or re.search(r'name="csrf_token" value="([^"]+)"', login_page)
        client.post(
            "/login",
            data={
                "username": hanoi.caseworker_x,
                "password": "correct-horse-battery",
                "csrf_token": token.group(1),
            },
        )
        assert client.get("/api/v1/me").json["authenticated_by"] == "session"
        path = f"/api/v1/cases/{case_id}/classification"
        body = {"classification": "C", "reason": "Nguy cơ tái phạm"}
        refused = client.post(path, json=body, headers={"If-Match": "1"})
        assert refused.status_code == 400
        assert refused.json["errors"][0]["code"] == "csrf"

        page = client.get("/account/api-tokens").get_data(as_text=True)
        csrf = re.search(
            r'name="csrf-token" content="([^"]+)"',
            client.get("/api/v1/docs").get_data(as_text=True),
        ).group(1)
        assert "csrf_token" in page
        accepted = client.post(path, json=body, headers={"If-Match": "1", "X-CSRFToken": csrf})
        assert accepted.status_code == 200, accepted.json

        # A program with a token needs no CSRF token, and gets no cookie.
        bearer = {"Authorization": f"Bearer {token_for(hanoi.caseworker_x)}", "If-Match": "2"}
        fresh = app.test_client()
        by_token = fresh.post(
            path,
            json={"classification": "D", "reason": "Bị tạm giữ", "held_at": "Nhà tạm giữ"},
            headers=bearer,
        )
        assert by_token.status_code == 200, by_token.json
        assert "Set-Cookie" not in by_token.headers
    finally:
        app.config["WTF_CSRF_ENABLED"] = False


def test_error_items_have_the_three_keys(request_ctx):
    with force_locale("en"):
        assert item("x", "y") == {"field": None, "code": "x", "message": "y"}


def test_a_body_too_large_is_a_413(app, hanoi, api_as, monkeypatch):
    monkeypatch.setitem(app.config, "MAX_CONTENT_LENGTH", 1000)
    response = api_as(hanoi.caseworker_x).post("/api/v1/people", json={"full_name": "x" * 2000})
    assert response.status_code == 413
    assert response.json["errors"][0]["code"] == "request_entity_too_large"
