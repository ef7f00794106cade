"""`flask seed demo`: the wards of the former Tây Hồ district of Hà Nội as they are from 01/07/2025, the former
district and wards kept as ended units with their history, a user per role, the acts of SPEC §3.

Idempotent: what exists is left alone. Passwords are random, printed once, and kept in
instance/demo-credentials.txt (mode 600) so a developer who missed them can read them again.
"""

import secrets
from datetime import date
from pathlib import Path

import sqlalchemy as sa

from penalties.auth.models import User
from penalties.auth.operations import hash_password
from penalties.catalogue.models import Act
from penalties.catalogue.operations import ActInput, create_act
from penalties.core.audit import act_as
from penalties.extensions import db
from penalties.seeds.demo_cases import seed_demo_cases
from penalties.seeds.reference import seed_reference
from penalties.units.models import Unit, UnitSuccessor

# Hà Nội as it is from 01/07/2025 (Resolution 1656/NQ-UBTVQH15 of 16/06/2025, Art. 1): wards directly under the
# city. code, name, level, parent, address, valid from, valid to, successors (the first takes the whole or most).
NEW = date(2025, 7, 1)
OLD = date(2025, 6, 30)
_TH = ("HN-TAYHO",)
UNITS = (
    ("HN", "Thành phố Hà Nội", "province", None, "Số 12 Lê Lai, phường Hoàn Kiếm, Hà Nội", None, None, ()),
    ("HN-TAYHO", "Phường Tây Hồ", "commune", "HN", "Số 657 Lạc Long Quân, phường Tây Hồ, Hà Nội", NEW, None, ()),
    (
        "HN-PHUTHUONG",
        "Phường Phú Thượng",
        "commune",
        "HN",
        "Số 1 An Dương Vương, phường Phú Thượng, Hà Nội",
        NEW,
        None,
        (),
    ),
    ("HN-HONGHA", "Phường Hồng Hà", "commune", "HN", "Số 30 phố Tứ Liên, phường Hồng Hà, Hà Nội", NEW, None, ()),
    # The former district and its eight wards, kept with their history (Resolution 1656 Art. 1: Tây Hồ takes the
    # whole of Bưởi and parts of the other seven; Phú Thượng most of Phú Thượng and part of Xuân La; Hồng Hà most
    # of Nhật Tân, Tứ Liên and Yên Phụ). Parts that went to wards of other former districts (Ba Đình, Ngọc Hà,
    # Xuân Đỉnh…) are not in the demo.
    (
        "HN-TH",
        "Quận Tây Hồ",
        "district",
        "HN",
        "Số 657 Lạc Long Quân, Tây Hồ, Hà Nội",
        None,
        OLD,
        ("HN-TAYHO", "HN-PHUTHUONG", "HN-HONGHA"),
    ),
    ("HN-TH-BUOI", "Phường Bưởi", "commune", "HN-TH", "Số 2 Thụy Khuê, Tây Hồ, Hà Nội", None, OLD, _TH),
    (
        "HN-TH-NT",
        "Phường Nhật Tân",
        "commune",
        "HN-TH",
        "Số 3 Nhật Chiêu, Tây Hồ, Hà Nội",
        None,
        OLD,
        ("HN-HONGHA", "HN-TAYHO"),
    ),
    (
        "HN-TH-PT",
        "Phường Phú Thượng",
        "commune",
        "HN-TH",
        "Số 1 An Dương Vương, Tây Hồ, Hà Nội",
        None,
        OLD,
        ("HN-PHUTHUONG", "HN-TAYHO"),
    ),
    ("HN-TH-QA", "Phường Quảng An", "commune", "HN-TH", "Số 11 Quảng An, Tây Hồ, Hà Nội", None, OLD, _TH),
    ("HN-TH-TK", "Phường Thụy Khuê", "commune", "HN-TH", "Số 182 Thụy Khuê, Tây Hồ, Hà Nội", None, OLD, _TH),
    (
        "HN-TH-TL",
        "Phường Tứ Liên",
        "commune",
        "HN-TH",
        "Số 25 Âu Cơ, Tây Hồ, Hà Nội",
        None,
        OLD,
        ("HN-HONGHA", "HN-TAYHO"),
    ),
    (
        "HN-TH-XL",
        "Phường Xuân La",
        "commune",
        "HN-TH",
        "Số 35 Xuân La, Tây Hồ, Hà Nội",
        None,
        OLD,
        ("HN-TAYHO", "HN-PHUTHUONG"),
    ),
    (
        "HN-TH-YP",
        "Phường Yên Phụ",
        "commune",
        "HN-TH",
        "Số 1 Yên Phụ, Tây Hồ, Hà Nội",
        None,
        OLD,
        ("HN-HONGHA", "HN-TAYHO"),
    ),
)
# A demo Treasury account (not a real one) so that decisions of this ward carry a VietQR payment code.
TREASURY = dict.fromkeys(
    ("HN-PHUTHUONG", "HN-TH-PT"), ("3949010543210", "Kho bạc Nhà nước khu vực I (tài khoản mẫu)", "970415")
)
# username, role, unit, position, full name, title
USERS = (
    ("quantri", "admin", None, None, "Nguyễn Thị Quản Trị", None),
    ("canbo.pt", "officer", "HN-PHUTHUONG", None, "Trần Văn Bình", "Công chức Văn phòng"),
    ("canbo.quan", "officer", "HN-TAYHO", None, "Ngô Đức Mạnh", "Công chức Văn phòng - Thống kê"),
    ("canbo.hh", "officer", "HN-HONGHA", None, "Vũ Thị Lan", "Công chức Văn phòng"),
    ("phaply.pt", "legal", "HN-PHUTHUONG", None, "Lê Thị Hạnh", "Công chức Tư pháp - Hộ tịch"),
    ("chutich.pt", "legal", "HN-PHUTHUONG", "chu_tich_ubnd_xa", "Phạm Quốc Hùng", "Chủ tịch"),
    ("bcd.quan", "board", "HN", None, "Đỗ Minh Châu", "Thành viên Ban chỉ đạo"),
)
_D16, _D168, _D45 = "Nghị định 16/2022/NĐ-CP", "Nghị định 168/2024/NĐ-CP", "Nghị định 45/2022/NĐ-CP"
# The acts of SPEC §3 with their real ranges (individual / organisation), from law-research §8.
ACTS = (
    ActInput(
        "XD-16-7a",
        "xay_dung",
        f"Điểm a khoản 7 Điều 16 {_D16}",
        "Tổ chức thi công xây dựng nhà ở riêng lẻ không có giấy phép xây dựng mà theo quy định phải có "
        "giấy phép xây dựng",
        30_000_000,
        40_000_000,
        60_000_000,
        80_000_000,
        remedial_measures=["Buộc phá dỡ công trình, phần công trình xây dựng vi phạm"],
        valid_from=date(2022, 1, 28),
    ),
    ActInput(
        "GT-7-7c",
        "giao_thong_duong_bo",
        f"Điểm c khoản 7 Điều 7 {_D168}",
        "Người điều khiển xe mô tô, xe gắn máy không chấp hành hiệu lệnh của đèn tín hiệu giao thông",
        4_000_000,
        6_000_000,
        valid_from=date(2025, 1, 1),
    ),
    ActInput(
        "GT-6-9b",
        "giao_thong_duong_bo",
        f"Điểm b khoản 9 Điều 6 {_D168}",
        "Người điều khiển xe ô tô không chấp hành hiệu lệnh của đèn tín hiệu giao thông",
        18_000_000,
        20_000_000,
        valid_from=date(2025, 1, 1),
    ),
    ActInput(
        "GT-7-2h",
        "giao_thong_duong_bo",
        f"Điểm h khoản 2 Điều 7 {_D168}",
        "Người điều khiển xe mô tô, xe gắn máy không đội mũ bảo hiểm hoặc đội mũ bảo hiểm không cài quai "
        "đúng quy cách khi tham gia giao thông trên đường bộ",
        400_000,
        600_000,
        valid_from=date(2025, 1, 1),
    ),
    ActInput(
        "GT-12-7",
        "giao_thong_duong_bo",
        f"Khoản 7 Điều 12 {_D168}",
        "Sử dụng trái phép lòng đường, hè phố để họp chợ, kinh doanh dịch vụ ăn uống, bày, bán hàng hóa, "
        "sửa chữa phương tiện, rửa xe, đặt biển hiệu",
        2_000_000,
        3_000_000,
        4_000_000,
        6_000_000,
        remedial_measures=["Buộc khôi phục lại tình trạng ban đầu đã bị thay đổi do vi phạm hành chính gây ra"],
        valid_from=date(2025, 1, 1),
    ),
    ActInput(
        "GT-12-2e",
        "giao_thong_duong_bo",
        f"Điểm e khoản 2 Điều 12 {_D168}",
        "Bán hàng rong hoặc bán hàng hóa nhỏ lẻ khác trên lòng đường, trên vỉa hè các tuyến phố có quy định "
        "cấm bán hàng",
        200_000,
        250_000,
        warning_allowed=True,
        valid_from=date(2025, 1, 1),
    ),
    ActInput(
        "MT-25-2a",
        "moi_truong",
        f"Điểm a khoản 2 Điều 25 {_D45}",
        "Vứt, thải, bỏ đầu, mẩu và tàn thuốc lá không đúng nơi quy định tại khu chung cư, thương mại, dịch "
        "vụ hoặc nơi công cộng",
        100_000,
        150_000,
        warning_allowed=True,
        valid_from=date(2022, 8, 25),
    ),
    ActInput(
        "MT-25-2c",
        "moi_truong",
        f"Điểm c khoản 2 Điều 25 {_D45}",
        "Vứt, thải rác thải sinh hoạt hoặc đổ nước thải không đúng nơi quy định tại khu chung cư, thương mại, "
        "dịch vụ hoặc nơi công cộng",
        500_000,
        1_000_000,
        valid_from=date(2022, 8, 25),
        remedial_measures=["Buộc khôi phục lại tình trạng môi trường ban đầu"],
    ),
    ActInput(
        "MT-25-2d",
        "moi_truong",
        f"Điểm d khoản 2 Điều 25 {_D45}",
        "Vứt, thải rác thải sinh hoạt trên vỉa hè, lòng đường hoặc vào hệ thống thoát nước thải đô thị",
        1_000_000,
        2_000_000,
        valid_from=date(2022, 8, 25),
        remedial_measures=["Buộc khôi phục lại tình trạng môi trường ban đầu"],
    ),
)


