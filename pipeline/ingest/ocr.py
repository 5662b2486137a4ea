"""OCR of page images with rapidocr (PP-OCR detection and recognition models shipped in its wheel,
run by onnxruntime): recognised text becomes the same glyph records a text layer gives.

    read_page_image(image, points_per_pixel, settings) -> PageOcr   # a whole page
    read_regions(image, regions, points_per_pixel, settings) -> list[dict]   # parts of a page

Steps, each for a reason measured on newspaper pages (README, "Scans and OCR"):
- detection runs on a copy scaled down to at most DET_MAX_SIDE pixels (the detector costs grow
  with the pixel count; body type stays detectable), recognition on crops of the full image;
- the page is turned upright (90/180/270 degrees) when its lines say so, and deskewed by the
  median angle of its long line boxes;
- line boxes of one line detected twice (a fake-bold headline, overlapping pieces) are merged
  before recognition;
- rapidocr's per-character boxes give each glyph its x extent; its top and bottom are an em box
  centred on the line's ink, whose height gives the font size; ASCII punctuation read between
  Chinese characters becomes full-width, as printed;
- a vertical line (a tall box: a vertical headline) gives stacked per-character boxes, top to
  bottom;
- every glyph carries `conf`, the recogniser's confidence for its character; layout keeps each
  line's lowest, and lines below LOW_CONFIDENCE are listed for review.

Models are loaded from the package's own files by explicit path, so rapidocr's download code is
never reached, and onnxruntime's telemetry is switched off (ORT_DISABLE_TELEMETRY), so nothing
is written outside the run's outputs (tests run with sockets blocked and check the folders).
"""
from __future__ import annotations

import math
import os
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from statistics import median
from typing import Optional, Sequence

import numpy as np

from pipeline.document import Box
from pipeline.ingest.missed_ink import (
    LARGE, Rect, large_regions, lone_marks, merge_rects, row_height, uncovered_ink, widened,
)
from pipeline.ingest.smear import binarised, copy_offset, run_offset, unsmear

LOW_CONFIDENCE = 0.8  # a line whose least confident character is below this is shown for review
DEFAULT_DPI = 200  # PDF pages are rendered at this resolution for OCR
DET_MAX_SIDE = 2000  # detection input: longest side in pixels (the image is never enlarged)
REC_BATCH = 6  # crops per recogniser call (rapidocr's default; larger batches measured slower)
MIN_SCORE = 0.5  # recognised lines scoring less are dropped (rapidocr's own default)
RECOVERED_SCORE = 0.7  # a line found in ink the detector passed over must score this much
MARK_CHARS = 2  # a lone mark recognised in its own box is this many characters at most
SURE = 0.95  # a line in large type read at least this surely is not read again as offset copies
SMEAR_GAIN = 0.03  # a reading with one copy taken away replaces the first when this much surer
TALL = 1.5  # height/width from which a box is a vertical line (rapidocr turns such crops)
SKEW_MIN_DEGREES = 0.1  # a smaller median angle is left alone
SKEW_MAX_DEGREES = 10.0  # angles beyond this are not skew (diagonal art, stray boxes)
LONG_LINE = 4.0  # width/height from which a line box's angle counts for deskewing
DUPLICATE_OVERLAP = 0.5  # two boxes sharing this share of the smaller one are one line
SAME_ROW = 0.7  # boxes sharing this share of their height and overlapping at all are one line
INK_EM = 0.95  # ink height of a line of Chinese type, in ems (WenQuanYi Zen Hei 0.99, Song ~0.9)
SPACE_EXTRA = 0.15  # of the size: two characters' centres this much further apart than their
# advances hold a printed space (a thin space is 0.25-0.33 em)
MIN_SPACE_INK_GAP = 0.28  # of the size: and their ink at least this far apart (a thin space
# leaves its own width and two side bearings)
DIGIT_ADVANCE = 0.55  # of the full-width pitch: a digit's advance when the line shows none
LETTER_BEARING = 0.1  # of the size: a Latin letter's advance beyond its ink
OPEN_PUNCTUATION = "（(《〈“‘「『【〔"
CLOSE_PUNCTUATION = "，。、；：？！）)》〉”’」』】〕,.;:?!"
ORIENTATION_SAMPLE = 16  # line crops used to decide whether a page is upside down
UPSIDE_DOWN_SHARE = 0.6  # share of sampled lines read as turned 180 degrees to turn the page
RULE_DARK = 128  # grey level under which a pixel is ink, for ruling lines
RULE_LENGTH = 8.0  # in line heights: a dark run at least this long is a ruling line...
RULE_THICKNESS = 0.35  # ...if no thicker than this
PHOTO_LIGHT = 230  # grey level under which a pixel is not paper
PHOTO_TEXT_PAD = 0.2  # line heights of margin cleared around recognised text
PHOTO_MIN = 3.0  # line heights: a photo is at least this wide and tall...
PHOTO_FILL = 0.5  # ...and this share of its box is not paper
REGION_PAD = 0.25  # line heights added above and below a region to re-read
BLANK_CONTRAST = 24  # grey levels: a page image with less spread between its darkest and lightest
# pixel holds no ink to read (an empty page), so the detector is not run on it
DASH_LIKE = "-‐‑–—―－_一"  # what the recogniser makes of part of a dash
DASH_EMS = (1.5, 2.3)  # a dash `——` is one stroke this many ems long (two em dashes, touching)
DASH_GAP = 0.8  # ems: at most this blank between the dash and the line's ink
DASH_BREAK = 0.2  # ems: a break this short inside the stroke joins its two halves
DASH_THICKNESS = 0.2  # ems: the stroke is no thicker than this
DASH_OFFSET = 0.25  # ems: and runs this close to the middle of the line's em box
FULLWIDTH = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！", "(": "（", ")": "）"}


@dataclass(frozen=True)
class OcrSettings:
    """How OCR runs: `mode` auto (pages that need it), off (never), force (every page)."""

    mode: str = "auto"
    dpi: int = DEFAULT_DPI
    threads: int = 0  # onnxruntime intra-op threads; 0 = all cores


