"""What the audit trail calls each kind of object and each of its fields, in the user's language."""

from flask_babel import lazy_gettext as _l

KIND_LABELS: dict[str, object] = {
    "circumstances": _l("Tình tiết giảm nhẹ, tăng nặng"),
    "holiday_overrides": _l("Ngày nghỉ, ngày làm bù"),
    "sectors": _l("Lĩnh vực quản lý nhà nước"),
    "units": _l("Đơn vị hành chính"),
    "violators": _l("Người vi phạm"),
    "acts": _l("Hành vi vi phạm (danh mục)"),
    "users": _l("Người dùng"),
    "api_tokens": _l("Phiên đăng nhập / mã truy cập"),
    "cases": _l("Vụ việc (biên bản)"),
    "stored_documents": _l("Tài liệu lưu trữ"),
    "case_evidence": _l("Chứng cứ của vụ việc"),
    "decisions": _l("Quyết định"),
    "violations": _l("Hành vi vi phạm của vụ việc"),
    "appeals": _l("Khiếu nại, khởi kiện"),
    "decision_lines": _l("Dòng mức phạt của quyết định"),
    "deliveries": _l("Giao quyết định"),
    "enforcements": _l("Quyết định cưỡng chế"),
    "installment_plans": _l("Nộp tiền phạt nhiều lần"),
    "payments": _l("Khoản nộp phạt"),
    "postponements": _l("Hoãn thi hành quyết định"),
    "installments": _l("Kỳ nộp tiền phạt"),
}

# Columns that mean the same wherever they appear; a table gives its own label where the meaning differs.
_COMMON: dict[str, object] = {
    "id": _l("Mã số (id)"),
    "code": _l("Mã"),
    "name": _l("Tên"),
    "active": _l("Đang hoạt động"),
    "created_at": _l("Thời điểm tạo"),
    "created_by_id": _l("Người tạo"),
    "unit_id": _l("Đơn vị"),
    "case_id": KIND_LABELS["cases"],
    "decision_id": _l("Quyết định xử phạt"),
    "document_id": _l("Văn bản đã ban hành (PDF)"),
    "year": _l("Năm"),
    "seq": _l("Số thứ tự"),
    "number": _l("Số quyết định"),
    "position": _l("Thứ tự"),
    "address": _l("Địa chỉ"),
    "level": _l("Cấp"),
    "search_folded": _l("Chuỗi tìm kiếm"),
    "act_id": _l("Hành vi vi phạm"),
    "fine_min": _l("Mức phạt tối thiểu"),
    "fine_max": _l("Mức phạt tối đa"),
    "proposed_amount": _l("Mức phạt đề xuất"),
    "amount": _l("Số tiền"),
    "late_fee": _l("Tiền chậm nộp"),
    "basis": _l("Căn cứ"),
    "note": _l("Ghi chú"),
    "additional_sanctions": _l("Hình thức xử phạt bổ sung"),
    "remedial_measures": _l("Biện pháp khắc phục hậu quả"),
    "limitation_expires_on": _l("Hết thời hiệu ngày"),
    "requested_on": _l("Ngày đề nghị"),
    "decided_on": _l("Ngày quyết định"),
    "hardship": _l("Xác nhận hoàn cảnh khó khăn"),
    "evidence_id": _l("Tệp chứng minh"),
}


def _pick(columns: str) -> dict[str, object]:
    """Return the common labels of the columns named, separated by spaces."""
    return {column: _COMMON[column] for column in columns.split()}


