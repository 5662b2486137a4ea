"""Fake bold drawn as offset copies: a headline printed two or three times a few points apart
(a cheap bold, or a shadow) turns each stroke into a comb the recogniser misreads.

The copies show in the line's ink as a peak of its horizontal autocorrelation at the offset
(`copy_offset`); keeping only the ink that is also ink one offset to the right (`unsmear`)
takes one copy away, leaving a plain bold stroke the recogniser reads as it reads print.
"""
from __future__ import annotations

from typing import Optional

import numpy as np

INK = 128  # grey level under which a pixel is ink
PROMINENCE = 0.03  # share of the ink: the peak stands this far above the lowest value before it
SHORTEST = 2  # pixels: a smaller offset is the stroke's own width


def copy_offset(gray: np.ndarray, row: float) -> Optional[int]:
    """The horizontal offset (pixels, at most half a row) between copies of a line drawn more
    than once, or None: the first local maximum of the share of ink pixels that are ink again
    that far to the right, standing PROMINENCE above the lowest share at smaller offsets."""
    ink = gray < INK
    total = int(ink.sum())
    longest = int(row / 2)
    if total == 0 or ink.shape[1] <= longest + 2:
        return None
    share = [float((ink[:, s:] & ink[:, :-s]).sum()) / total for s in range(1, longest + 2)]
    for s in range(SHORTEST, longest):
        here = share[s - 1]
        if here > share[s - 2] and here >= share[s] and here - min(share[:s]) >= PROMINENCE:
            return s
    return None


def run_offset(gray: np.ndarray) -> int:
    """Half the median length of the line's horizontal ink runs: where the copies lie closer
    than print can part them (a low resolution), they make one thick stroke of about the
    stroke's width plus the offsets, and half of it is taken away."""
    ink = np.pad(gray < INK, ((0, 0), (1, 1))).astype(np.int8)
    edges = np.diff(ink, axis=1)
    starts, ends = np.nonzero(edges == 1), np.nonzero(edges == -1)
    runs = ends[1] - starts[1]  # row by row, runs open and close in order
    return max(SHORTEST, int(np.median(runs) / 2)) if len(runs) else SHORTEST


def unsmear(gray: np.ndarray, offset: int) -> np.ndarray:
    """Ink kept only where the image is ink `offset` pixels to the right as well (the lighter
    of the two pixels): one copy of an offset-drawn line taken away."""
    shifted = np.full_like(gray, 255)
    shifted[:, :gray.shape[1] - offset] = gray[:, offset:]
    return np.maximum(gray, shifted)


def binarised(gray: np.ndarray) -> np.ndarray:
    """Black and white at Otsu's threshold (JPEG's grey fringes join the copies otherwise)."""
    import cv2

    _, out = cv2.threshold(np.ascontiguousarray(gray), 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    return out
