"""Draw the bitmap forms of the logo from static/img/favicon.svg with the system Chromium.

Run after changing the logo: `.venv/bin/python scripts/draw_identity.py`. Writes the PNG
favicon, the touch and manifest icons, favicon.ico and the default share image (1200 × 630),
all into static/img/.
"""

import base64
import io
from pathlib import Path

from PIL import Image
from playwright.sync_api import sync_playwright

IMG = Path(__file__).resolve().parent.parent / "static" / "img"
BRAND = "#1d4e6b"
# Square icons are drawn on the brand colour edge to edge: platforms round the corners
# themselves (and a maskable icon must have no transparent edge).
ICONS = {
    "favicon-32.png": 32,
    "apple-touch-icon.png": 180,
    "icon-192.png": 192,
    "icon-512.png": 512,
}
ICO_SIZES = [16, 32, 48]

ICON_PAGE = """<!DOCTYPE html><html><head><style>
html, body {{ margin: 0; background: {background}; }}
img {{ display: block; width: {size}px; height: {size}px; }}
</style></head><body><img src="data:image/svg+xml;base64,{svg}" alt=""></body></html>"""

SHARE_PAGE = """<!DOCTYPE html><html><head><style>
html, body {{ margin: 0; width: 1200px; height: 630px; background: {brand}; color: #fff;
  font-family: system-ui, "DejaVu Sans", sans-serif; }}
.frame {{ display: flex; align-items: center; gap: 48px; padding: 0 90px; height: 606px; }}
img {{ width: 200px; height: 200px; border-radius: 36px; box-shadow: 0 0 0 6px #ffffff22; }}
.name {{ font-size: 84px; font-weight: 700; letter-spacing: -1px; }}
.line {{ font-size: 34px; margin-top: 12px; color: #d6e7f1; }}
.bar {{ height: 24px; background: #ffbf47; }}
</style></head><body>
<div class="frame"><img src="data:image/svg+xml;base64,{svg}" alt="">
<div><div class="name">PlugInnovation</div>
<div class="line">Kunskap mot studieavbrott</div>
<div class="line">Knowledge against school dropout</div></div></div>
<div class="bar"></div></body></html>"""


def main():

    svg = base64.b64encode((IMG / "favicon.svg").read_bytes()).decode()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", headless=True)
        page = browser.new_page()
        for name, size in ICONS.items():
            background = "transparent" if name == "favicon-32.png" else BRAND
            page.set_viewport_size({"width": size, "height": size})
            page.set_content(ICON_PAGE.format(svg=svg, size=size, background=background))
            page.screenshot(path=IMG / name, omit_background=background == "transparent")
        page.set_viewport_size({"width": 256, "height": 256})
        page.set_content(ICON_PAGE.format(svg=svg, size=256, background="transparent"))
        big = Image.open(io.BytesIO(page.screenshot(omit_background=True)))
        big.save(IMG / "favicon.ico", sizes=[(size, size) for size in ICO_SIZES])
        page.set_viewport_size({"width": 1200, "height": 630})
        page.set_content(SHARE_PAGE.format(svg=svg, brand=BRAND))
        page.screenshot(path=IMG / "share.png")
        browser.close()
    for name in [*ICONS, "share.png"]:
        Image.open(IMG / name).save(IMG / name, optimize=True)


if __name__ == "__main__":
    main()
