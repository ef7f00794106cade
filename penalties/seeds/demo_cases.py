"""Demo cases for `flask seed demo`: a dozen realistic records in the wards of the former Tây Hồ district as they
are now (dated before today), and the history of a former ward: a decision of 2025 that its successor carries on."""

from datetime import date, datetime, time, timedelta

import sqlalchemy as sa

from penalties.auth.models import User
from penalties.cases.models import Case
from penalties.cases.operations import CaseInput, ViolationInput, ViolatorInput, record_case
from penalties.core.formatting import LEGAL_TZ

# name, ID number, birth date, address, ward, place, acts, days ago, mitigating, aggravating, description
PEOPLE = (
    (
        "Nguyễn Văn An",
        "001085012345",
        date(1985, 4, 12),
        "12 ngõ 52 Phú Thượng, Hà Nội",
        "HN-PHUTHUONG",
        "Số 5 đường Âu Cơ",
        ["GT-7-2h"],
        1,
        [],
        [],
        "Điều khiển xe mô tô không đội mũ bảo hiểm.",
    ),
    (
        "Trần Thị Bình",
        "001190023456",
        date(1990, 9, 3),
        "45 Nhật Chiêu, Hà Nội",
        "HN-HONGHA",
        "Ngõ 124 Âu Cơ",
        ["GT-12-7"],
        4,
        ["gn_2"],
        [],
        "Bày bán hàng hóa trên hè phố, chiếm 6 m² vỉa hè.",
    ),
    (
        "Đặng Văn Đức",
        "001078034567",
        date(1978, 1, 25),
        "8 Xuân La, Hà Nội",
        "HN-PHUTHUONG",
        "Số 18 ngõ 689 Lạc Long Quân",
        ["XD-16-7a"],
        6,
        [],
        [],
        "Tổ chức thi công xây dựng nhà ở riêng lẻ 4 tầng không có giấy phép xây dựng.",
    ),
    (
        "Lê Minh Khôi",
        "001209045678",
        date(2009, 1, 1),
        "22 Quảng An, Hà Nội",
        "HN-TAYHO",
        "Đường Quảng An",
        ["GT-7-2h"],
        2,
        [],
        [],
        "Người 17 tuổi điều khiển xe gắn máy không đội mũ bảo hiểm.",
    ),
    (
        "Phạm Thị Hương",
        "001188056789",
        date(1988, 6, 30),
        "3 Thụy Khuê, Hà Nội",
        "HN-TAYHO",
        "Vỉa hè số 102 Thụy Khuê",
        ["MT-25-2c"],
        8,
        ["gn_1", "gn_2"],
        [],
        "Vứt rác thải sinh hoạt không đúng nơi quy định tại khu vực công cộng.",
    ),
    (
        "Hoàng Quốc Việt",
        "001092067890",
        date(1992, 11, 11),
        "56 Tứ Liên, Hà Nội",
        "HN-HONGHA",
        "Nút giao Âu Cơ - Nghi Tàm",
        ["GT-7-7c"],
        3,
        [],
        ["tn_k"],
        "Điều khiển xe mô tô vượt đèn đỏ, sau đó bỏ chạy khi được yêu cầu dừng xe.",
    ),
    (
        "Bùi Thanh Tùng",
        "001087078901",
        date(1987, 2, 14),
        "9 Yên Phụ, Hà Nội",
        "HN-PHUTHUONG",
        "Đường An Dương Vương",
        ["GT-6-9b"],
        12,
        [],
        [],
        "Điều khiển xe ô tô không chấp hành hiệu lệnh đèn tín hiệu.",
    ),
    (
        "Võ Thị Lan",
        "001195089012",
        date(1995, 5, 5),
        "31 ngõ 1 Bưởi, Hà Nội",
        "HN-TAYHO",
        "Chợ Bưởi",
        ["GT-12-2e"],
        5,
        ["gn_6"],
        [],
        "Bán hàng rong trên vỉa hè tuyến phố có quy định cấm.",
    ),
)


def seed_demo_cases() -> int:
    """Record the demo cases when the database holds none; return how many were recorded."""
    from penalties.extensions import db
    from penalties.workdays.queries import work_calendar

    if db.session.scalar(sa.select(sa.func.count()).select_from(Case)):
        return 0
    officers = {
        unit: db.session.scalar(sa.select(User).where(User.username == username))
        for unit, username in (("HN-PHUTHUONG", "canbo.pt"), ("HN-TAYHO", "canbo.quan"), ("HN-HONGHA", "canbo.hh"))
    }
    now = datetime.now(LEGAL_TZ)
    calendar = work_calendar()
    for name, id_number, birth, address, ward, place, acts, ago, mit, agg, description in PEOPLE:
        day = now.date() - timedelta(days=ago)
        detected = datetime.combine(day, time(8, 15), tzinfo=LEGAL_TZ)
        data = CaseInput(
            unit=ward,
            violator=ViolatorInput("individual", name, id_number, address, birth),
            violations=[ViolationInput(act, day) for act in acts],
            detected_at=detected,
            recorded_at=detected + timedelta(minutes=40),
            location_unit=ward,
            location_address=place,
            description=description,
            mitigating=mit,
            aggravating=agg,
            witnesses="Nguyễn Văn Chứng, tổ trưởng tổ dân phố số 3",
        )
        record_case(data, [], actor=officers[ward], now=now, calendar=calendar)
    _former_ward_history(officers["HN-PHUTHUONG"], calendar)
    return len(PEOPLE) + 1


def _former_ward_history(officer, calendar) -> None:
    """A case of the former Phú Thượng ward decided in June 2025 and never paid: the new ward carries it on."""
    from penalties.decisions.operations import DecisionInput, issue_decision
    from penalties.extensions import db

    detected = datetime(2025, 6, 16, 9, 0, tzinfo=LEGAL_TZ)
    data = CaseInput(
        unit="HN-TH-PT",
        violator=ViolatorInput(
            "individual", "Hoàng Văn Dũng", "001080067890", "27 Phú Gia, Phú Thượng, Tây Hồ, Hà Nội", date(1980, 2, 5)
        ),
        violations=[ViolationInput("GT-12-7", detected.date())],
        detected_at=detected,
        recorded_at=detected + timedelta(minutes=30),
        location_unit="HN-TH-PT",
        location_address="Số 9 đường An Dương Vương",
        description="Sử dụng hè phố để kinh doanh dịch vụ ăn uống, chiếm 10 m² vỉa hè.",
        mitigating=[],
        aggravating=[],
        witnesses="Nguyễn Văn Chứng, tổ trưởng tổ dân phố số 3",
    )
    case = record_case(data, [], actor=officer, now=detected + timedelta(hours=1), calendar=calendar)
    signer = db.session.scalar(sa.select(User).where(User.username == "chutich.pt"))
    issue_decision(
        case,
        DecisionInput(issued_on=date(2025, 6, 20), delivered_on=date(2025, 6, 20)),
        actor=signer,
        today=date(2025, 6, 20),
    )
