"""The application's one event filter (guichet/ui/app_events.py)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QObject

from guichet.ui.app_events import app_events, off_event, on_event


def test_handlers_see_their_event_type_the_last_added_first_and_one_may_stop_it(qapp) -> None:
    seen: list[str] = []
    consume = [False]

    def first(_watched: QObject, _event: QEvent) -> bool:
        seen.append("first")
        return False

    def last(_watched: QObject, _event: QEvent) -> bool:
        seen.append("last")
        return consume[0]

    kind = QEvent.Type.User
    target = QObject()
    on_event(qapp, kind, first)
    on_event(qapp, kind, last)
    try:
        assert app_events(qapp) is app_events(qapp)  # one filter, however many handlers
        QCoreApplication.sendEvent(target, QEvent(kind))
        assert seen == ["last", "first"]
        seen.clear()
        QCoreApplication.sendEvent(target, QEvent(QEvent.Type.MaxUser))  # not theirs
        assert seen == []
        consume[0] = True
        QCoreApplication.sendEvent(target, QEvent(kind))
        assert seen == ["last"]  # consumed: the earlier handler never sees it
        seen.clear()
        off_event(qapp, kind, last)
        QCoreApplication.sendEvent(target, QEvent(kind))
        assert seen == ["first"]
    finally:
        off_event(qapp, kind, first)
        off_event(qapp, kind, last)
