"""`flask seed reference`: sectors and circumstances of SPEC §5 (idempotent: adds what is missing)."""

import sqlalchemy as sa

from penalties.catalogue.models import Circumstance, HolidayOverride, Sector
from penalties.core.audit import act_as
from penalties.extensions import db
from penalties.law.official_days import OFFICIAL_DAYS

# code, name, limitation years (Law Art. 6), maximum fine for an individual (Law Art. 24),
# maximum for an organisation where the sector decree prints it (else 2 × individual).
SECTORS = (
    ("an_ninh_trat_tu", "An ninh, trật tự, an toàn xã hội", 1, 40_000_000, None),
    ("giao_thong_duong_bo", "Giao thông đường bộ", 1, 75_000_000, None),
    ("xay_dung", "Xây dựng", 2, 500_000_000, 1_000_000_000),  # D16/2022 Art. 4
    ("moi_truong", "Bảo vệ môi trường", 2, 1_000_000_000, None),  # D45/2022 Art. 4
    ("dat_dai", "Đất đai", 2, 500_000_000, None),  # D123/2024 Art. 5
    # 1 year; its acts of trading in goods and of banned or counterfeit goods carry 2 (Law Art. 6(1)(a), SPEC v2 §5).
    ("thuong_mai", "Thương mại", 1, 100_000_000, None),
    ("an_toan_thuc_pham", "An toàn thực phẩm", 1, 100_000_000, None),
    ("quang_cao", "Quảng cáo", 1, 100_000_000, None),
    ("van_hoa", "Văn hóa", 1, 50_000_000, None),  # [U] in SPEC §5: kept as data, editable
    ("y_te", "Khám bệnh, chữa bệnh", 1, 100_000_000, None),
)

_ART9 = "Khoản {n} Điều 9 Luật Xử lý vi phạm hành chính"
_ART10 = "Điểm {p} khoản 1 Điều 10 Luật Xử lý vi phạm hành chính"
MITIGATING = (
    "Người vi phạm hành chính đã có hành vi ngăn chặn, làm giảm bớt hậu quả của vi phạm hoặc tự nguyện "
    "khắc phục hậu quả, bồi thường thiệt hại",
    "Người vi phạm hành chính đã tự nguyện khai báo, thành thật hối lỗi; tích cực giúp đỡ cơ quan chức năng "
    "phát hiện vi phạm hành chính, xử lý vi phạm hành chính",
    "Vi phạm hành chính trong tình trạng bị kích động về tinh thần do hành vi trái pháp luật của người khác "
    "gây ra; vượt quá giới hạn phòng vệ chính đáng; vượt quá yêu cầu của tình thế cấp thiết",
    "Vi phạm hành chính do bị ép buộc hoặc bị lệ thuộc về vật chất hoặc tinh thần",
    "Người vi phạm hành chính là phụ nữ mang thai, người già yếu, người có bệnh hoặc khuyết tật làm hạn chế "
    "khả năng nhận thức hoặc khả năng điều khiển hành vi của mình",
    "Vi phạm hành chính vì hoàn cảnh đặc biệt khó khăn mà không do mình gây ra",
    "Vi phạm hành chính do trình độ lạc hậu",
    "Những tình tiết giảm nhẹ khác do Chính phủ quy định",
)
# Points of Law Art. 10(1); the code uses the point's letter ("đ" → "dd").
AGGRAVATING = (
    ("a", "Vi phạm hành chính có tổ chức"),
    ("b", "Vi phạm hành chính nhiều lần; tái phạm"),
    (
        "c",
        "Xúi giục, lôi kéo, sử dụng người chưa thành niên vi phạm; ép buộc người bị lệ thuộc vào mình về "
        "vật chất, tinh thần thực hiện hành vi vi phạm hành chính",
    ),
    (
        "d",
        "Sử dụng người biết rõ là đang bị tâm thần hoặc bệnh khác làm mất khả năng nhận thức hoặc khả năng "
        "điều khiển hành vi để vi phạm hành chính",
    ),
    ("đ", "Lăng mạ, phỉ báng người đang thi hành công vụ; vi phạm hành chính có tính chất côn đồ"),
    ("e", "Lợi dụng chức vụ, quyền hạn để vi phạm hành chính"),
    (
        "g",
        "Lợi dụng hoàn cảnh chiến tranh, hoàn cảnh thiên tai, thảm họa, dịch bệnh hoặc những khó khăn đặc "
        "biệt khác của xã hội để vi phạm hành chính",
    ),
    (
        "h",
        "Vi phạm hành chính trong thời gian đang chấp hành hình phạt của bản án hình sự hoặc đang chấp hành "
        "quyết định áp dụng biện pháp xử lý vi phạm hành chính",
    ),
    ("i", "Tiếp tục thực hiện hành vi vi phạm hành chính mặc dù người có thẩm quyền đã yêu cầu chấm dứt hành vi đó"),
    ("k", "Sau khi vi phạm đã có hành vi trốn tránh, che giấu vi phạm hành chính"),
    ("l", "Vi phạm hành chính có quy mô lớn, số lượng hoặc trị giá hàng hóa lớn"),
    ("m", "Vi phạm hành chính đối với nhiều người, trẻ em, người già, người khuyết tật, phụ nữ mang thai"),
)


def circumstance_rows() -> list[dict]:
    """Return the circumstances of Law Art. 9 and 10(1) as rows."""
    rows = [
        {"code": f"gn_{n}", "kind": "mitigating", "text": text, "article": _ART9.format(n=n), "sort_order": n}
        for n, text in enumerate(MITIGATING, start=1)
    ]
    for order, (point, text) in enumerate(AGGRAVATING, start=1):
        code = "tn_" + ("dd" if point == "đ" else point)
        rows.append(
            {"code": code, "kind": "aggravating", "text": text, "article": _ART10.format(p=point), "sort_order": order}
        )
    return rows


def seed_reference() -> dict[str, int]:
    """Add the missing sectors and circumstances; existing rows (maybe edited by an admin) stay."""
    act_as(db.session, None)
    have_sectors = set(db.session.scalars(sa.select(Sector.code)))
    added = {"sectors": 0, "circumstances": 0}
    for code, name, years, max_ind, max_org in SECTORS:
        if code not in have_sectors:
            db.session.add(
                Sector(
                    code=code,
                    name=name,
                    limitation_years=years,
                    max_fine_individual=max_ind,
                    max_fine_organisation=max_org,
                )
            )
            added["sectors"] += 1
    have = set(db.session.scalars(sa.select(Circumstance.code)))
    for row in circumstance_rows():
        if row["code"] not in have:
            db.session.add(Circumstance(**row))
            added["circumstances"] += 1
    added["official_days"] = _seed_official_days()
    db.session.commit()
    return added


def _seed_official_days() -> int:
    """Add the Government's days off and swap days not yet declared, with their instruments (law.official_days)."""
    declared = set(db.session.scalars(sa.select(HolidayOverride.day)))
    missing = [d for d in OFFICIAL_DAYS if d.day not in declared]
    db.session.add_all(HolidayOverride(day=d.day, working=d.working, name=d.source) for d in missing)
    return len(missing)
