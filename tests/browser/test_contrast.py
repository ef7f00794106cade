"""Browser (issue 13, point 5): the navigation bar's links read at least 4.5:1 against the brand red (WCAG 2.1
AA, 1.4.3), as every role sees it."""

import pytest

from tests.browser.conftest import sign_in_browser
from tests.helpers import PASSWORD

pytestmark = pytest.mark.browser

# WCAG relative luminance of each link's colour, alpha-blended over the bar, against the bar's own.
CONTRASTS = """
() => {
  const rgba = (text) => text.match(/[\\d.]+/g).map(Number);
  const lum = ([r, g, b]) => {
    const c = [r, g, b].map((v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; });
    return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
  };
  const nav = document.querySelector("nav.site-nav");
  const bar = rgba(getComputedStyle(nav).backgroundColor);
  return [...nav.querySelectorAll("a.nav-link, a.navbar-brand, .nav-link")].map((link) => {
    const [r, g, b, a = 1] = rgba(getComputedStyle(link).color);
    const seen = [r, g, b].map((v, i) => a * v + (1 - a) * bar[i]);
    const [hi, lo] = [lum(seen), lum(bar)].sort((x, y) => y - x);
    return [link.textContent.trim(), (hi + 0.05) / (lo + 0.05)];
  });
}
"""


@pytest.mark.parametrize("role", ["officer", "legal", "board"])
def test_the_navigation_reads_at_least_4_5_to_1(live_server, page, users, role):
    sign_in_browser(page, live_server, role, PASSWORD)
    contrasts = page.evaluate(CONTRASTS)
    assert contrasts, "links in the navigation bar"
    low = [(text, round(ratio, 2)) for text, ratio in contrasts if ratio < 4.5]
    assert not low, f"links under 4.5:1: {low}"
