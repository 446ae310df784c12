"""Every interactive widget of every page and dialog has a name a screen reader can speak."""

from __future__ import annotations

import pytest

from tests.ui.a11y_scenes import SCENES
from tests.ui.accessibility import walk
from tests.ui.windows import shown_window

from guichet.ui.context import AppContext


@pytest.mark.parametrize("scene", sorted(SCENES))
def test_every_interactive_widget_is_named(
    qtbot, demo_ctx: AppContext, qsettings, scene: str
) -> None:
    window = shown_window(qtbot, demo_ctx, qsettings)
    roots = SCENES[scene](window)
    for root in roots:
        if root is not window:
            qtbot.addWidget(root)
    walked = [w for root in roots for w in walk(root)]
    unnamed = [str(w) for w in walked if not w.named]
    print(f"{scene}: {len(walked)} widgets, {len(walked) - len(unnamed)} named")
    assert walked
    assert unnamed == [], "\n".join(unnamed)
