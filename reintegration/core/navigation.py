"""The menu: how a table of items becomes each user's menu. The table itself, which names
every domain's pages, is the application's (``reintegration/menu.py``), given to ``register``.

Items of a group are drawn as one drop-down; a group holding a single item for the user is
drawn as a plain link, so a role with few pages gets a flat menu."""

from dataclasses import dataclass

from flask import Flask, current_app, url_for
from flask_login import current_user


@dataclass(frozen=True)
class MenuItem:
    endpoint: str
    label: object
    roles: tuple  # of accounts.models.Role
    group: str | None = None


@dataclass(frozen=True)
class Menu:
    items: tuple[MenuItem, ...]
    groups: dict  # group key → its label


def menu_for(user) -> list[dict]:
    """The user's menu as entries: a link ({url, label, endpoint}) or a group ({label, key,
    links: [links]}), in the order of the table, each group where its first item stands."""
    if user is None or not user.is_authenticated:
        return []
    entries: list[dict] = []
    groups: dict[str, dict] = {}
    menu: Menu = current_app.extensions["menu"]
    for item in menu.items:
        if user.role not in item.roles:
            continue
        link = {"url": url_for(item.endpoint), "label": item.label, "endpoint": item.endpoint}
        if item.group is None:
            entries.append(link)
        elif item.group in groups:
            groups[item.group]["links"].append(link)
        else:
            groups[item.group] = {
                "key": item.group,
                "label": menu.groups[item.group],
                "links": [link],
            }
            entries.append(groups[item.group])
    return [entry["links"][0] if len(entry.get("links", ())) == 1 else entry for entry in entries]


def register(app: Flask, items: tuple[MenuItem, ...], groups: dict) -> None:
    app.extensions["menu"] = Menu(items, groups)

    @app.context_processor
    def inject_menu():
        return {"menu": menu_for(current_user)}
