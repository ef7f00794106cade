"""Small JPEG previews of evidence photos (Pillow, which WeasyPrint already requires)."""

import io

from PIL import Image, UnidentifiedImageError

SIZE = (320, 320)


def thumbnail(content: bytes, content_type: str) -> bytes | None:
    """Return a JPEG preview of an image, or None for a PDF or an unreadable image."""
    if not content_type.startswith("image/"):
        return None
    try:
        with Image.open(io.BytesIO(content)) as image:
            image.thumbnail(SIZE)
            out = io.BytesIO()
            image.convert("RGB").save(out, "JPEG", quality=80)
            return out.getvalue()
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError):
        return None