@dataclass
class PageOcr:
    """OCR result for a page image: glyphs, photos and ruling lines in points, and what was done
    to the image."""

    glyphs: list[dict]
    images: list[Box] = field(default_factory=list)
    rules: list[Box] = field(default_factory=list)
    rotation: int = 0  # degrees the image was turned clockwise to be upright
    skew: float = 0.0  # degrees the image was rotated to deskew it
    seconds: dict[str, float] = field(default_factory=dict)
    size: tuple[float, float] = (0.0, 0.0)  # the upright page's width and height, in points


@dataclass
class _Line:
    quad: np.ndarray  # 4x2 float32, top-left clockwise, in image pixels
    text: str
    score: float
    chars: list[tuple[str, float, np.ndarray]]  # (char, confidence, 4x2 box in image pixels)


def _model_files() -> dict[str, Path]:
    import rapidocr

    models = Path(rapidocr.__file__).resolve().parent / "models"
    files = {"det": "PP-OCRv6_det_small.onnx", "rec": "PP-OCRv6_rec_small.onnx",
             "cls": "ch_ppocr_mobile_v2.0_cls_mobile.onnx"}
    return {task: models / name for task, name in files.items()}


def cpu_threads(requested: int) -> int:
    """Threads for onnxruntime: the request, or, when 0, this process's share of the cores (a
    batch worker is told its share in PIPELINE_WORKER_CORES; alone, every core)."""
    if requested > 0:
        return requested
    share = os.environ.get("PIPELINE_WORKER_CORES", "")
    return int(share) if share.isdigit() and int(share) > 0 else max(1, os.cpu_count() or 1)


