// SPDX-License-Identifier: GPL-2.0-or-later
#include "shortcutdialog.h"

#include "globalshortcut.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QKeySequenceEdit>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace PassMirror
{

ShortcutDialog::ShortcutDialog(GlobalShortcut *shortcut, QWidget *parent)
    : QDialog(parent)
    , m_shortcut(shortcut)
{
    setObjectName(QStringLiteral("shortcutDialog"));
    setWindowTitle(tr("Global Shortcut", "@title:window"));

    auto *explanation = new QLabel(tr("This key combination unmounts every mounted mirror, whichever application has the keyboard focus.", "@info"), this);
    explanation->setObjectName(QStringLiteral("shortcutExplanation"));
    explanation->setWordWrap(true);

    m_unavailable = new QLabel(tr("The global shortcut service of KDE Plasma (kglobalacceld) is not running in this session, so there is no "
                                  "global shortcut.",
                                  "@info"),
                               this);
    m_unavailable->setObjectName(QStringLiteral("shortcutUnavailable"));
    m_unavailable->setWordWrap(true);

    m_edit = new QKeySequenceEdit(this);
    m_edit->setObjectName(QStringLiteral("shortcutEdit"));
    m_edit->setAccessibleName(tr("Global shortcut for unmounting all mirrors", "@info:accessible"));
    // One key combination; Tab and Shift+Tab move on instead of being
    // recorded, so that the keyboard alone gets through the dialog.
    m_edit->setMaximumSequenceLength(1);
    m_edit->setFinishingKeyCombinations({QKeyCombination(Qt::Key_Tab), QKeyCombination(Qt::Key_Backtab), QKeyCombination(Qt::ShiftModifier, Qt::Key_Backtab)});
    auto *label = new QLabel(tr("&Unmount all mirrors:", "@label"), this);
    label->setBuddy(m_edit);

    m_default = new QPushButton(
        tr("Reset to &Default (%1)", "@action:button the default key combination").arg(GlobalShortcut::defaultShortcut().toString(QKeySequence::NativeText)),
        this);
    m_default->setObjectName(QStringLiteral("defaultShortcutButton"));
    m_none = new QPushButton(tr("&No Shortcut", "@action:button remove the global shortcut"), this);
    m_none->setObjectName(QStringLiteral("noShortcutButton"));

    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("shortcutStatus"));
    m_status->setTextFormat(Qt::PlainText);
    m_status->setWordWrap(true);
    m_status->setAccessibleName(tr("Problem with the key combination", "@label accessible"));

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_ok = buttons->button(QDialogButtonBox::Ok);
    m_ok->setObjectName(QStringLiteral("shortcutOkButton"));
    buttons->button(QDialogButtonBox::Cancel)->setObjectName(QStringLiteral("shortcutCancelButton"));

    auto *form = new QFormLayout;
    form->addRow(label, m_edit);
    auto *row = new QHBoxLayout;
    row->addStretch();
    row->addWidget(m_default);
    row->addWidget(m_none);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(explanation);
    layout->addWidget(m_unavailable);
    layout->addLayout(form);
    layout->addLayout(row);
    layout->addWidget(m_status);
    layout->addStretch();
    layout->addWidget(buttons);
    setTabOrder(m_edit, m_default);
    setTabOrder(m_default, m_none);
    setTabOrder(m_none, buttons);

    connect(buttons, &QDialogButtonBox::accepted, this, &ShortcutDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_default, &QPushButton::clicked, this, [this]() {
        m_edit->setKeySequence(GlobalShortcut::defaultShortcut());
        m_status->clear();
    });
    connect(m_none, &QPushButton::clicked, this, [this]() {
        m_edit->clear();
        m_status->clear();
    });
    connect(m_edit, &QKeySequenceEdit::keySequenceChanged, m_status, &QLabel::clear);
    connect(m_shortcut, &GlobalShortcut::registeredChanged, this, &ShortcutDialog::refresh);
    refresh();
    m_edit->setFocus();
}

void ShortcutDialog::refresh()
{
    const bool registered = m_shortcut->isRegistered();
    m_unavailable->setVisible(!registered);
    m_edit->setEnabled(registered);
    m_default->setEnabled(registered);
    m_none->setEnabled(registered);
    m_edit->setKeySequence(m_shortcut->shortcut());
}

void ShortcutDialog::accept()
{
    const QKeySequence wanted = m_edit->keySequence();
    if (!m_shortcut->isRegistered() || wanted == m_shortcut->shortcut()) {
        QDialog::accept();
        return;
    }
    const QString keys = wanted.toString(QKeySequence::NativeText);
    if (const QString holder = m_shortcut->conflictWith(wanted); !holder.isEmpty()) {
        m_status->setText(tr("%1 is already the global shortcut for %2. Choose another key combination.", "@info").arg(keys, holder));
        m_edit->setFocus();
        return;
    }
    const QKeySequence assigned = m_shortcut->setShortcut(wanted);
    if (assigned != wanted) {
        m_edit->setKeySequence(assigned); // (clears the status)
        m_status->setText(tr("The global shortcut service did not accept %1.", "@info").arg(keys));
        m_edit->setFocus();
        return;
    }
    QDialog::accept();
}

} // namespace PassMirror
