"""Positions that may sign sanction decisions (SPEC §4; Law Art. 38–51 to 2025-06-30, Decree 189/2025 after)."""

POSITIONS = {
    "chu_tich_ubnd_xa": "Chủ tịch Ủy ban nhân dân cấp xã",
    "chu_tich_ubnd_huyen": "Chủ tịch Ủy ban nhân dân cấp huyện",
    "chu_tich_ubnd_tinh": "Chủ tịch Ủy ban nhân dân cấp tỉnh",
    "giam_doc_so": "Giám đốc Sở",
    "truong_cong_an_xa": "Trưởng Công an cấp xã",
    "chien_si_cand": "Chiến sĩ Công an nhân dân",
}
