"""A province officer imports a release list: upload, the preview read by the background
worker, confirmation, and the people found afterwards. The worker is the scheduler's job,
run here as the operator would (`flask imports run-pending`); the page follows it by itself."""

import re

from tests.e2e.conftest import (
    birth_year,
    flask,
    log_in,
    screenshot,
    serious_accessibility_violations,
    unlabelled_fields,
)

HEADER = (
    "STT,Họ và tên,Ngày sinh,Giới tính,Số định danh cá nhân,Xã/Phường,Tỉnh/Thành phố,Ngày ra trại"
)


def release_list(tmp_path, viewport: str, lang: str):
    """Two people released to Phường Phù Vân (Ninh Bình), named after the run."""
    run = f"{viewport} {lang}".title()
    year = birth_year("import", viewport, lang)
    lines = [
        HEADER,
        f"1,Đinh Văn Khải {run},12/04/{year},Nam,,Phường Phù Vân,Ninh Bình,01/09/2025",
        f"2,Mai Thị Lụa {run},03/11/{year},Nữ,,Phường Phù Vân,Ninh Bình,01/09/2025",
    ]
    path = tmp_path / f"danh-sach-{viewport}-{lang}.csv"
    path.write_text("\r\n".join(lines) + "\r\n", encoding="utf-8-sig")
    return path, run


def test_a_release_list_is_previewed_confirmed_and_registered(
    new_page, viewport, lang, t, server_env, tmp_path
):
    page = new_page()
    log_in(page, "tinh.ninhbinh", lang)
    path, run = release_list(tmp_path, viewport, lang)

    page.goto("/imports/new")
    page.get_by_label(t("Release list (.xlsx, .xls, .ods or .csv)")).set_input_files(str(path))
    release_type = page.get_by_label(t("Release type of the people on the list"))
    release_type.select_option("sentence_completed")
    page.get_by_label(t("Notice of arrival received on")).fill("29/08/2025")
    screenshot(page, f"import-upload-{lang}", viewport)
    assert serious_accessibility_violations(page) == []
    assert unlabelled_fields(page) == []
    page.get_by_role("button", name=t("Upload and check")).click()
    page.wait_for_url(re.compile(r"/imports/\d+$"))
    status = page.locator("[data-import-label]")
    assert status.inner_text() == t("Waiting to be read")

    flask("imports", "run-pending", env=server_env)
    # The page polls the worker's progress and shows the preview without a reload by hand.
    page.wait_for_function(
        "text => document.querySelector('[data-import-label]').textContent.trim() === text",
        arg=t("Preview: waiting for confirmation"),
    )
    screenshot(page, f"import-preview-{lang}", viewport)
    assert serious_accessibility_violations(page) == []
    page.get_by_role("button", name=t("Register the %(count)s new people", count="2")).click()
    page.wait_for_load_state()

    flask("imports", "run-pending", env=server_env)
    page.wait_for_function(
        "text => document.querySelector('[data-import-label]').textContent.trim() === text",
        arg=t("Imported"),
    )
    screenshot(page, f"import-done-{lang}", viewport)

    page.goto("/people/")
    page.get_by_label(t("Name or ID number")).fill(f"dinh van khai {run.lower()}")
    page.get_by_role("button", name=t("Search")).click()
    rows = page.get_by_test_id("case-row")
    assert rows.count() == 1
    assert "Phù Vân" in rows.first.inner_text()
