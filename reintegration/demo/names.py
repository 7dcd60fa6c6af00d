"""Vietnamese names as they are given, with the family names' approximate shares: the demo
province and the benchmarks' synthetic people draw from the same lists."""

import random

FAMILY_NAMES = [
    ("Nguyễn", 38), ("Trần", 11), ("Lê", 9.5), ("Phạm", 7), ("Hoàng", 5), ("Huỳnh", 2),
    ("Phan", 4.5), ("Vũ", 3.9), ("Võ", 2), ("Đặng", 2.1), ("Bùi", 2), ("Đỗ", 1.4),
    ("Hồ", 1.3), ("Ngô", 1.3), ("Dương", 1), ("Lý", 0.5), ("Đinh", 0.8), ("Trương", 0.8),
    ("Lương", 0.5), ("Mai", 0.4), ("Tạ", 0.3), ("Cao", 0.4), ("Lâm", 0.4), ("Quách", 0.2),
]  # fmt: skip
MIDDLE_MALE = ["Văn", "Hữu", "Đức", "Minh", "Quốc", "Thanh", "Công", "Xuân", "Ngọc", "Duy"]
MIDDLE_FEMALE = ["Thị", "Ngọc", "Thanh", "Thu", "Minh", "Kim", "Bích", "Hồng", "Thùy"]
GIVEN_MALE = [
    "An", "Bình", "Cường", "Dũng", "Đức", "Giang", "Hải", "Hiếu", "Hoàng", "Hùng", "Huy",
    "Khánh", "Long", "Nam", "Phong", "Phúc", "Quang", "Sơn", "Tâm", "Thắng", "Thành",
    "Tiến", "Toàn", "Trung", "Tuấn", "Tùng", "Việt", "Vinh",
]  # fmt: skip
GIVEN_FEMALE = [
    "Anh", "Ánh", "Chi", "Dung", "Hà", "Hạnh", "Hoa", "Hương", "Lan", "Linh", "Mai",
    "Nga", "Ngọc", "Nhung", "Oanh", "Phương", "Quyên", "Thảo", "Trang", "Vân", "Yến",
]  # fmt: skip


def vietnamese_name(rng: random.Random, female: bool) -> str:
    families, weights = zip(*FAMILY_NAMES, strict=True)
    family = rng.choices(families, weights)[0]
    middle = rng.choice(MIDDLE_FEMALE if female else MIDDLE_MALE)
    given = rng.choice(GIVEN_FEMALE if female else GIVEN_MALE)
    return f"{family} {middle} {given}"
