#!/usr/bin/env python3
"""Builds datasets/maps/countries_50m.txt, the country shapes for `lacuna chart map`.

Source: the npm package world-atlas 2.0.2 (Natural Earth 4.1.0 vectors, public domain; package
licence ISC), countries-50m.json, with countries-10m.json for states the 50m file lacks
(Tuvalu). Shapes are TopoJSON keyed by ISO 3166-1 numeric code; the join to alpha-3 uses
Debian's iso-codes. Run from the repository root:

    (cd /tmp && npm pack world-atlas@2.0.2 && tar xzf world-atlas-2.0.2.tgz)
    python3 datasets/maps/build_shapes.py /tmp/package

Output: one line per jurisdiction, tab-separated: alpha-3 code, centroid longitude, centroid
latitude, rings. Rings are separated by `;`, points by spaces, each point `lon,lat` rounded to
0.01 degree after Douglas-Peucker simplification (tolerance 0.05 degree). Rings are split where
they cross the antimeridian, and Antarctica is clipped at 60 degrees south.
"""

import json
import math
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
TOLERANCE = 0.05


def decode(topology):
    scale_x, scale_y = topology["transform"]["scale"]
    shift_x, shift_y = topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x += dx
            y += dy
            points.append((x * scale_x + shift_x, y * scale_y + shift_y))
        arcs.append(points)
    return arcs


def ring_points(arcs, indices):
    points = []
    for index in indices:
        arc = arcs[index] if index >= 0 else list(reversed(arcs[~index]))
        points.extend(arc if not points else arc[1:])
    return points


def simplify(points, tolerance):
    if len(points) < 4:
        return points
    first, last = points[0], points[-1]
    best, index = -1.0, 0
    fx, fy = first
    lx, ly = last
    length = math.hypot(lx - fx, ly - fy)
    for i in range(1, len(points) - 1):
        px, py = points[i]
        if length == 0:
            distance = math.hypot(px - fx, py - fy)
        else:
            distance = abs((ly - fy) * px - (lx - fx) * py + lx * fy - ly * fx) / length
        if distance > best:
            best, index = distance, i
    if best <= tolerance:
        return [first, last]
    left = simplify(points[: index + 1], tolerance)
    right = simplify(points[index:], tolerance)
    return left[:-1] + right


def split_antimeridian(points):
    """Splits a ring where it crosses the antimeridian, closing each part along it."""
    parts, current = [], [points[0]]
    for previous, point in zip(points, points[1:]):
        if abs(point[0] - previous[0]) > 180:
            side = 180.0 if previous[0] > 0 else -180.0
            # Latitude where the segment crosses the antimeridian (unwrapping the longitude).
            px, py = previous
            qx = point[0] + (360.0 if side > 0 else -360.0)
            qy = point[1]
            t = (side - px) / (qx - px) if qx != px else 0.0
            y = py + t * (qy - py)
            current.append((side, y))
            parts.append(current)
            current = [(-side, y), point]
        else:
            current.append(point)
    parts.append(current)
    # A ring that starts and ends on the same side: its first and last parts are one piece.
    if len(parts) > 1 and (parts[0][0][0] > 0) == (parts[-1][-1][0] > 0):
        parts[0] = parts.pop() + parts[0]
    return [part for part in parts if len(part) >= 3]


def area(points):
    return abs(sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in zip(points, points[1:] + points[:1]))) / 2


def shapes(path):
    with open(path, encoding="utf-8") as handle:
        topology = json.load(handle)
    arcs = decode(topology)
    out = {}
    for geometry in topology["objects"]["countries"]["geometries"]:
        number = geometry.get("id")
        if not number or geometry["type"] not in ("Polygon", "MultiPolygon"):
            continue
        polygons = geometry["arcs"] if geometry["type"] == "MultiPolygon" else [geometry["arcs"]]
        rings = []
        for polygon in polygons:
            for ring in polygon[:1]:  # outer rings only: holes are drawn over by neighbours
                rings.append(ring_points(arcs, ring))
        out.setdefault(number, []).extend(rings)
    return out


def main():
    package = sys.argv[1] if len(sys.argv) > 1 else "/tmp/package"
    with open("/usr/share/iso-codes/json/iso_3166-1.json", encoding="utf-8") as handle:
        numeric = {entry["numeric"]: entry["alpha_3"] for entry in json.load(handle)["3166-1"]}
    fine = shapes(os.path.join(package, "countries-50m.json"))
    finest = shapes(os.path.join(package, "countries-10m.json"))
    for number, rings in finest.items():
        fine.setdefault(number, rings)
    lines = []
    for number, rings in sorted(fine.items()):
        code = numeric.get(number)
        if code is None:
            continue
        kept = []
        for ring in rings:
            if code == "ATA":
                ring = [(x, max(y, -60.0)) for x, y in ring]
            for part in split_antimeridian(ring):
                simple = simplify(part, TOLERANCE)
                if len(simple) >= 3:
                    kept.append(simple)
        biggest = max(rings, key=lambda r: area(r))
        cx = sum(x for x, _ in biggest) / len(biggest)
        cy = sum(y for _, y in biggest) / len(biggest)
        text = ";".join(" ".join(f"{x:.2f},{y:.2f}" for x, y in ring) for ring in kept)
        lines.append(f"{code}\t{cx:.2f}\t{cy:.2f}\t{text}")
    target = os.path.join(ROOT, "datasets", "maps", "countries_50m.txt")
    with open(target, "w", encoding="utf-8") as handle:
        handle.write("# Country shapes for `lacuna chart map`: Natural Earth 4.1.0 (public domain) via the npm package world-atlas 2.0.2 (ISC).\n")
        handle.write("# GENERATED by datasets/maps/build_shapes.py: code, centroid lon, centroid lat, rings (';') of points (' ') lon,lat.\n")
        handle.write("\n".join(lines) + "\n")
    print(f"wrote {len(lines)} shapes to {target} ({os.path.getsize(target)} bytes)")


if __name__ == "__main__":
    main()