def _units() -> int:
    """Add the missing units; bring the demo's former district and wards (of a database seeded before the map was
    dated) to their end on 30/06/2025 with their successors. Nothing is renumbered or deleted."""
    have = {u.code: u for u in db.session.scalars(sa.select(Unit))}
    added = 0
    for code, name, level, parent, address, valid_from, valid_to, _successors in UNITS:
        if code in have:
            continue
        unit = Unit(code=code, name=name, level=level, parent=have.get(parent), address=address)
        unit.valid_from, unit.valid_to = valid_from, valid_to
        if code in TREASURY:
            unit.treasury_account, unit.treasury_name, unit.treasury_bank_bin = TREASURY[code]
        db.session.add(unit)
        db.session.flush()
        have[code] = unit
        added += 1
    for code, _name, _level, _parent, _address, _from, valid_to, successors in UNITS:
        unit = have[code]
        if valid_to is not None and unit.valid_to is None:
            unit.valid_to = valid_to
        linked = set(db.session.scalars(sa.select(UnitSuccessor.successor_id).where(UnitSuccessor.unit_id == unit.id)))
        for position, successor in enumerate(successors, start=1):
            if have[successor].id not in linked:
                db.session.add(UnitSuccessor(unit_id=unit.id, successor_id=have[successor].id, position=position))
    db.session.flush()
    return added


