"""Regenerate the DejaVuSansCore-*.ttf subsets from the full DejaVu Sans files beside this script.

    .venv/bin/python resources/fonts/make_core_subset.py

Why: fpdf2 parses the whole font for every document; the full DejaVu Sans (6,253 glyphs) costs
about 40 ms per style on a quiet laptop, the core subset (Latin incl. Vietnamese, IPA, Greek incl.
polytonic, Cyrillic, punctuation, currency, arrows, maths, symbols; ~2,900 glyphs) a quarter of
that. Documents whose text needs anything else are rendered with the full fonts instead, so no
character is ever lost. The subsets keep the DejaVu names (the Bitstream Vera licence only forbids
"Bitstream" and "Vera" in the names of modified fonts).
"""

from pathlib import Path

from fontTools import subset, ttLib

HERE = Path(__file__).resolve().parent
RANGES = [(0x20, 0x7E), (0xA0, 0x24F), (0x250, 0x2FF), (0x300, 0x36F), (0x370, 0x3FF), (0x400, 0x52F),
          (0x1E00, 0x1EFF), (0x1F00, 0x1FFF), (0x2000, 0x206F), (0x20A0, 0x20CF), (0x2100, 0x214F),
          (0x2150, 0x218F), (0x2190, 0x21FF), (0x2200, 0x22FF), (0x2460, 0x24FF), (0x25A0, 0x25FF),
          (0x2600, 0x26FF), (0x2700, 0x27BF), (0xFB00, 0xFB06), (0xFFFD, 0xFFFD)]

for style in ("", "-Bold", "-Oblique", "-BoldOblique"):
    font = ttLib.TTFont(HERE / f"DejaVuSans{style}.ttf")
    options = subset.Options()
    options.layout_features = ["*"]
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    options.notdef_outline = True
    options.glyph_names = True
    options.legacy_kern = True
    options.hinting = True
    options.drop_tables += ["FFTM"]
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=[c for low, high in RANGES for c in range(low, high + 1)])
    subsetter.subset(font)
    font.save(HERE / f"DejaVuSansCore{style}.ttf")
    print(f"DejaVuSansCore{style}.ttf: {len(font.getGlyphOrder())} glyphs")
