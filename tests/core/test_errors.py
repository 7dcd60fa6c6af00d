"""Error pages speak Vietnamese."""

from reintegration import create_app
from reintegration.accounts.models import Role


def test_404_page_in_vietnamese(client):
    response = client.get("/khong-co-trang-nay")
    assert response.status_code == 404
    assert "Không tìm thấy trang" in response.get_data(as_text=True)


def test_403_page_in_vietnamese(client, auth, make_user):
    auth.login(make_user(role=Role.CASEWORKER))
    response = client.get("/admin/users/")
    assert response.status_code == 403
    assert "Không có quyền truy cập" in response.get_data(as_text=True)


def test_500_page_in_vietnamese(database_url):
    app = create_app(
        {"MODE": "testing", "SQLALCHEMY_DATABASE_URI": database_url, "PROPAGATE_EXCEPTIONS": False}
    )

    @app.get("/boom")
    def boom():
        raise RuntimeError("a bug")

    response = app.test_client().get("/boom")
    assert response.status_code == 500
    assert "Đã có lỗi xảy ra" in response.get_data(as_text=True)
