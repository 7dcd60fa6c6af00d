"""The parts of a person's case file that other domains draw: one way to add one.

A domain registers a ``CaseSection`` on its blueprint (``on_blueprint``): the tab it
appears in, the partial template, and what the partial reads, built for a case. The case
file (``people/views/case_file.py`` and ``templates/people/case_file.html``) draws, in each
tab, the sections registered for it, in the order registered; a partial reads its data with
``case_section("<name>", case)``, so it can be drawn on other pages too. The user reading
is ``current_user``: the case file has loaded the case in scope and audited the read.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from flask import Blueprint, Flask, current_app

EXTENSION = "case_sections"


@dataclass(frozen=True)
class CaseSection:
    name: str
    tab: str | None  # None: not a tab's content (a banner the case file places itself)
    template: str
    build: Callable[[Any], Any]  # the case → what the partial reads


def on_blueprint(blueprint: Blueprint, *sections: CaseSection) -> None:
    """Register ``sections`` with the app the blueprint is registered on."""

    def register(state) -> None:
        registry = state.app.extensions.setdefault(EXTENSION, {})
        for section in sections:
            registry[section.name] = section

    blueprint.record_once(register)


def _registry() -> dict[str, CaseSection]:
    return current_app.extensions.get(EXTENSION, {})


def sections_in(tab: str) -> list[CaseSection]:
    return [section for section in _registry().values() if section.tab == tab]


def section_data(name: str, case) -> Any:
    return _registry()[name].build(case)


def init_app(app: Flask) -> None:
    @app.context_processor
    def case_section_helpers() -> dict:
        return {"case_section": section_data, "case_sections_in": sections_in}
