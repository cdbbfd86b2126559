"""Make SCAN TWINS of gold documents: each page printed, rasterised and degraded the way an
office scanner degrades paper, wrapped into an image-only PDF (no text layer).

Run: python corpus/make/scan_twin.py [SOURCE ...] [--out corpus/scans] [--seed 7] [--dpi 200]
SOURCE is a gold document (``.docx``/``.odt``/``.html`` printed by LibreOffice, or a ``.pdf``
taken as printed); without one, the documents in ``TWINS`` are made. Needs pypdfium2 and
Pillow (the ocr extra) and LibreOffice (``soffice``) for non-PDF sources.

Each twin ``<stem>.scan.pdf`` is scored against ``gold/<stem>.json`` (the gate maps the
``.scan`` suffix back to its source). They are rendered twins, not real scans: what they have
of a scan is what this recipe puts there, all drawn from ``--seed``:

- the page turned a little (0.3-1.5 degrees, either way), as paper fed slightly askew;
- grey paper (a background level of 215-240 instead of white) and ink that is not black;
- sensor noise (Gaussian, sigma 3-6 grey levels) blurred with the ink by the scanner's optics;
- a round red receipt stamp ("ĐẾN", a number and a date line) over the first page's letterhead;
- JPEG compression at quality 60-80, the page stored as one greyscale or colour image.
"""

from __future__ import annotations

import argparse
import io
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
CORPUS = HERE.parent
TWINS = (  # gold documents with task tables, printed from their Word files
    "docs/kh2242-laocai-sct-kiemtra-vlncn-2026.docx",
    "docs/cv-lamdong-bcd-cqdp2cap-2025.docx",
    "docs/laocai-kh-ct11-khoangsan-2026.docx",
    "docs/kh-lamdong-cchc-2026-2030.docx",
    "docs/kh-lamdong-tuyentruyen-cchc-2026.docx",
)
SUFFIX = ".scan"
FIXED_DATE = 1767225600  # 2026-01-01, the PDF's creation date
STAMP_FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"


def print_to_pdf(source: Path, workdir: Path) -> Path:
    """The source as LibreOffice prints it (a PDF source is taken as printed)."""
    if source.suffix.lower() == ".pdf":
        return source
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        raise SystemExit("LibreOffice (soffice) is needed to print " + source.name)
    subprocess.run(
        [soffice, f"-env:UserInstallation=file://{workdir}/profile", "--headless",
         "--convert-to", "pdf", "--outdir", str(workdir), str(source)],
        check=True, capture_output=True, timeout=300,
    )
    return workdir / f"{source.stem}.pdf"


def rasterise(pdf: Path, dpi: int) -> list:
    """Every page of ``pdf`` as a greyscale PIL image at ``dpi``."""
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(str(pdf))
    try:
        return [document[i].render(scale=dpi / 72).to_pil().convert("RGB") for i in range(len(document))]
    finally:
        document.close()


def stamp(image, rng: random.Random, dpi: int):
    """A round red receipt stamp over the letterhead's left block (top left quarter)."""
    from PIL import Image, ImageDraw, ImageFont

    radius = int(dpi * rng.uniform(0.55, 0.7))
    layer = Image.new("RGBA", (2 * radius + 4, 2 * radius + 4), (0, 0, 0, 0))
    draw = ImageDraw.Draw(layer)
    red = (rng.randint(170, 210), rng.randint(20, 50), rng.randint(30, 60), rng.randint(150, 200))
    width = max(2, dpi // 60)
    draw.ellipse((2, 2, 2 * radius + 2, 2 * radius + 2), outline=red, width=width)
    draw.ellipse((radius // 5, radius // 5, 2 * radius - radius // 5, 2 * radius - radius // 5), outline=red, width=width // 2 + 1)
    try:
        big = ImageFont.truetype(STAMP_FONT, radius // 3)
        small = ImageFont.truetype(STAMP_FONT, radius // 6)
    except OSError:
        big = small = ImageFont.load_default()
    draw.text((radius + 2, radius - radius // 5), "ĐẾN", fill=red, font=big, anchor="mm")
    draw.text((radius + 2, radius + radius // 4), f"Số: {rng.randint(100, 9999)}", fill=red, font=small, anchor="mm")
    draw.text((radius + 2, radius + radius // 2), f"Ngày {rng.randint(1, 28)}/{rng.randint(1, 12)}", fill=red, font=small, anchor="mm")
    layer = layer.rotate(rng.uniform(-25, 25), resample=Image.BICUBIC, expand=False)
    x = int(image.width * rng.uniform(0.08, 0.22))
    y = int(image.height * rng.uniform(0.02, 0.06))
    image.paste(layer, (x, y), layer)
    return image


def degrade(image, rng: random.Random, dpi: int, *, first: bool):
    """One printed page as an office scanner returns it (see the module docstring)."""
    import numpy as np
    from PIL import Image, ImageFilter

    if first:
        image = stamp(image, rng, dpi)
    angle = rng.choice((-1, 1)) * rng.uniform(0.3, 1.5)
    paper = rng.randint(215, 240)
    ink = rng.randint(25, 60)
    image = image.rotate(angle, resample=Image.BILINEAR, fillcolor=(255, 255, 255))
    pixels = np.asarray(image).astype(np.float32)
    pixels = ink + pixels * (paper - ink) / 255.0  # grey paper, ink not quite black
    noise = np.random.default_rng(rng.randrange(2**32)).normal(0.0, rng.uniform(3, 6), pixels.shape[:2])
    pixels = np.clip(pixels + noise[..., None], 0, 255).astype(np.uint8)
    # The optics blur the grain with the ink (and JPEG keeps a blurred page small).
    return Image.fromarray(pixels, "RGB").filter(ImageFilter.GaussianBlur(rng.uniform(0.6, 1.0)))


def twin(source: Path, out: Path, *, seed: int, dpi: int) -> Path:
    """``out/<stem>.scan.pdf``: the source printed, each page degraded, JPEG in a PDF."""
    from PIL import Image

    rng = random.Random(f"{seed}:{source.stem}")
    colour = rng.random() < 0.5  # scanners store colour or greyscale pages
    quality = rng.randint(60, 80)
    with tempfile.TemporaryDirectory() as tmp:
        pages = rasterise(print_to_pdf(source, Path(tmp)), dpi)
    scanned = []
    for index, page in enumerate(pages):
        page = degrade(page, rng, dpi, first=index == 0)
        page = page if colour else page.convert("L")
        buffer = io.BytesIO()
        page.save(buffer, format="JPEG", quality=quality)
        scanned.append(Image.open(io.BytesIO(buffer.getvalue())))
    target = out / f"{source.stem}{SUFFIX}.pdf"
    fixed = time.gmtime(FIXED_DATE)  # the same bytes from the same seed: no clock in the file
    scanned[0].save(target, format="PDF", save_all=True, append_images=scanned[1:], resolution=dpi, quality=quality,
                    creationDate=fixed, modDate=fixed)
    return target


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sources", nargs="*", type=Path)
    parser.add_argument("--out", type=Path, default=CORPUS / "scans")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--dpi", type=int, default=200)
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    for source in args.sources or [CORPUS / name for name in TWINS]:
        made = twin(source, args.out, seed=args.seed, dpi=args.dpi)
        print(f"{made} {made.stat().st_size / 1e6:.2f} MB", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
