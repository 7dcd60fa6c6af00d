"""Finding units by code or name, and converting pre-July-2025 addresses.

Expected answers are read off reintegration/geo/data/*.csv.
"""

from reintegration.geo.services import (
    ConversionStatus,
    convert_legacy_address,
    find_commune,
    legacy_province,
)


def codes(communes):
    return [c.code for c in communes]


def test_old_hanoi_commune_by_name_without_diacritics_and_its_district(app_ctx):
    # Xã Tân Minh (00406), Huyện Sóc Sơn, Thành phố Hà Nội went wholly into Xã Sóc Sơn (00376).
    result = convert_legacy_address("ha noi", "soc son", "xa tan minh")
    assert result.status is ConversionStatus.CONVERTED
    assert (result.commune.code, result.commune.name) == (376, "Xã Sóc Sơn")
    assert result.commune.province.name == "Thành phố Hà Nội"
    assert result.legacy.code == 406
    assert result.candidates == []


def test_same_address_with_full_official_names_or_codes(app_ctx):
    by_names = convert_legacy_address("Thành phố Hà Nội", "Huyện Sóc Sơn", "Xã Tân Minh")
    by_codes = convert_legacy_address(1, 16, 406)
    by_padded_codes = convert_legacy_address("01", "016", "00406")
    shouting = convert_legacy_address("TP. HÀ NỘI", "H. SÓC SƠN", "TÂN MINH")
    for result in (by_names, by_codes, by_padded_codes, shouting):
        assert result.status is ConversionStatus.CONVERTED
        assert result.commune.code == 376


def test_type_word_inside_a_name_is_not_taken_for_a_prefix(app_ctx):
    # "Huyện Quan Sơn" (Thanh Hóa): "quan" is also the folded "Quận".
    result = convert_legacy_address("thanh hoa", "quan son", "trung xuan")
    assert result.status is ConversionStatus.CONVERTED
    assert (result.legacy.code, result.commune.code) == (14995, 15001)
    assert result.commune.name == "Xã Trung Hạ"


def test_usual_abbreviations(app_ctx):
    # Phường Bến Nghé, Quận 1, TP Hồ Chí Minh → Phường Sài Gòn (26740).
    for args in [("TP.HCM", "Q.1", "P. Bến Nghé"), ("ho chi minh", "quan 1", "ben nghe")]:
        result = convert_legacy_address(*args)
        assert result.status is ConversionStatus.CONVERTED, args
        assert (result.commune.code, result.commune.name) == (26740, "Phường Sài Gòn")


def test_split_commune_offers_the_new_communes_it_went_into(app_ctx):
    # Phường Quang Trung (00214), Quận Đống Đa: partly into Phường Đống Đa and Phường Kim Liên.
    result = convert_legacy_address("Hà Nội", "Đống Đa", "Quang Trung")
    assert result.status is ConversionStatus.SPLIT
    assert result.commune is None
    assert result.legacy.code == 214
    assert codes(result.candidates) == [235, 229]
    assert [c.name for c in result.candidates] == ["Phường Đống Đa", "Phường Kim Liên"]


def test_partly_merged_into_one_new_commune_still_needs_a_person(app_ctx):
    # Xã Đặng Xá (00556), Huyện Gia Lâm: one row, partly_merged = 1, to Xã Phù Đổng (00541).
    result = convert_legacy_address("ha noi", "gia lam", "dang xa")
    assert result.status is ConversionStatus.SPLIT
    assert codes(result.candidates) == [541]


def test_name_of_several_old_communes_without_district_is_ambiguous(app_ctx):
    # Hà Nội had a Xã Tân Minh in Sóc Sơn (→ 00376) and one in Thường Tín (→ 10231).
    result = convert_legacy_address("ha noi", None, "Tân Minh")
    assert result.status is ConversionStatus.AMBIGUOUS
    assert result.commune is None
    assert result.legacy is None
    assert codes(result.candidates) == [376, 10231]


def test_unknown_commune_is_not_found(app_ctx):
    result = convert_legacy_address("ha noi", "soc son", "khong co xa nay")
    assert result.status is ConversionStatus.NOT_FOUND
    assert (result.commune, result.legacy, result.candidates) == (None, None, [])


def test_unknown_province_is_not_found(app_ctx):
    result = convert_legacy_address("Atlantis", None, "xa tan minh")
    assert result.status is ConversionStatus.NOT_FOUND
    assert result.candidates == []


def test_misspelt_commune_offers_close_matches_in_the_province(app_ctx):
    result = convert_legacy_address("ha noi", "soc son", "tan minhh")
    assert result.status is ConversionStatus.NOT_FOUND
    assert {376, 10231} <= set(codes(result.candidates))
    assert all(c.province_code == 1 for c in result.candidates)


def test_commune_in_the_wrong_province_is_not_found(app_ctx):
    assert convert_legacy_address(79, None, 406).status is ConversionStatus.NOT_FOUND


def test_old_commune_missing_from_the_old_list_converts_by_code(app_ctx):
    # 03980 is in the conversion table but not in the pre-2025 units list.
    result = convert_legacy_address(None, None, 3980)
    assert result.status is ConversionStatus.CONVERTED
    assert (result.commune.code, result.commune.name) == (3980, "Phường Mộc Châu")
    assert result.legacy is None


def test_find_commune_in_the_new_units(app_ctx):
    assert codes(find_commune("ba dinh", "ha noi")) == [4]
    assert codes(find_commune("PHƯỜNG BA ĐÌNH")) == [4]
    assert codes(find_commune("00004")) == [4]
    assert codes(find_commune(4, "Thành phố Hà Nội")) == [4]
    assert find_commune(4, "hue") == []
    assert find_commune("ba dinh", "Atlantis") == []
    assert find_commune("nowhere") == []


def test_legacy_province_by_id_number_code(app_ctx):
    assert legacy_province(1).name == "Thành phố Hà Nội"
    assert legacy_province(79).name == "Thành phố Hồ Chí Minh"
    assert legacy_province(3) is None


def test_diacritics_typed_tell_communes_apart(app_ctx):
    # Xã Trực Hùng (14083) → Xã Ninh Cường (14077); Xã Trực Hưng (14050) → Xã Trực Ninh
    # (14053); both in Huyện Trực Ninh, Nam Định.
    hung = convert_legacy_address("Nam Định", "Trực Ninh", "Trực Hùng")
    assert (hung.status, hung.commune.code) == (ConversionStatus.CONVERTED, 14077)
    hung = convert_legacy_address("Nam Định", "Trực Ninh", "Xã Trực Hưng")
    assert (hung.status, hung.commune.code) == (ConversionStatus.CONVERTED, 14053)
    either = convert_legacy_address("nam dinh", "truc ninh", "truc hung")
    assert either.status is ConversionStatus.AMBIGUOUS
    assert sorted(codes(either.candidates)) == [14053, 14077]
