"""Text typed with the old Vietnamese fonts, converted to Unicode: the tables, a column's
detection (never on proper Unicode), and single cells."""

import shutil
import subprocess
import unicodedata

import pytest

from reintegration.core import legacy_fonts
from reintegration.core.legacy_fonts import TCVN3, VNI, convert, detect, is_syllable, repair

LETTERS = "aàáảãạăằắẳẵặâầấẩẫậeèéẻẽẹêềếểễệiìíỉĩịoòóỏõọôồốổỗộơờớởỡợuùúủũụưừứửữựyỳýỷỹỵđ"

# VNI as its fonts lay it out, typed out here letter by letter (in the order of LETTERS):
# a vowel, then one byte for its marks; i's with tones, ỵ and đ are single bytes.
VNI_SPELLINGS = [
    "a",
    "aø",
    "aù",
    "aû",
    "aõ",
    "aï",
    "aê",
    "aè",
    "aé",
    "aú",
    "aü",
    "aë",
    "aâ",
    "aà",
    "aá",
    "aå",
    "aã",
    "aä",
    "e",
    "eø",
    "eù",
    "eû",
    "eõ",
    "eï",
    "eâ",
    "eà",
    "eá",
    "eå",
    "eã",
    "eä",
    "i",
    "ì",
    "í",
    "æ",
    "ó",
    "ò",
    "o",
    "oø",
    "où",
    "oû",
    "oõ",
    "oï",
    "oâ",
    "oà",
    "oá",
    "oå",
    "oã",
    "oä",
    "ô",
    "ôø",
    "ôù",
    "ôû",
    "ôõ",
    "ôï",
    "u",
    "uø",
    "uù",
    "uû",
    "uõ",
    "uï",
    "ö",
    "öø",
    "öù",
    "öû",
    "öõ",
    "öï",
    "y",
    "yø",
    "yù",
    "yû",
    "yõ",
    "î",
    "ñ",
]

CASES = [
    # (as typed, its encoding, Unicode)
    ("NguyÔn V¨n An", TCVN3, "Nguyễn Văn An"),
    ("§Æng ThÞ ¤n", TCVN3, "Đặng Thị Ôn"),
    ("Hµ Néi", TCVN3, "Hà Nội"),
    ("Ph\xadêng Tróc B¹ch, QuËn Ba §×nh", TCVN3, "Phường Trúc Bạch, Quận Ba Đình"),
    ("Xãm 3, x· Yªn Th¸i, huyÖn Yªn M«", TCVN3, "Xóm 3, xã Yên Thái, huyện Yên Mô"),
    ("NGUYÔN V¡N AN", TCVN3, "NGUYỄN VĂN AN"),  # typed with .VnTimeH
    ("TrÇn ThÞ Quúnh", TCVN3, "Trần Thị Quỳnh"),
    ("N÷", TCVN3, "Nữ"),
    ("Nguyeãn Vaên An", VNI, "Nguyễn Văn An"),
    ("Ñaëng Thò OÂn", VNI, "Đặng Thị Ôn"),
    ("Tröông Coâng Ñònh", VNI, "Trương Công Định"),
    ("Phöôøng Truùc Baïch, Quaän Ba Ñình", VNI, "Phường Trúc Bạch, Quận Ba Đình"),
    ("NGUYEÃN VAÊN AN", VNI, "NGUYỄN VĂN AN"),
    ("Huyønh Thò Thuûy", VNI, "Huỳnh Thị Thủy"),
]

UNICODE_ALREADY = [
    "Nguyễn Văn Ân", "Đặng Thị Ôn", "Lê Văn Tâm", "Tân Bình", "Nguyên", "Bùi Thị Nở",
    "Phường Trúc Bạch", "Hà Nội", "Võ Văn Ân", "Ông Ích Khiêm", "Âu Cơ", "Ân Thi",
    "Đàm Văn Bé", "Tô Hoài", "Lò Văn Tú", "José María", "Hélène Dubois", "Nam", "Nữ",
    "Trại giam Xuân Lộc", "Số 12 Lê Lợi", "Thôn Ân Phú, xã Ân Hảo",
]  # fmt: skip


@pytest.mark.parametrize(("typed", "encoding", "expected"), CASES)
def test_text_typed_with_an_old_font_reads_as_unicode(typed, encoding, expected):
    assert detect([typed]) == encoding
    converted = convert(typed, encoding)
    assert converted == expected
    assert unicodedata.is_normalized("NFC", converted)
    assert repair(typed, encoding) == expected


def test_a_column_of_proper_unicode_is_never_converted():
    assert detect(UNICODE_ALREADY) is None
    for text in UNICODE_ALREADY:
        assert detect([text]) is None, text
        for encoding in (TCVN3, VNI):
            assert repair(text, encoding) is None, (text, encoding)


def test_a_column_is_decided_on_all_its_cells():
    """Mostly TCVN3 with a name typed in Unicode among them: the column is TCVN3, and the
    Unicode cell is left as it is."""
    column = ["NguyÔn V¨n An", "TrÇn ThÞ B×nh", "Lª V¨n C\xadêng", "Đặng Thị Ôn", "An"]
    assert detect(column) == TCVN3
    assert [repair(text, TCVN3) for text in column] == [
        "Nguyễn Văn An", "Trần Thị Bình", "Lê Văn Cường", None, None,
    ]  # fmt: skip
    assert detect(["Nam", "12/3/1985", "", "001085012345"]) is None


def test_the_vni_table_is_the_vni_layout():
    assert len(VNI_SPELLINGS) == len(LETTERS)
    for spelling, letter in zip(VNI_SPELLINGS, LETTERS, strict=True):
        assert convert(spelling, VNI) == letter, spelling
        assert convert(spelling.upper(), VNI) == letter.upper(), spelling


@pytest.mark.skipif(shutil.which("iconv") is None, reason="no iconv on this machine")
def test_the_tcvn3_table_is_the_standard_as_the_c_library_converts_it():
    """TCVN 5712:1993 VN3 is the standard's upper half without the capitals carrying tones
    (and without its combining marks): every letter of the table is the one the GNU C
    library's converter gives for that byte."""
    for char, letter in legacy_fonts.TCVN3_TABLE.items():
        result = subprocess.run(
            ["iconv", "-f", "TCVN5712-1", "-t", "UTF-8"],  # noqa: S607 (the C library's)
            input=char.encode("latin-1"),
            capture_output=True, check=False,
        )  # fmt: skip
        if result.returncode != 0:
            pytest.skip("this C library has no TCVN5712-1 converter")
        assert result.stdout.decode() == letter, hex(ord(char))
    small = [c for c in LETTERS if not c.isascii()]
    assert sorted(c for c in legacy_fonts.TCVN3_TABLE.values() if c.islower()) == sorted(small)
    assert sorted(c for c in legacy_fonts.TCVN3_TABLE.values() if c.isupper()) == sorted("ĂÂÊÔƠƯĐ")


@pytest.mark.parametrize(
    ("word", "plausible"),
    [("Nguyễn", True), ("nghiêng", True), ("Quỳnh", True), ("KHUỶU", True), ("gì", True),
     ("NguyÔn", False), ("V¨n", False), ("Bỡnh", False), ("ẹaởng", False), ("àá", False)],
)  # fmt: skip
def test_syllables(word, plausible):
    assert is_syllable(word) is plausible
