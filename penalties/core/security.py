"""Security headers on every answer, pages and API (issue: hardening, point 4): a Content-Security-Policy with
no inline script or style (every script and style sheet is a file of static/), no framing, no sniffing, a
referrer kept inside the site, and HSTS in production (TLS ends at the load balancer, README "Production")."""

from flask import Flask

# Pages load only our own files; images may also be data: (the charts, QR codes) and blob: (photo previews).
CONTENT_SECURITY_POLICY = "; ".join(
    (
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data: blob:",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    )
)
HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Permissions-Policy": "camera=(self), microphone=(), geolocation=(), payment=()",
}
HSTS = "max-age=31536000; includeSubDomains"


def init_security_headers(app: Flask) -> None:
    """Add the headers to every response (HSTS only in production, where every request arrives over TLS)."""
    headers = dict(HEADERS)
    if app.config["ENV_NAME"] == "production":
        headers["Strict-Transport-Security"] = HSTS

    @app.after_request
    def _secure(response):
        for name, value in headers.items():
            response.headers.setdefault(name, value)
        return response
