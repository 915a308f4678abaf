"""The templating boundary: Jinja2 with autoescape, the scoped style sheet, finished HTML.

Every HTML view renders through :func:`render_template` (package templates in
``compare/templates``, ``autoescape=True``, undefined names are errors), so
every interpolated value is escaped in one place. :class:`Html` marks HTML the
package made itself, which Jinja and Jupyter show as is.
"""

from __future__ import annotations

import functools
from importlib import resources
from typing import TYPE_CHECKING

from markupsafe import Markup

if TYPE_CHECKING:  # pragma: no cover
    import jinja2

__all__ = ["Html", "render_template", "scoped_css"]


class Html(str):
    """A string of finished HTML that Jupyter displays as HTML (and Jinja does not escape again)."""

    def _repr_html_(self) -> str:
        return str(self)

    def __add__(self, other: str) -> Html:
        return Html(str(self) + str(other))

    def __html__(self) -> str:  # markupsafe: already HTML, do not escape again
        return str(self)


@functools.lru_cache(maxsize=1)
def _env() -> jinja2.Environment:
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.PackageLoader("compare", "templates"),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
    )
    return env


def render_template(template: str, /, **context: object) -> str:
    """Render one of the package's templates (``compare/templates``) with autoescape on."""
    return _env().get_template(template).render(**context)


def scoped_css(root_id: str) -> Markup:
    """The package's style sheet, scoped under the element id ``root_id``."""
    return _css(root_id)


def _css(root_id: str) -> Markup:
    css = resources.files("compare").joinpath("templates").joinpath("style.css").read_text(encoding="utf-8")
    return Markup(css.replace("#__ROOT__", f"#{root_id}"))