class OcrEngine:
    """rapidocr's detector, classifier and recogniser, loaded once per process and thread count.

    The detector runs one large image: its session uses `threads` intra-op threads. The
    recogniser runs many small batches: one intra-op thread per batch and `threads` batches at a
    time do more per CPU second than threads splitting each small batch (measured: README)."""

    def __init__(self, threads: int) -> None:
        # onnxruntime's telemetry writes a device id under ~/.cache (and may report usage):
        # off, before onnxruntime is loaded.
        os.environ.setdefault("ORT_DISABLE_TELEMETRY", "1")
        from rapidocr import RapidOCR

        files = _model_files()
        missing = [str(p) for p in files.values() if not p.is_file()]
        if missing:
            raise RuntimeError(f"rapidocr model files missing: {', '.join(missing)}")
        self.threads = cpu_threads(threads)
        self._ocr = RapidOCR(params={
            "Global.log_level": "error",
            "Det.model_path": str(files["det"]),
            "Rec.model_path": str(files["rec"]),
            "Cls.model_path": str(files["cls"]),
            "EngineConfig.onnxruntime.intra_op_num_threads": 1,
            "EngineConfig.onnxruntime.inter_op_num_threads": 1,
        })
        self.det = self._ocr._load_det_model()
        self.rec = self._ocr._load_rec_model()
        self.cls = self._ocr._load_cls_model()
        if self.threads > 1:
            self.det.session.session = _session(files["det"], self.threads)
        self.pool = ThreadPoolExecutor(self.threads) if self.threads > 1 else None
        self.lock = threading.Lock()

    def detect(self, image: np.ndarray, max_side: int = DET_MAX_SIDE) -> list[np.ndarray]:
        """Line quads in `image` pixels, detected on a copy no larger than `max_side`."""
        import cv2

        h, w = image.shape[:2]
        scale = min(1.0, max_side / max(h, w))
        small = cv2.resize(image, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA) \
            if scale < 1.0 else image
        result = self.det(small)
        if result.boxes is None:
            return []
        return [np.asarray(q, dtype=np.float32) / scale for q in result.boxes]

    def detect_in(self, image: np.ndarray, rect: tuple[float, float, float, float],
                  max_side: int = DET_MAX_SIDE) -> list[np.ndarray]:
        """Line quads (in `image` pixels) inside `rect` of `image`, detected at the scale a whole
        page of this size is detected at. The crop is set on white paper as large as rapidocr's
        smallest detector input: it would otherwise enlarge a small crop up to that size."""
        import cv2

        h, w = image.shape[:2]
        scale = min(1.0, max_side / max(h, w))
        x0, y0 = max(0, int(rect[0])), max(0, int(rect[1]))
        x1, y1 = min(w, int(math.ceil(rect[2]))), min(h, int(math.ceil(rect[3])))
        if x1 - x0 < 2 or y1 - y0 < 2:
            return []
        crop = image[y0:y1, x0:x1]
        if scale < 1.0:
            crop = cv2.resize(crop, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
        least = int(getattr(self.det, "limit_side_len", 0) or 0)
        ch, cw = crop.shape[:2]
        paper = np.full((max(least, ch), max(least, cw)) + crop.shape[2:], 255, dtype=np.uint8)
        paper[:ch, :cw] = crop
        result = self.det(paper)
        if result.boxes is None:
            return []
        shift = np.array([x0, y0], dtype=np.float32)
        return [np.asarray(q, dtype=np.float32) / scale + shift for q in result.boxes]

    def recognise(self, image: np.ndarray, quads: list[np.ndarray]) -> list[_Line]:
        """Text, confidence and per-character boxes of each quad's crop."""
        from rapidocr.utils.process_img import get_rotate_crop_image

        if not quads:
            return []
        crops = [get_rotate_crop_image(image, q.copy()) for q in quads]
        rec = self._recognise_batches(crops)
        if rec.txts is None:
            return []
        keep = [i for i, t in enumerate(rec.txts) if t.strip()]
        if not keep:
            return []
        rec.txts = tuple(rec.txts[i] for i in keep)
        rec.scores = tuple(rec.scores[i] for i in keep)
        rec.word_results = tuple(rec.word_results[i] for i in keep)
        kept_quads = np.array([quads[i] for i in keep])
        boxed = self._ocr.cal_rec_boxes([crops[i] for i in keep], kept_quads, rec, True)
        lines: list[_Line] = []
        for quad, text, score, words in zip(kept_quads, rec.txts, rec.scores, boxed.word_results):
            chars = [(str(c), float(conf), np.asarray(box, dtype=np.float32))
                     for c, conf, box in words if box is not None]
            lines.append(_Line(quad, text, float(score), chars))
        return lines

    def _recognise_batches(self, crops: list[np.ndarray]):
        """rapidocr's recogniser over `crops` in batches of REC_BATCH crops of similar width
        (little padding), `threads` batches at a time; results in the crops' order."""
        from rapidocr.ch_ppocr_rec import TextRecInput

        order = sorted(range(len(crops)), key=lambda i: crops[i].shape[1] / max(1, crops[i].shape[0]))
        batches = [order[i:i + REC_BATCH] for i in range(0, len(order), REC_BATCH)]

        def run(batch: list[int]):
            return self.rec(TextRecInput(img=[crops[i] for i in batch], return_word_box=True))

        outputs = list(self.pool.map(run, batches)) if self.pool else [run(b) for b in batches]
        txts: list[str] = [""] * len(crops)
        scores: list[float] = [0.0] * len(crops)
        words: list = [None] * len(crops)
        for batch, out in zip(batches, outputs):
            for j, i in enumerate(batch):
                txts[i], scores[i], words[i] = out.txts[j], out.scores[j], out.word_results[j]
        out = outputs[0]
        out.imgs, out.txts, out.scores, out.word_results = crops, tuple(txts), tuple(scores), tuple(words)
        return out

    def upside_down(self, image: np.ndarray, quads: list[np.ndarray]) -> bool:
        """Most of the longest lines read as turned 180 degrees by rapidocr's classifier."""
        from rapidocr.utils.process_img import get_rotate_crop_image

        sample = sorted(quads, key=lambda q: -_width(q))[:ORIENTATION_SAMPLE]
        if not sample:
            return False
        crops = [get_rotate_crop_image(image, q.copy()) for q in sample]
        result = self.cls(crops)
        labels = [label for label, _ in (result.cls_res or [])]
        return labels.count("180") >= UPSIDE_DOWN_SHARE * len(labels)


def _session(model: Path, threads: int):
    """An onnxruntime session with `threads` intra-op threads that sleep rather than spin when
    idle (spinning burns the CPU other work on a shared machine needs)."""
    from onnxruntime import GraphOptimizationLevel, InferenceSession, SessionOptions

    options = SessionOptions()
    options.log_severity_level = 4
    options.graph_optimization_level = GraphOptimizationLevel.ORT_ENABLE_ALL
    options.intra_op_num_threads = threads
    options.inter_op_num_threads = 1
    options.add_session_config_entry("session.intra_op.allow_spinning", "0")
    return InferenceSession(str(model), sess_options=options, providers=["CPUExecutionProvider"])


_ENGINES: dict[int, OcrEngine] = {}
_ENGINES_LOCK = threading.Lock()


def engine(threads: int = 0) -> OcrEngine:
    """The process's OCR engine for this thread count (models load once)."""
    key = cpu_threads(threads)
    with _ENGINES_LOCK:
        if key not in _ENGINES:
            _ENGINES[key] = OcrEngine(key)
        return _ENGINES[key]


def _width(quad: np.ndarray) -> float:
    return float(max(np.linalg.norm(quad[0] - quad[1]), np.linalg.norm(quad[2] - quad[3])))


def _height(quad: np.ndarray) -> float:
    return float(max(np.linalg.norm(quad[0] - quad[3]), np.linalg.norm(quad[1] - quad[2])))


def _rect(quad: np.ndarray) -> tuple[float, float, float, float]:
    return (float(quad[:, 0].min()), float(quad[:, 1].min()),
            float(quad[:, 0].max()), float(quad[:, 1].max()))


def _quad(rect: tuple[float, float, float, float]) -> np.ndarray:
    x0, y0, x1, y1 = rect
    return np.array([[x0, y0], [x1, y0], [x1, y1], [x0, y1]], dtype=np.float32)


def skew_angle(quads: list[np.ndarray]) -> float:
    """Median angle (degrees, clockwise positive in image coordinates) of the long line boxes."""
    angles = []
    for q in quads:
        w, h = _width(q), _height(q)
        if h > 0 and w / h >= LONG_LINE:
            dx, dy = q[1] - q[0]
            angle = math.degrees(math.atan2(float(dy), float(dx)))
            if abs(angle) <= SKEW_MAX_DEGREES:
                angles.append(angle)
    return float(median(angles)) if angles else 0.0


def _rotate(image: np.ndarray, degrees: float) -> tuple[np.ndarray, np.ndarray]:
    """The image rotated about its centre (same size, white corners) and the 2x3 matrix."""
    import cv2

    h, w = image.shape[:2]
    matrix = cv2.getRotationMatrix2D((w / 2, h / 2), degrees, 1.0)
    turned = cv2.warpAffine(image, matrix, (w, h), flags=cv2.INTER_LINEAR,
                            borderMode=cv2.BORDER_CONSTANT, borderValue=(255, 255, 255))
    return turned, matrix


def _turn(image: np.ndarray, quarter_turns: int) -> np.ndarray:
    """Rotate by 90-degree steps clockwise (no resampling)."""
    return np.ascontiguousarray(np.rot90(image, k=-quarter_turns))


def is_tall(quad: np.ndarray) -> bool:
    return _height(quad) >= TALL * _width(quad)


def merge_duplicates(quads: list[np.ndarray]) -> list[np.ndarray]:
    """Axis-aligned boxes of one line detected twice (similar heights, overlapping by
    DUPLICATE_OVERLAP of the smaller box, or overlapping at all within one row) become their
    union; the rest are kept as they are."""
    return [_quad(r) for r in merge_rects([_rect(q) for q in quads], _same_line_twice)]


def _same_line_twice(a: Rect, b: Rect) -> bool:
    ix = min(a[2], b[2]) - max(a[0], b[0])
    iy = min(a[3], b[3]) - max(a[1], b[1])
    if ix <= 0 or iy <= 0:
        return False
    area = min((a[2] - a[0]) * (a[3] - a[1]), (b[2] - b[0]) * (b[3] - b[1]))
    ha, hb = a[3] - a[1], b[3] - b[1]
    similar = min(ha, hb) >= 0.6 * max(ha, hb)
    same_row = iy >= SAME_ROW * min(ha, hb)  # pieces of one line overlapping at an end
    return similar and (ix * iy >= DUPLICATE_OVERLAP * area or same_row)


def order_rows(quads: list[np.ndarray]) -> list[np.ndarray]:
    """Boxes in rows (centres closer than half the median box height share one), each row left
    to right: rapidocr's fixed 10 px grouping merges neighbouring lines of small type."""
    if not quads:
        return []
    heights = [min(_height(q), _width(q)) for q in quads]
    tolerance = 0.5 * median(heights)
    ordered = sorted(quads, key=lambda q: float(q[:, 1].mean()))
    rows: list[list[np.ndarray]] = []
    centre = 0.0
    for q in ordered:
        cy = float(q[:, 1].mean())
        if rows and cy - centre <= tolerance:
            rows[-1].append(q)
        else:
            rows.append([q])
            centre = cy
    return [q for row in rows for q in sorted(row, key=lambda q: float(q[:, 0].min()))]


def _is_cjk(ch: str) -> bool:
    code = ord(ch)
    return 0x3000 <= code <= 0x303F or 0x4E00 <= code <= 0x9FFF or 0xFF00 <= code <= 0xFFEF \
        or 0x3400 <= code <= 0x4DBF


def fullwidth_punctuation(chars: list[str]) -> list[str]:
    """ASCII punctuation between Chinese characters is printed full-width: `，` not `,`."""
    out = list(chars)
    for i, ch in enumerate(chars):
        if ch not in FULLWIDTH:
            continue
        before = next((c for c in reversed(chars[:i]) if c.strip() and c not in FULLWIDTH), "")
        after = next((c for c in chars[i + 1:] if c.strip() and c not in FULLWIDTH), "")
        if (before and _is_cjk(before)) or (after and _is_cjk(after)):
            out[i] = FULLWIDTH[ch]
    return out


def _ink_rows(gray: np.ndarray, rect: tuple[float, float, float, float]) -> Optional[tuple[float, float]]:
    """Top and bottom (pixels) of the ink band through the middle of a horizontal line box."""
    h, w = gray.shape[:2]
    x0, y0, x1, y1 = (max(0, int(rect[0])), max(0, int(rect[1])),
                      min(w, int(math.ceil(rect[2]))), min(h, int(math.ceil(rect[3]))))
    if x1 - x0 < 2 or y1 - y0 < 2:
        return None
    crop = gray[y0:y1, x0:x1]
    lo, hi = float(crop.min()), float(crop.max())
    if hi - lo < 40:
        return None
    dark = crop < (lo + hi) / 2
    least = max(1, int(0.005 * (x1 - x0)))
    rows = dark.sum(axis=1) >= least
    if not rows.any():
        return None
    mid = len(rows) // 2
    # The ink band holding the middle row (or the nearest ink row to it).
    ink = np.flatnonzero(rows)
    centre = int(ink[np.argmin(np.abs(ink - mid))])
    top = bottom = centre
    while top > 0 and rows[top - 1]:
        top -= 1
    while bottom < len(rows) - 1 and rows[bottom + 1]:
        bottom += 1
    # To a fraction of a pixel: how far the band's edge rows and the rows beyond them are
    # covered (their `least`-th darkest pixel between paper and ink). Whole rows alone make
    # sizes jump by a pixel (5% of body type at 150 dpi), splitting one block in two.
    darkest = np.partition(crop, least - 1, axis=1)[:, least - 1].astype(np.float32)
    cover = np.clip((hi - darkest) / (hi - lo), 0.0, 1.0)

    def covered(i: int) -> float:
        return float(cover[i]) if 0 <= i < len(cover) else 0.0

    upper = top + (1.0 - covered(top)) - covered(top - 1)
    lower = bottom + covered(bottom) + covered(bottom + 1)
    return y0 + upper, y0 + lower


def _glyph(text: str, x0: float, top: float, x1: float, bottom: float, size: float,
           conf: float, k: float, offset: tuple[float, float]) -> dict:
    ox, oy = offset
    return {"text": text, "x0": round(ox + x0 * k, 3), "top": round(oy + top * k, 3),
            "x1": round(ox + x1 * k, 3), "bottom": round(oy + bottom * k, 3),
            "size": round(size * k, 2), "fontname": "", "upright": True, "conf": round(conf, 3)}


def line_glyphs(line: _Line, gray: np.ndarray, k: float,
                offset: tuple[float, float] = (0.0, 0.0)) -> list[dict]:
    """Glyph records (points) for one recognised line; `k` is points per pixel."""
    rect = _rect(line.quad)
    chars = [c for c in line.chars if c[0].strip()]
    if not chars:
        return []
    texts = fullwidth_punctuation([c[0] for c in chars])
    if is_tall(line.quad) and len(chars) >= 2:
        # A vertical line: the box's height shared among its characters, top to bottom.
        x0, y0, x1, y1 = rect
        size = x1 - x0
        step = (y1 - y0) / len(chars)
        return [_glyph(t, x0, y0 + i * step, x1, y0 + (i + 1) * step, size, conf, k, offset)
                for i, (t, (_, conf, _)) in enumerate(zip(texts, chars))]
    band = _ink_rows(gray, rect)
    if band is not None and band[1] - band[0] >= 0.3 * (rect[3] - rect[1]):
        size = (band[1] - band[0]) / INK_EM
        centre = (band[0] + band[1]) / 2
    else:
        size = 0.85 * (rect[3] - rect[1])
        centre = (rect[1] + rect[3]) / 2
    top, bottom = centre - size / 2, centre + size / 2
    spans = [(float(box[:, 0].min()), float(box[:, 0].max())) for _, _, box in chars]
    runs, ink = _blank_runs(gray, rect, spans)
    space_before = [False] + printed_spaces(texts, runs, ink, size, _spaced_pairs(line.text))
    # Characters of one word touch, as a text layer's advance boxes do: ink boxes leave gaps
    # between characters that could line up down a column and pass for a gutter.
    for i in range(1, len(spans)):
        if not space_before[i] and spans[i][0] > spans[i - 1][1]:
            middle = (spans[i - 1][1] + spans[i][0]) / 2
            spans[i - 1], spans[i] = (spans[i - 1][0], middle), (middle, spans[i][1])
    # A dash (——) at either end of the line: the detector takes its long thin stroke for a rule
    # and leaves it out of the line's box, or the recogniser reads part of it as a hyphen; it is
    # read from the image, in place of such hyphens.
    n = len(texts)
    lefts = [ink[0]] + [end for _, end in runs]
    rights = [start for start, _ in runs] + [ink[1]]
    lead = next((j for j in range(min(2, n - 1) + 1) if j == n - 1 or texts[j] not in DASH_LIKE), 0)
    trail = next((j for j in range(min(2, n - 1) + 1) if j == n - 1 or texts[n - 1 - j] not in DASH_LIKE), 0)
    strokes = {side: dash_stroke(gray, (lefts[lead], rights[n - 1 - trail]), centre, size, side)
               for side in (-1, 1)}
    first = lead if strokes[-1] else 0
    last = n - 1 - (trail if strokes[1] else 0)
    glyphs = []
    for i, (t, (_, conf, _), (gx0, gx1)) in enumerate(zip(texts, chars, spans)):
        if not first <= i <= last:
            continue
        if space_before[i] and i > first:
            glyphs.append(_glyph(" ", spans[i - 1][1], top, max(gx0, spans[i - 1][1]), bottom,
                                 size, conf, k, offset))
        glyphs.append(_glyph(t, gx0, top, gx1, bottom, size, conf, k, offset))
    for side, stroke in strokes.items():
        if stroke is not None:
            # The dash touches its neighbour, as its advance box does in a text layer.
            x0, x1 = stroke
            if side < 0 and x0 < spans[first][0]:
                x1 = spans[first][0]
            elif side > 0 and spans[last][1] < x1:
                x0 = spans[last][1]
            dashes = [_glyph("—", x0 + j * (x1 - x0) / 2, top, x0 + (j + 1) * (x1 - x0) / 2, bottom,
                             size, 1.0, k, offset) for j in range(2)]
            glyphs = dashes + glyphs if side < 0 else glyphs + dashes
    return glyphs


def _one_dash_each(glyphs: list[dict]) -> list[dict]:
    """A dash between two line boxes of one row is found after the first and before the second:
    kept once."""
    kept: list[dict] = []
    dashes: list[dict] = []
    for g in glyphs:
        if g["text"] == "—" and g["conf"] == 1.0:
            cx, cy = (g["x0"] + g["x1"]) / 2, (g["top"] + g["bottom"]) / 2
            if any(d["x0"] <= cx <= d["x1"] and d["top"] <= cy <= d["bottom"] for d in dashes):
                continue
            dashes.append(g)
        kept.append(g)
    return kept


def dash_stroke(gray: np.ndarray, line_ink: tuple[float, float], centre: float, size: float,
                side: int) -> Optional[tuple[float, float]]:
    """The x extent (pixels) of a Chinese dash `——` printed just before (`side` -1) or after
    (+1) a line whose ink spans `line_ink`: one thin horizontal stroke about two ems long
    through the middle of the line's em box, starting within DASH_GAP of the line's ink."""
    h, w = gray.shape[:2]
    y0, y1 = max(0, int(centre - 0.5 * size)), min(h, int(math.ceil(centre + 0.5 * size)))
    reach = int((DASH_GAP + DASH_EMS[1]) * size) + 2
    if side < 0:
        x0, x1 = max(0, int(line_ink[0]) - reach), max(0, int(line_ink[0]))
    else:
        x0, x1 = min(w, int(math.ceil(line_ink[1]))), min(w, int(math.ceil(line_ink[1])) + reach)
    if x1 - x0 < size or y1 - y0 < 3:
        return None
    dark = gray[y0:y1, x0:x1] < RULE_DARK
    columns = dark.any(axis=0)
    if side < 0:
        columns = columns[::-1]  # scanning away from the line
    filled = np.flatnonzero(columns)
    if not len(filled) or filled[0] > DASH_GAP * size:
        return None
    start = last = int(filled[0])
    for j in filled[1:]:
        if j - last - 1 > DASH_BREAK * size:
            break
        last = int(j)
    end = last + 1
    length = end - start
    if not DASH_EMS[0] * size <= length <= DASH_EMS[1] * size:
        return None
    cols = slice(start, end) if side > 0 else slice(len(columns) - end, len(columns) - start)
    stroke = dark[:, cols]
    rows = np.flatnonzero(stroke.any(axis=1))
    thick = rows[-1] - rows[0] + 1
    middle = y0 + (rows[0] + rows[-1]) / 2
    if thick > DASH_THICKNESS * size or abs(middle - centre) > DASH_OFFSET * size \
            or stroke.any(axis=0).mean() < 0.9:
        return None
    if side > 0:
        return float(x0 + start), float(x0 + end)
    return float(x1 - end), float(x1 - start)


def _spaced_pairs(text: str) -> list[bool]:
    """For each pair of neighbouring non-space characters, whether the recogniser put a space
    between them (it does for Latin words)."""
    out: list[bool] = []
    pending = False
    seen = False
    for ch in text:
        if not ch.strip():
            pending = seen
            continue
        if seen:
            out.append(pending)
        pending, seen = False, True
    return out


def _half_width(ch: str) -> bool:
    return ch.isascii() and ch.isalnum()


def printed_spaces(texts: list[str], runs: list[tuple[float, float]], ink: tuple[float, float],
                   size: float, recogniser: list[bool]) -> list[bool]:
    """For each pair of neighbouring characters, whether a space was printed between them.

    `runs` is the widest ink-free run of pixel columns between each pair (start, end) and `ink`
    the line's first and last ink columns, so each character's ink lies between the runs on its
    sides and its centre is the centre of its em box (Chinese type is centred in its box). The distance between two centres, less the two
    half advances (the line's own pitch for full-width characters, its digit pitch for digits,
    ink plus a little for letters), is what a space adds. Ink gaps alone can't tell: a narrow
    glyph (了, 个, 1) leaves as wide a blank as a thin space does.
    Between two Latin letters or digits the recogniser's own word spaces count too."""
    n = len(texts)
    if n < 2:
        return []
    left = [ink[0]] + [end for _, end in runs]
    right = [start for start, _ in runs] + [ink[1]]
    centres = [(l + r) / 2 for l, r in zip(left, right)]
    widths = [r - l for l, r in zip(left, right)]

    def pitch(kind) -> Optional[float]:
        steps = [centres[i + 1] - centres[i] for i in range(n - 1)
                 if kind(texts[i]) and kind(texts[i + 1])]
        return float(median(steps)) if steps else None

    full = pitch(lambda t: _is_cjk(t[0]) and t[0] not in OPEN_PUNCTUATION + CLOSE_PUNCTUATION) or size
    digit = pitch(lambda t: t[0].isdigit()) or DIGIT_ADVANCE * full

    def advance(i: int) -> float:
        ch = texts[i][0]
        if ch.isdigit():
            return digit
        if _half_width(ch):
            return widths[i] + LETTER_BEARING * size
        return full if _is_cjk(ch) else 0.5 * full

    out = []
    for i in range(n - 1):
        before, after = texts[i][-1], texts[i + 1][0]
        if before in CLOSE_PUNCTUATION or after in OPEN_PUNCTUATION + CLOSE_PUNCTUATION:
            out.append(False)  # full-width punctuation carries its own blank half
            continue
        if _half_width(before) and _half_width(after) and recogniser[i]:
            out.append(True)
            continue
        extra = centres[i + 1] - centres[i] - (advance(i) + advance(i + 1)) / 2
        out.append(extra >= SPACE_EXTRA * size and runs[i][1] - runs[i][0] >= MIN_SPACE_INK_GAP * size)
    return out


def _blank_runs(gray: np.ndarray, rect: tuple[float, float, float, float],
                spans: list[tuple[float, float]]
                ) -> tuple[list[tuple[float, float]], tuple[float, float]]:
    """For each pair of neighbouring characters, the widest run of ink-free pixel columns
    between their centres (start, end in image x; an empty run at the midpoint when their ink
    touches): the printed gap, which rapidocr's character boxes don't show. With it, the
    line's first and last ink columns."""
    h, w = gray.shape[:2]
    x0, y0 = max(0, int(rect[0])), max(0, int(rect[1]))
    x1, y1 = min(w, int(math.ceil(rect[2]))), min(h, int(math.ceil(rect[3])))
    middles = [((a0 + a1) / 2 + (b0 + b1) / 2) / 2 for (a0, a1), (b0, b1) in zip(spans, spans[1:])]
    outer = (spans[0][0], spans[-1][1]) if spans else (0.0, 0.0)
    if x1 - x0 < 2 or y1 - y0 < 2 or len(spans) < 2:
        return [(m, m) for m in middles], outer
    crop = gray[y0:y1, x0:x1]
    lo, hi = float(crop.min()), float(crop.max())
    ink = (crop < (lo + hi) / 2).any(axis=0) if hi - lo >= 40 else np.ones(x1 - x0, bool)
    columns = np.flatnonzero(ink)
    if len(columns):
        outer = (float(x0 + columns[0]), float(x0 + columns[-1] + 1))
    runs = []
    for (a0, a1), (b0, b1), middle in zip(spans, spans[1:], middles):
        left = max(0, int((a0 + a1) / 2) - x0)
        right = min(len(ink), int((b0 + b1) / 2) - x0)
        best, best_end, run = 0, 0, 0
        for j in range(left, right):
            run = 0 if ink[j] else run + 1
            if run > best:
                best, best_end = run, j + 1
        runs.append((float(x0 + best_end - best), float(x0 + best_end)) if best else (middle, middle))
    return runs, outer


def _gray(image: np.ndarray) -> np.ndarray:
    import cv2

    return image if image.ndim == 2 else cv2.cvtColor(image, cv2.COLOR_BGR2GRAY)


def _bgr(image: np.ndarray) -> np.ndarray:
    import cv2

    return cv2.cvtColor(image, cv2.COLOR_GRAY2BGR) if image.ndim == 2 else image


def _orient(eng: OcrEngine, image: np.ndarray, quads: list[np.ndarray],
            seconds: dict[str, float]) -> tuple[np.ndarray, list[np.ndarray], int]:
    """Turn the page upright: tall boxes dominating means a quarter turn, most long lines
    classified as 180 degrees means upside down."""
    rotation = 0
    if quads:
        tall = sum(_width(q) * _height(q) for q in quads if is_tall(q) and len_ok(q))
        wide = sum(_width(q) * _height(q) for q in quads if not is_tall(q) and len_ok(q))
        if tall > 2 * wide:
            start = time.perf_counter()
            turned = _turn(image, 1)
            turned_quads = eng.detect(turned)
            seconds["orientation"] = seconds.get("orientation", 0.0) + time.perf_counter() - start
            image, quads, rotation = turned, turned_quads, 90
    if quads:
        start = time.perf_counter()
        flip = eng.upside_down(image, quads)
        seconds["orientation"] = seconds.get("orientation", 0.0) + time.perf_counter() - start
        if flip:
            start = time.perf_counter()
            image = _turn(image, 2)
            quads = eng.detect(image)
            rotation = (rotation + 180) % 360
            seconds["det"] = seconds.get("det", 0.0) + time.perf_counter() - start
    return image, quads, rotation


def len_ok(quad: np.ndarray) -> bool:
    """A box long enough for its direction to mean something (three characters or more)."""
    return max(_width(quad), _height(quad)) >= 3 * min(_width(quad), _height(quad))


def is_blank(image: np.ndarray) -> bool:
    """No ink anywhere: every pixel within BLANK_CONTRAST grey levels of every other."""
    gray = _gray(image)
    return gray.size == 0 or int(gray.max()) - int(gray.min()) < BLANK_CONTRAST


def read_page_image(image: np.ndarray, points_per_pixel: float,
                    settings: OcrSettings = OcrSettings()) -> PageOcr:
    """OCR a whole page image (BGR or grey); glyphs in points (pixels x `points_per_pixel`)."""
    if is_blank(image):  # hundreds of empty pages must not cost a detector pass each
        k = points_per_pixel
        return PageOcr([], size=(round(image.shape[1] * k, 3), round(image.shape[0] * k, 3)))
    eng = engine(settings.threads)
    image = _bgr(image)
    seconds: dict[str, float] = {}
    with eng.lock:
        start = time.perf_counter()
        quads = eng.detect(image)
        seconds["det"] = time.perf_counter() - start
        image, quads, rotation = _orient(eng, image, quads, seconds)
        skew = skew_angle(quads)
        if abs(skew) >= SKEW_MIN_DEGREES:
            start = time.perf_counter()
            image, matrix = _rotate(image, skew)
            quads = [np.hstack([q, np.ones((4, 1), np.float32)]) @ matrix.T.astype(np.float32)
                     for q in quads]
            seconds["deskew"] = time.perf_counter() - start
        else:
            skew = 0.0
        quads = order_rows(merge_duplicates(quads))
        start = time.perf_counter()
        lines = eng.recognise(image, quads)
        seconds["rec"] = time.perf_counter() - start
    gray = _gray(image)
    lines = without_texture([line for line in lines if line.score >= MIN_SCORE])
    start = time.perf_counter()
    photos, rules = page_graphics(gray, [_rect(line.quad) for line in lines])
    seconds["graphics"] = time.perf_counter() - start
    start = time.perf_counter()
    with eng.lock:
        lines += missed_lines(eng, image, gray, lines, photos + rules)
        lines = read_copies_once(eng, image, lines)
    seconds["missed"] = time.perf_counter() - start
    glyphs = _one_dash_each([g for line in lines for g in line_glyphs(line, gray, points_per_pixel)])
    k = points_per_pixel
    scaled = [tuple(round(v * k, 3) for v in box) for box in photos]
    ruled = [tuple(round(v * k, 3) for v in box) for box in rules]
    size = (round(gray.shape[1] * k, 3), round(gray.shape[0] * k, 3))
    return PageOcr(glyphs, scaled, ruled, rotation, round(skew, 2), seconds, size)  # type: ignore[arg-type]


def missed_lines(eng: OcrEngine, image: np.ndarray, gray: np.ndarray, lines: list[_Line],
                 covered: list[Box]) -> list[_Line]:
    """Lines the page's detector left out (`missed_ink`): large type detected again at full
    resolution in the uncovered areas, and lone marks on the row after a line recognised in
    their own box. A second look at ink the detector passed over must read surely: lines
    scoring under RECOVERED_SCORE are dropped, as are boxes lying on lines already read."""
    rects = [_rect(line.quad) for line in lines]
    if not rects:
        return []
    row = row_height(rects)
    ink = uncovered_ink(gray, rects, covered, row)
    quads: list[np.ndarray] = []
    for region in large_regions(ink, row):
        quads.extend(q for q in eng.detect_in(image, region)
                     if not any(_shared(_rect(q), r) > DUPLICATE_OVERLAP for r in rects))
    found = [line for line in eng.recognise(image, order_rows(merge_duplicates(quads)))
             if line.score >= RECOVERED_SCORE]
    marks = [_quad(box) for box in lone_marks(uncovered_ink(gray, rects, covered, row, faint=True),
                                              rects, row)]
    found += [line for line in eng.recognise(image, marks)
              if line.score >= RECOVERED_SCORE and len(line.text.strip()) <= MARK_CHARS]
    return found


def without_texture(lines: list[_Line]) -> list[_Line]:
    """Lines read as one large character (LARGE text lines and more) less surely than
    RECOVERED_SCORE: the detector's boxes on a photo's texture more often than print; left out
    before photos are looked for, so the photo under them is found."""
    if not lines:
        return lines
    row = row_height([_rect(line.quad) for line in lines])

    def texture(line: _Line) -> bool:
        x0, y0, x1, y1 = _rect(line.quad)
        return len(line.text.strip()) < 2 and line.score < RECOVERED_SCORE \
            and min(x1 - x0, y1 - y0) >= LARGE * row
    return [line for line in lines if not texture(line)]


def read_copies_once(eng: OcrEngine, image: np.ndarray, lines: list[_Line]) -> list[_Line]:
    """Lines of large type (two characters or more) read unsurely, taken as drawn in offset
    copies (`smear`) and read again with one copy taken away, from the grey image and from its
    black-and-white version; the surest reading wins, a new one only by SMEAR_GAIN and when it
    reads as surely as a recovered line must."""
    if not lines:
        return lines
    rects = [_rect(line.quad) for line in lines]
    row = row_height(rects)
    page = _gray(image)
    out = []
    for line, rect in zip(lines, rects):
        x0, y0, x1, y1 = rect
        if line.score >= SURE or min(x1 - x0, y1 - y0) < LARGE * row or is_tall(line.quad):
            out.append(line)
            continue
        if len(line.text.strip()) < 2:
            out.append(line)
            continue
        # The box widened over ink at its ends: the detector's box of a smeared line can
        # leave a character out.
        x0, y0, x1, y1 = widened(page, rect, rects)
        h, w = image.shape[:2]
        left, top = max(0, int(x0)), max(0, int(y0))
        gray = page[top:min(h, int(math.ceil(y1))), left:min(w, int(math.ceil(x1)))]
        offset = copy_offset(gray, row) or run_offset(gray)
        best = line
        shift = np.array([left, top], dtype=np.float32)
        quad = _quad((x0, y0, x1, y1)) - shift
        for plain in (unsmear(gray, offset), unsmear(binarised(gray), offset)):
            for found in eng.recognise(_bgr(plain), [quad]):
                if found.score >= max(RECOVERED_SCORE, best.score + (SMEAR_GAIN if best is line else 0.0)):
                    best = _Line(found.quad + shift, found.text, found.score,
                                 [(c, conf, box + shift) for c, conf, box in found.chars])
        out.append(best)
    return out


def _shared(a: tuple[float, float, float, float], b: tuple[float, float, float, float]) -> float:
    """Share of box `a` lying inside box `b`."""
    ix = min(a[2], b[2]) - max(a[0], b[0])
    iy = min(a[3], b[3]) - max(a[1], b[1])
    area = (a[2] - a[0]) * (a[3] - a[1])
    return ix * iy / area if ix > 0 and iy > 0 and area > 0 else 0.0


def page_graphics(gray: np.ndarray, text: list[tuple[float, float, float, float]]
                  ) -> tuple[list[Box], list[Box]]:
    """Photos and ruling lines on a page image (pixels), for layout as a text layer's images
    and rules: long thin dark runs are rules; large, mostly filled non-white areas that are no
    text are photos. Sizes are in the page's text size (the median line height)."""
    import cv2

    if not text:
        return [], []
    em = float(median([r[3] - r[1] for r in text]))
    h, w = gray.shape[:2]
    dark = (gray < RULE_DARK).astype(np.uint8)
    rules: list[Box] = []
    length = max(8, int(RULE_LENGTH * em))
    for kernel in ((length, 1), (1, length)):
        lines = cv2.morphologyEx(dark, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, kernel))
        count, _, stats, _ = cv2.connectedComponentsWithStats(lines, connectivity=8)
        for x, y, bw, bh, _ in stats[1:count]:
            if min(bw, bh) <= RULE_THICKNESS * em:
                rules.append((float(x), float(y), float(x + bw), float(y + bh)))
    # A median filter first: scanner noise speckles the paper under PHOTO_LIGHT, and closing
    # would weld the speckles into one page-sized area that is no photo.
    ink = (cv2.medianBlur(np.ascontiguousarray(gray), 5) < PHOTO_LIGHT).astype(np.uint8)
    pad = int(PHOTO_TEXT_PAD * em)
    for x0, y0, x1, y1 in text:
        ink[max(0, int(y0) - pad):min(h, int(y1) + pad + 1), max(0, int(x0) - pad):min(w, int(x1) + pad + 1)] = 0
    for x0, y0, x1, y1 in rules:
        ink[int(y0):int(y1) + 1, int(x0):int(x1) + 1] = 0
    closed = cv2.morphologyEx(ink, cv2.MORPH_CLOSE, cv2.getStructuringElement(
        cv2.MORPH_RECT, (max(3, int(em / 2)), max(3, int(em / 2)))))
    count, _, stats, _ = cv2.connectedComponentsWithStats(closed, connectivity=8)
    photos: list[Box] = []
    for x, y, bw, bh, area in stats[1:count]:
        if bw >= PHOTO_MIN * em and bh >= PHOTO_MIN * em and area >= PHOTO_FILL * bw * bh:
            photos.append((float(x), float(y), float(x + bw), float(y + bh)))
    photos.sort(key=lambda b: (b[1], b[0]))
    rules.sort(key=lambda b: (b[1], b[0]))
    return photos, rules


