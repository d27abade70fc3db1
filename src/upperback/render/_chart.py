"""An inline SVG chart of each block's dose week by week, written by hand: no plotting library."""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING, Final

if TYPE_CHECKING:
    from upperback.render._program import Series

__all__ = ["chart"]

WIDTH: Final = 640
ROW: Final = 56
LEFT: Final = 190
RIGHT: Final = 16
PALETTE: Final = ("#1f5fa8", "#b5470b", "#2b7a3d", "#7a3b8f", "#8a6d00", "#a32035")


def chart(
    series: tuple[Series, ...],
    weeks: int,
    deload_weeks: tuple[int, ...],
    *,
    title: str = "Dose of each exercise, week by week",
) -> str:
    """One small line per block, its height the seconds of work a session, deloads shaded.

    Each line is scaled to its own block (a hold and a set of reps do not share
    a unit), so the chart shows the shape of each progression; the dose in
    words is each point's tooltip and the label at the end of the line.
    """
    height = ROW * len(series) + 28
    span = max(weeks - 1, 1)
    inner = WIDTH - LEFT - RIGHT

    def x(week: int) -> float:
        return LEFT + inner * (week - 1) / span

    parts = [
        (
            f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" width="100%"'
            f' role="img" aria-label="{escape(title)}">'
        ),
        f"<title>{escape(title)}</title>",
    ]
    step = inner / span
    parts.extend(
        f'<rect x="{x(week) - step / 2:.1f}" y="0" width="{step:.1f}" height="{height - 20}"'
        ' fill="#eeeeee"><title>deload week</title></rect>'
        for week in deload_weeks
    )
    for week in range(1, weeks + 1):
        label = f"{week}" + ("d" if week in deload_weeks else "")
        parts.append(
            f'<text x="{x(week):.1f}" y="{height - 6}" font-size="10" text-anchor="middle">'
            f"{label}</text>"
        )
    for row, line in enumerate(series):
        top = 8 + row * ROW
        values = [value for _, value, _ in line.points]
        low, high = min(values), max(values)
        spread = (high - low) or 1
        colour = PALETTE[row % len(PALETTE)]

        def y(value: int, top: int = top, low: int = low, spread: int = spread) -> float:
            return top + (ROW - 22) * (1 - (value - low) / spread)

        parts.append(f'<text x="4" y="{top + 14}" font-size="11">{escape(line.name[:28])}</text>')
        path = " ".join(f"{x(week):.1f},{y(value):.1f}" for week, value, _ in line.points)
        parts.append(f'<polyline points="{path}" fill="none" stroke="{colour}" stroke-width="2"/>')
        for week, value, words in line.points:
            parts.append(
                f'<circle cx="{x(week):.1f}" cy="{y(value):.1f}" r="3" fill="{colour}">'
                f"<title>Week {week}: {escape(words)}</title></circle>"
            )
        _, _, last = line.points[-1]
        parts.append(
            f'<text x="4" y="{top + 28}" font-size="9" fill="#444">now: {escape(last)}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)
