"""Which cells of a report a committee viewer may not see: small counts, and the cells that
would give them away.

Primary suppression hides a count of 1 to 4 ("< 5"; 0 singles out nobody). That alone is
not enough: a province of 8 with Phủ Lý at 7 tells that the hidden Châu Sơn is 1, and the
classes of the people received tell which class that one person has. So wherever cells add
up to another (the communes or provinces to the report's total, the parts of a figure to
the figure: ``definitions.PARTITIONS``), a sum with exactly one hidden cell gets a second
one hidden too: the smallest non-zero part still shown, or else the total. Hiding a cell
can leave another sum with one hidden cell, so this repeats until every sum has none or at
least two. A sum of money is hidden where the count it belongs to is (it adds up the same
way). This is the standard heuristic of statistical offices, applied per report; it is not
an audit of every combination of reports (see the README's security section).

The stored values are never altered: ``visible_values`` is applied for each reader before
anything is shown, exported or answered by the API (``presentation.present``).
"""

from reintegration.reports import definitions as d
from reintegration.reports.models import TOTAL

THRESHOLD = 5

Cell = tuple[str, int]  # (figure key, unit code; TOTAL for the report's total)


def is_small(count: int | None) -> bool:
    return count is not None and 0 < count < THRESHOLD


def hidden_cells(values: dict[Cell, int]) -> set[Cell]:
    """The count and money cells to hide from a reader who sees aggregates only."""
    counts = [f for f in d.FIGURES if not f.is_money]
    units = {unit for _figure, unit in values} - {TOTAL}
    every_unit = (*units, TOTAL)
    hidden = {(f.key, u) for f in counts for u in every_unit if is_small(values.get((f.key, u)))}
    sums = [((f.key, TOTAL), [(f.key, unit) for unit in units]) for f in counts]
    sums += [
        ((whole, unit), [(part, unit) for part in parts])
        for whole, parts in d.PARTITIONS
        for unit in every_unit
    ]
    changed = True
    while changed:
        changed = False
        for whole, parts in sums:
            if sum(cell in hidden for cell in (whole, *parts)) != 1:
                continue
            second = _second_cell(whole, parts, values, hidden)
            if second is not None:
                hidden.add(second)
                changed = True
    money = [f for f in d.FIGURES if f.is_money]
    return hidden | {
        (f.key, unit) for f in money for unit in every_unit if (f.follows, unit) in hidden
    }


def _second_cell(
    whole: Cell, parts: list[Cell], values: dict[Cell, int], hidden: set[Cell]
) -> Cell | None:
    """The cell to hide beside the one hidden in this sum: the smallest part still shown
    (non-zero: a hidden 0 would still let the other be found), else the whole."""
    shown = [cell for cell in parts if cell not in hidden and values.get(cell, 0) > 0]
    if shown:
        return min(shown, key=lambda cell: (values[cell], cell[1]))
    if whole not in hidden and values.get(whole, 0) > 0:
        return whole
    return None


class VisibleValues(dict):
    """A report's values as a committee viewer sees them: hidden cells are None, and
    ``larger`` names the count cells hidden only to protect a small one (they may hold
    any number, so they read "hidden", not "< 5")."""

    larger: frozenset[Cell] = frozenset()


def visible_values(values: dict[Cell, int]) -> VisibleValues:
    """``values`` with every cell a committee viewer may not see set to None (hidden)."""
    hidden = hidden_cells(values)
    shown = VisibleValues(values)
    shown.update(dict.fromkeys(hidden))
    shown.larger = frozenset(cell for cell in hidden if not is_small(values.get(cell)))
    return shown


def hides_a_larger_count(values: dict, figure: d.Figure, unit: int) -> bool:
    return (figure.key, unit) in getattr(values, "larger", ())