def _users() -> list[tuple[str, str, str]]:
    """Add the missing demo users; a demo user of a unit that has ended moves to the unit the demo now gives them
    (the former ward's staff serve the new ward)."""
    have = {u.username: u for u in db.session.scalars(sa.select(User))}
    created = []
    for username, role, unit_code, position, full_name, title in USERS:
        unit = db.session.scalar(sa.select(Unit).where(Unit.code == unit_code)) if unit_code else None
        if username in have:
            user = have[username]
            if (
                unit is not None
                and user.unit is not None
                and user.unit.valid_to is not None
                and user.unit_id != unit.id
            ):
                user.unit, user.title = unit, title
            continue
        password = secrets.token_urlsafe(9)
        db.session.add(
            User(
                username=username,
                role=role,
                unit=unit,
                position=position,
                full_name=full_name,
                title=title,
                password_hash=hash_password(password),
            )
        )
        created.append((username, role, password))
    return created


def _acts() -> int:
    have = set(db.session.scalars(sa.select(Act.code)))
    todo = [a for a in ACTS if a.code not in have]
    for data in todo:
        create_act(data, actor=None)
    return len(todo)


def seed_demo(instance_path: str) -> dict:
    """Add the demo district, users and acts that are missing; return what was added."""
    seed_reference()  # the acts name sectors of the reference data
    act_as(db.session, None)
    result = {"units": _units(), "users": _users(), "acts": _acts()}
    db.session.flush()
    result["cases"] = seed_demo_cases()
    db.session.commit()
    if result["users"]:
        path = Path(instance_path) / "demo-credentials.txt"
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("a") as out:
            for username, role, password in result["users"]:
                out.write(f"{username}\t{role}\t{password}\n")
        path.chmod(0o600)
    return result