FIELD_LABELS: dict[str, dict[str, object]] = {
    "circumstances": {
        **_pick("id code"),
        "kind": _l("Loại (giảm nhẹ / tăng nặng)"),
        "text": _l("Nội dung tình tiết"),
        "article": _l("Điều, khoản áp dụng"),
        "sort_order": _l("Thứ tự hiển thị"),
    },
    "holiday_overrides": {
        **_pick("id name created_at"),
        "day": _l("Ngày"),
        "working": _l("Ngày làm việc (làm bù)"),
    },
    "sectors": {
        **_pick("id code name"),
        "limitation_years": _l("Thời hiệu xử phạt (năm)"),
        "max_fine_individual": _l("Mức phạt tối đa (cá nhân)"),
        "max_fine_organisation": _l("Mức phạt tối đa (tổ chức)"),
        "active": _l("Đang áp dụng"),
    },
    "units": {
        **_pick("id code name level address active created_at"),
        "parent_id": _l("Đơn vị cấp trên"),
        "treasury_account": _l("Số tài khoản Kho bạc"),
        "treasury_name": _l("Tên tài khoản Kho bạc"),
        "treasury_bank_bin": _l("Mã ngân hàng (BIN)"),
    },
    "violators": {
        **_pick("id search_folded created_at"),
        "kind": _l("Đối tượng (cá nhân / tổ chức)"),
        "name": _l("Họ và tên / tên tổ chức"),
        "id_number": _l("Số định danh / giấy tờ"),
        "birth_date": _l("Ngày sinh"),
        "address": _l("Nơi ở / địa chỉ trụ sở"),
        "representative": _l("Người đại diện theo pháp luật"),
    },
    "acts": {
        **_pick("id additional_sanctions remedial_measures search_folded created_at"),
        "code": _l("Mã hành vi"),
        "sector_id": _l("Lĩnh vực"),
        "legal_basis": _l("Căn cứ pháp lý"),
        "description": _l("Mô tả hành vi"),
        "fine_min": _l("Mức phạt tối thiểu (cá nhân)"),
        "fine_max": _l("Mức phạt tối đa (cá nhân)"),
        "org_fine_min": _l("Mức phạt tối thiểu (tổ chức)"),
        "org_fine_max": _l("Mức phạt tối đa (tổ chức)"),
        "warning_allowed": _l("Được phạt cảnh cáo"),
        "valid_from": _l("Hiệu lực từ ngày"),
        "valid_to": _l("Hiệu lực đến ngày"),
        "active": _l("Đang áp dụng"),
    },
    "users": {
        **_pick("id unit_id active created_at"),
        "username": _l("Tên đăng nhập"),
        "password_hash": _l("Mật khẩu (mã băm)"),
        "full_name": _l("Họ và tên"),
        "role": _l("Vai trò"),
        "position": _l("Chức danh có thẩm quyền xử phạt"),
        "title": _l("Chức vụ in dưới chữ ký"),
        "delegation_number": _l("Số quyết định giao quyền"),
        "delegation_on": _l("Ngày quyết định giao quyền"),
        "last_login_at": _l("Lần đăng nhập gần nhất"),
        "session_generation": _l("Thế hệ phiên đăng nhập"),
    },
    "api_tokens": {
        **_pick("id created_at"),
        "user_id": KIND_LABELS["users"],
        "kind": _l("Loại (phiên web / API)"),
        "token_hash": _l("Mã truy cập (mã băm)"),
        "expires_at": _l("Hết hạn lúc"),
        "revoked_at": _l("Thu hồi lúc"),
    },
    "cases": {
        **_pick("id unit_id year seq search_folded limitation_expires_on created_by_id created_at"),
        "number": _l("Số biên bản"),
        "status": _l("Trạng thái"),
        "violator_id": KIND_LABELS["violators"],
        "detected_at": _l("Thời điểm phát hiện"),
        "recorded_at": _l("Thời điểm lập biên bản"),
        "location_unit_id": _l("Xã / phường nơi vi phạm"),
        "location_address": _l("Địa chỉ nơi vi phạm"),
        "description": _l("Mô tả hành vi vi phạm"),
        "witnesses": _l("Người chứng kiến, người bị thiệt hại"),
        "needs_explanation": _l("Người vi phạm yêu cầu giải trình"),
        "very_complex": _l("Vụ việc đặc biệt nghiêm trọng, phức tạp"),
        "complex_record": _l("Vụ việc phức tạp (lập biên bản trong 5 ngày)"),
        "repeat_offender": _l("Tái phạm"),
        "violator_snapshot": _l("Thông tin người vi phạm (khi lập biên bản)"),
        "record_due_on": _l("Hạn lập biên bản"),
        "decision_due_on": _l("Hạn ra quyết định"),
        "dismissed_on": _l("Ngày không ra quyết định xử phạt"),
        "dismissal_reason": _l("Lý do không ra quyết định xử phạt"),
        "version": _l("Phiên bản"),
    },
    "stored_documents": {
        **_pick("id created_at created_by_id"),
        "kind": _l("Loại tài liệu"),
        "filename": _l("Tên tệp"),
        "content_type": _l("Định dạng tệp"),
        "size": _l("Dung lượng (byte)"),
        "sha256": _l("Mã băm SHA-256"),
        "content": _l("Nội dung tệp"),
        "template_version": _l("Phiên bản mẫu"),
        "rendered_data": _l("Dữ liệu in văn bản"),
    },
    "case_evidence": {
        **_pick("case_id"),
        "document_id": _l("Tệp chứng cứ"),
        "caption": _l("Chú thích"),
    },
    "decisions": {
        **_pick(
            "id case_id unit_id year seq number additional_sanctions remedial_measures document_id created_by_id created_at"
        ),
        "kind": _l("Loại quyết định"),
        "amends_id": _l("Quyết định gốc (được đính chính, sửa đổi, hủy bỏ)"),
        "series": _l("Ký hiệu"),
        "issued_on": _l("Ngày ban hành"),
        "signer_id": _l("Người ký"),
        "signer_position": _l("Chức danh người ký"),
        "delegation": _l("Quyết định giao quyền"),
        "warning": _l("Cảnh cáo"),
        "fine_total": _l("Tổng tiền phạt"),
        "payment_period_days": _l("Thời hạn nộp phạt (ngày)"),
        "reason": _l("Lý do (đính chính, sửa đổi, hủy bỏ)"),
        "verification_code": _l("Mã xác minh"),
    },
    "violations": {
        **_pick("id case_id position act_id limitation_expires_on fine_min fine_max proposed_amount basis"),
        "ended_on": _l("Ngày chấm dứt vi phạm"),
        "violated_on": _l("Ngày vi phạm (áp dụng danh mục)"),
        "warning_only": _l("Chỉ cảnh cáo"),
        "no_sanction": _l("Không xử phạt"),
    },
    "appeals": {
        **_pick("id created_by_id created_at"),
        "kind": _l("Hình thức (khiếu nại / khởi kiện)"),
        "level": _l("Lần khiếu nại"),
        "decision_id": _l("Quyết định bị khiếu nại, khởi kiện"),
        "filed_on": _l("Ngày nộp đơn"),
        "grounds": _l("Nội dung khiếu nại, khởi kiện"),
        "accepted_on": _l("Ngày thụ lý"),
        "accept_due_on": _l("Hạn thụ lý"),
        "resolve_due_on": _l("Hạn giải quyết"),
        "complex": _l("Vụ việc phức tạp"),
        "remote": _l("Vùng sâu, vùng xa (kéo dài thời hạn)"),
        "suspended_on": _l("Tạm đình chỉ thi hành từ ngày"),
        "outcome": _l("Kết quả giải quyết"),
        "resolved_on": _l("Ngày giải quyết"),
        "new_fine_total": _l("Tổng tiền phạt mới"),
        "amending_decision_id": _l("Quyết định sửa đổi, hủy bỏ"),
        "refund_due": _l("Số tiền phải hoàn trả"),
        "resolution_note": _l("Ghi chú giải quyết"),
        "resolved_by_id": _l("Người giải quyết"),
    },
    "decision_lines": {
        **_pick("id position act_id fine_min fine_max proposed_amount basis"),
        "decision_id": KIND_LABELS["decisions"],
        "violation_id": _l("Hành vi vi phạm của vụ việc"),
        "amount": _l("Mức phạt áp dụng"),
        "reason": _l("Lý do chọn mức phạt"),
    },
    "deliveries": {
        **_pick("id decision_id note created_by_id created_at"),
        "delivered_on": _l("Ngày giao"),
        "method": _l("Hình thức giao"),
    },
    "enforcements": {
        **_pick("id decision_id unit_id year seq decided_on late_fee note document_id created_by_id created_at"),
        "number": _l("Số quyết định cưỡng chế"),
        "measure": _l("Biện pháp cưỡng chế"),
        "amount": _l("Tiền phạt còn phải nộp"),
    },
    "installment_plans": _pick(
        "id decision_id number requested_on decided_on hardship evidence_id document_id created_by_id created_at"
    ),
    "payments": {
        **_pick("id decision_id unit_id amount late_fee created_by_id created_at"),
        "principal": _l("Tiền phạt (gốc)"),
        "paid_on": _l("Ngày nộp"),
        "method": _l("Hình thức nộp"),
        "receipt_no": _l("Số biên lai"),
        "reverses_id": _l("Hủy khoản nộp số"),
        "reason": _l("Lý do / ghi chú"),
    },
    "postponements": {
        **_pick(
            "id decision_id number requested_on decided_on hardship evidence_id document_id created_by_id created_at"
        ),
        "until_on": _l("Hoãn đến ngày"),
    },
    "installments": {
        **_pick("id amount"),
        "seq": _l("Kỳ nộp thứ"),
        "plan_id": KIND_LABELS["installment_plans"],
        "due_on": _l("Hạn nộp"),
    },
}


def field_label(kind: str, column: str) -> str:
    """Return the label of a column of a table, or the column's name when it has none."""
    return str(FIELD_LABELS.get(kind, {}).get(column, column))


def kind_label(kind: str) -> str:
    """Return the label of a table, or the table's name when it has none."""
    return str(KIND_LABELS.get(kind, kind))