def read_regions(image: np.ndarray, regions: list[Box], points_per_pixel: float,
                 settings: OcrSettings = OcrSettings(), keep: Sequence[dict] = ()) -> list[dict]:
    """OCR only the given regions (points) of a page image; glyphs in page points. A region
    is widened by a line height each side (an old OCR's boxes need not cover the print);
    recognised characters lying on a glyph of `keep` (text kept from the layer) are dropped."""
    eng = engine(settings.threads)
    image = _bgr(image)
    h, w = image.shape[:2]
    k = points_per_pixel
    glyphs: list[dict] = []
    for x0, top, x1, bottom in regions:
        line = bottom - top
        px0, py0 = max(0, int((x0 - line) / k)), max(0, int((top - REGION_PAD * line) / k))
        px1 = min(w, int(math.ceil((x1 + line) / k)))
        py1 = min(h, int(math.ceil((bottom + REGION_PAD * line) / k)))
        if px1 - px0 < 4 or py1 - py0 < 4:
            continue
        crop = np.ascontiguousarray(image[py0:py1, px0:px1])
        with eng.lock:
            quads = order_rows(merge_duplicates(eng.detect(crop)))
            lines = eng.recognise(crop, quads)
        gray = _gray(crop)
        offset = (px0 * k, py0 * k)
        for found in lines:
            if found.score < MIN_SCORE:
                continue
            line_glyphs_ = line_glyphs(found, gray, k, offset)
            # A sliver of a neighbouring printed line caught by the widened crop reads as small,
            # unsure text: keep only lines at least half the region's height.
            if line_glyphs_ and max(g["size"] for g in line_glyphs_) < 0.5 * line:
                continue
            glyphs.extend(g for g in line_glyphs_ if not _on_any(g, keep))
    return glyphs


def _on_any(glyph: dict, others: Sequence[dict]) -> bool:
    cx, cy = (glyph["x0"] + glyph["x1"]) / 2, (glyph["top"] + glyph["bottom"]) / 2
    return any(o["x0"] <= cx <= o["x1"] and o["top"] <= cy <= o["bottom"] for o in others)
