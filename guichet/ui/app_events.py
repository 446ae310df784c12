"""The application's one event filter, shared by the concerns that watch every widget.

An event filter on the application is Python called for every event of every widget, once per
filter — thousands while a page or a dialog is built, each wrapping the event and its object for
Python. So the desk's keys, the tidy forms, the named fields and the screen fit do not each
install a filter: they add a handler for the event types they need (:func:`on_event`) to the
one :class:`AppEvents` filter, which looks an event's type up once. As with Qt's own filters,
the handler added last is called first; one returning True stops the event.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QEvent, QObject

#: ``handler(watched, event)``: True when it consumed the event
Handler = Callable[[QObject, QEvent], bool]


class AppEvents(QObject):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("appEvents")
        self.handlers: dict[QEvent.Type, list[Handler]] = {}

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        handlers = self.handlers.get(event.type())
        if handlers:
            for handler in tuple(handlers):  # a handler may add or remove one
                if handler(watched, event):
                    return True
        return False


def app_events(app: QCoreApplication) -> AppEvents:
    """``app``'s one filter, installed on first use."""
    found = app.findChild(AppEvents, "appEvents")
    if found is None:
        found = AppEvents(app)
        app.installEventFilter(found)
    return found


def on_event(app: QCoreApplication, kind: QEvent.Type, handler: Handler) -> None:
    """``handler`` sees every ``kind`` event of ``app``, before the handlers added earlier."""
    app_events(app).handlers.setdefault(kind, []).insert(0, handler)


def off_event(app: QCoreApplication, kind: QEvent.Type, handler: Handler) -> None:
    handlers = app_events(app).handlers.get(kind, [])
    if handler in handlers:
        handlers.remove(handler)
