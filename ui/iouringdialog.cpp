// SPDX-License-Identifier: GPL-2.0-or-later
#include "iouringdialog.h"

#include "mirrorcontroller.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QIcon>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace PassMirror
{

IoUringDialog::IoUringDialog(MirrorController *controller, std::function<IoUringState()> readState, QWidget *parent)
    : QDialog(parent)
    , m_controller(controller)
    , m_readState(std::move(readState))
{
    setObjectName(QStringLiteral("ioUringDialog"));
    setWindowTitle(tr("FUSE over io_uring", "@title:window"));

    auto *explanation = new QLabel(tr("FUSE over io_uring lets the kernel hand requests to mirror daemons through shared rings instead of "
                                      "the /dev/fuse device, which makes opening and closing files faster. It is a switch of the kernel "
                                      "for the whole computer: every FUSE file system mounted after the change, by any user, may use it. "
                                      "Mirrors already mounted keep their transport until they are mounted again. The kernel forgets "
                                      "the setting when the computer restarts.",
                                      "@info"),
                                   this);
    explanation->setObjectName(QStringLiteral("ioUringExplanation"));
    explanation->setWordWrap(true);

    m_state = new QLabel(this);
    m_state->setObjectName(QStringLiteral("ioUringState"));
    m_state->setTextFormat(Qt::PlainText);
    m_state->setWordWrap(true);
    auto *stateLabel = new QLabel(tr("Kernel switch:", "@label"), this);
    stateLabel->setBuddy(m_state);
    m_state->setAccessibleName(tr("Kernel switch", "@label accessible"));

    m_enable = new QCheckBox(tr("&Use FUSE over io_uring on this computer", "@option:check"), this);
    m_enable->setObjectName(QStringLiteral("ioUringCheck"));
    m_enable->setAccessibleName(tr("Use FUSE over io_uring on this computer", "@option:check accessible"));

    auto *admin = new QLabel(tr("Changing it needs administrator authentication.", "@info"), this);
    admin->setObjectName(QStringLiteral("ioUringAdminNote"));
    admin->setWordWrap(true);

    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("ioUringStatus"));
    m_status->setTextFormat(Qt::PlainText);
    m_status->setWordWrap(true);
    m_status->setAccessibleName(tr("Result", "@label accessible"));

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    m_apply = buttons->addButton(tr("&Apply", "@action:button change the kernel switch"), QDialogButtonBox::ApplyRole);
    m_apply->setObjectName(QStringLiteral("ioUringApplyButton"));
    m_apply->setIcon(QIcon::fromTheme(QStringLiteral("security-high")));
    m_apply->setToolTip(admin->text());
    buttons->button(QDialogButtonBox::Close)->setObjectName(QStringLiteral("ioUringCloseButton"));

    auto *form = new QFormLayout;
    form->addRow(stateLabel, m_state);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(explanation);
    layout->addLayout(form);
    layout->addWidget(m_enable);
    layout->addWidget(admin);
    layout->addWidget(m_status);
    layout->addStretch();
    layout->addWidget(buttons);

    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_apply, &QPushButton::clicked, this, &IoUringDialog::apply);
    connect(m_enable, &QCheckBox::toggled, this, [this]() {
        refresh();
    });
    connect(m_controller, &MirrorController::ioUringFinished, this, &IoUringDialog::onFinished);

    m_enable->setChecked(m_readState() == IoUringState::Enabled);
    refresh();
}

QString IoUringDialog::stateText(IoUringState state)
{
    switch (state) {
    case IoUringState::Enabled:
        return tr("On", "@info kernel switch");
    case IoUringState::Disabled:
        return tr("Off", "@info kernel switch");
    case IoUringState::Unsupported:
        break;
    }
    return tr("Not available: this kernel has no FUSE over io_uring (Linux 6.14 or newer built with CONFIG_FUSE_IO_URING)", "@info kernel switch");
}

void IoUringDialog::refresh()
{
    const IoUringState state = m_readState();
    m_state->setText(stateText(state));
    const bool supported = state != IoUringState::Unsupported;
    m_enable->setEnabled(supported && !m_waiting);
    // Apply only what would change something.
    m_apply->setEnabled(supported && !m_waiting && m_enable->isChecked() != (state == IoUringState::Enabled));
}

void IoUringDialog::apply()
{
    m_waiting = true;
    m_status->setText(tr("Asking for administrator authentication…", "@info"));
    refresh();
    m_controller->setIoUring(m_enable->isChecked());
}

void IoUringDialog::onFinished(bool enable, const QString &message)
{
    if (!m_waiting) {
        return;
    }
    m_waiting = false;
    if (message.isEmpty()) {
        m_status->setText(enable ? tr("FUSE over io_uring is on; mirrors mounted from now on may use it.", "@info")
                                 : tr("FUSE over io_uring is off; mirrors mounted from now on use /dev/fuse.", "@info"));
    } else {
        m_status->setText(message);
        m_enable->setChecked(m_readState() == IoUringState::Enabled);
    }
    refresh();
}

} // namespace PassMirror
