"""Positions that may sign sanction decisions (SPEC §4; Law Art. 38–51 to 2025-06-30, Decree 189/2025 after)."""

POSITIONS = {
    "chu_tich_ubnd_xa": "Chủ tịch Ủy ban nhân dân cấp xã",
    "chu_tich_ubnd_huyen": "Chủ tịch Ủy ban nhân dân cấp huyện",
    "chu_tich_ubnd_tinh": "Chủ tịch Ủy ban nhân dân cấp tỉnh",
    "giam_doc_so": "Giám đốc Sở",
    "truong_cong_an_xa": "Trưởng Công an cấp xã",
    "chien_si_cand": "Chiến sĩ Công an nhân dân",
    # Police titles of Decree 189/2025/NĐ-CP Art. 8 (SPEC v2 §4).
    "truong_don_cand": "Trưởng đồn Công an, Trạm trưởng, Đội trưởng (Công an nhân dân)",
    "truong_phong_cong_an_tinh": "Trưởng phòng nghiệp vụ Công an cấp tỉnh",
    "giam_doc_cong_an_tinh": "Giám đốc Công an cấp tỉnh",
    # Inspectors: grouped with the directors of departments by Decree 311/2026 from 2026-09-26 [U].
    "chanh_thanh_tra_tinh": "Chánh Thanh tra tỉnh",
}
