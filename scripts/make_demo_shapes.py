#!/usr/bin/env python3
"""Draws the demo image project's pictures (web/public/demo/shapes/picture-NN.png): 30
shapes, 10 each of circle, square and triangle, in seeded colours, sizes and places and a
seeded order, so `chorus serve --demo` has an image project with a known answer per picture.
The names say nothing about the shape; the answers go to examples/demo-shapes-gold.csv (not
served), a gold file for `chorus aggregate --gold`. Standard library only (zlib for PNG).

Usage: scripts/make_demo_shapes.py   (from the repository root)
"""
import os
import random
import struct
import zlib

SIZE = 96
SHAPES = ("circle", "square", "triangle")
PER_SHAPE = 10


def png(path, pixels):
    """Writes rows of (r, g, b) tuples as an 8-bit RGB PNG."""
    raw = b"".join(b"\x00" + bytes(c for px in row for c in px) for row in pixels)

    def chunk(kind, data):
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", SIZE, SIZE, 8, 2, 0, 0, 0)
    with open(path, "wb") as f:
        f.write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) +
                chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b""))


def inside(shape, x, y, cx, cy, r):
    if shape == "circle":
        return (x - cx) ** 2 + (y - cy) ** 2 <= r * r
    if shape == "square":
        return abs(x - cx) <= r * 0.85 and abs(y - cy) <= r * 0.85
    # An upward triangle: apex at the top, base at the bottom.
    top, bottom = cy - r, cy + r * 0.8
    if y < top or y > bottom:
        return False
    half = r * (y - top) / (bottom - top)
    return abs(x - cx) <= half


def main():
    out = "web/public/demo/shapes"
    os.makedirs(out, exist_ok=True)
    rng = random.Random(20261124)
    shapes = [shape for shape in SHAPES for _ in range(PER_SHAPE)]
    rng.shuffle(shapes)
    gold = ["item,label"]
    for n, shape in enumerate(shapes, start=1):
        r = rng.randint(18, 34)
        cx, cy = rng.randint(r + 4, SIZE - r - 4), rng.randint(r + 4, SIZE - r - 4)
        colour = tuple(rng.randint(20, 200) for _ in range(3))
        background = tuple(rng.randint(225, 250) for _ in range(3))
        pixels = [[colour if inside(shape, x + 0.5, y + 0.5, cx, cy, r) else background
                   for x in range(SIZE)] for y in range(SIZE)]
        png(os.path.join(out, f"picture-{n:02d}.png"), pixels)
        gold.append(f"demo-{n},{shape}")
    with open("examples/demo-shapes-gold.csv", "w") as f:
        f.write("\n".join(gold) + "\n")


if __name__ == "__main__":
    main()
