// SPDX-License-Identifier: GPL-2.0-or-later
// What a keyboard and a screen reader meet in a window, for the widget tests:
// the stops Tab (or Shift+Tab) really makes, key press by key press, and the
// focusable widgets, shown or hidden, that QAccessible gives no name.
#pragma once

#include <QAccessible>
#include <QApplication>
#include <QStringList>
#include <QTest>
#include <QWidget>

namespace PassMirror::FocusWalk
{

inline QString accessibleName(QWidget *widget)
{
    QAccessibleInterface *iface = QAccessible::queryAccessibleInterface(widget);
    return iface ? iface->text(QAccessible::Name) : QString();
}

inline QString describe(QWidget *widget)
{
    if (!widget) {
        return QStringLiteral("(none)");
    }
    return widget->objectName().isEmpty() ? QString::fromLatin1(widget->metaObject()->className()) : widget->objectName();
}

// Presses Tab (Shift+Tab when `backwards`) on the focused widget until the
// focus is back on the widget it started from, or `limit` presses. Returns
// the focused widget after each press: a widget that keeps the focus for
// two presses in a row (a table walking its cells) shows up twice.
inline QList<QWidget *> walk(bool backwards, int limit)
{
    QList<QWidget *> stops;
    QWidget *start = QApplication::focusWidget();
    while (start && stops.size() < limit) {
        QWidget *focused = QApplication::focusWidget();
        if (!focused) {
            break;
        }
        if (backwards) {
            QTest::keyClick(focused, Qt::Key_Backtab, Qt::ShiftModifier);
        } else {
            QTest::keyClick(focused, Qt::Key_Tab);
        }
        stops << QApplication::focusWidget();
        if (stops.constLast() == start) {
            break;
        }
    }
    return stops;
}

inline QStringList names(const QList<QWidget *> &widgets)
{
    QStringList result;
    for (QWidget *widget : widgets) {
        result << describe(widget);
    }
    return result;
}

// Every widget under `root` (and `root`) that Tab can reach when shown,
// visible or hidden, whose accessible interface has no name: neither an
// accessible name, nor text, nor a label that is its buddy.
inline QStringList unnamedFocusable(QWidget *root)
{
    QList<QWidget *> widgets = root->findChildren<QWidget *>();
    widgets.prepend(root);
    QStringList unnamed;
    for (QWidget *widget : std::as_const(widgets)) {
        if (!(widget->focusPolicy() & Qt::TabFocus)) {
            continue;
        }
        if (accessibleName(widget).trimmed().isEmpty()) {
            unnamed << QStringLiteral("%1 (%2%3)")
                           .arg(describe(widget),
                                QString::fromLatin1(widget->metaObject()->className()),
                                widget->isVisible() ? QString() : QStringLiteral(", hidden"));
        }
    }
    return unnamed;
}

} // namespace PassMirror::FocusWalk
