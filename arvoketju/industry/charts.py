"""Inline SVG charts of the comparison page as plain geometry (pure functions): grouped horizontal
bars of each area's latest score per aspect, and each area's mean score over time."""

from __future__ import annotations

PALETTE = ("#332288", "#117733", "#cc6677", "#88ccee", "#ddcc77", "#aa4499")
LABEL_WIDTH = 230
BAR_WIDTH = 420
BAR_HEIGHT = 14
GAP = 10


def bar_chart(aspect_rows, area_names, scale_min: int, scale_max: int) -> dict:
    """``aspect_rows``: [(aspect label, [score or None per area])]. Returns the SVG size, the scale
    ticks and per aspect the bars (x, y, width, colour, score) with unknown scores left out."""
    per_group = max(len(area_names), 1)
    group_height = per_group * BAR_HEIGHT + GAP
    span = max(scale_max - scale_min + 1, 1)
    groups = []
    for index, (label, scores) in enumerate(aspect_rows):
        top = 20 + index * group_height
        bars = []
        for position, score in enumerate(scores):
            if score is None:
                continue
            bars.append(
                {
                    "x": LABEL_WIDTH,
                    "y": top + position * BAR_HEIGHT,
                    "width": round(BAR_WIDTH * (score - scale_min + 1) / span, 1),
                    "height": BAR_HEIGHT - 2,
                    "colour": PALETTE[position % len(PALETTE)],
                    "score": score,
                    "area": area_names[position],
                }
            )
        groups.append({"label": label, "y": top + group_height / 2 - GAP / 2, "bars": bars})
    ticks = [
        {"x": round(LABEL_WIDTH + BAR_WIDTH * (value - scale_min + 1) / span, 1), "value": value}
        for value in range(scale_min, scale_max + 1)
    ]
    height = 30 + len(aspect_rows) * group_height
    return {
        "width": LABEL_WIDTH + BAR_WIDTH + 30,
        "height": height,
        "groups": groups,
        "ticks": ticks,
        "axis_y": height - 10,
        "legend": [{"name": name, "colour": PALETTE[i % len(PALETTE)]} for i, name in enumerate(area_names)],
    }


def history_chart(series, scale_min: int, scale_max: int, *, width: int = 640, height: int = 220) -> dict:
    """``series``: [(area name, [(date, mean score)])]. Returns polylines over a shared time axis."""
    days = sorted({day for _name, points in series for day, _score in points})
    if not days:
        return {"width": width, "height": height, "lines": [], "days": []}
    first, last = days[0].toordinal(), days[-1].toordinal()
    left, right, top, bottom = 40, width - 20, 15, height - 30
    span_days = max(last - first, 1)
    span_scores = max(scale_max - scale_min, 1)

    def x(day):
        return round(left + (right - left) * (day.toordinal() - first) / span_days, 1)

    def y(score):
        return round(bottom - (bottom - top) * (float(score) - scale_min) / span_scores, 1)

    lines = []
    for index, (name, points) in enumerate(series):
        coords = [(x(day), y(score)) for day, score in points]
        lines.append(
            {
                "name": name,
                "colour": PALETTE[index % len(PALETTE)],
                "points": " ".join("{},{}".format(*c) for c in coords),
                "dots": [
                    {"x": cx, "y": cy, "day": day, "score": score}
                    for (cx, cy), (day, score) in zip(coords, points, strict=True)
                ],
            }
        )
    return {
        "width": width,
        "height": height,
        "lines": lines,
        "days": [{"x": x(day), "label": day.isoformat()} for day in days],
        "ticks": [{"y": y(v), "value": v} for v in range(scale_min, scale_max + 1)],
        "bottom": bottom,
        "left": left,
    }
