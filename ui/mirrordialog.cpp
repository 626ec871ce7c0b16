// SPDX-License-Identifier: GPL-2.0-or-later
#include "mirrordialog.h"

#include "mirrorvalidation.h"

#include <QAbstractItemView>
#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QStyle>
#include <QVBoxLayout>

namespace PassMirror
{

namespace
{
QLabel *problemLabel(const QString &objectName, QWidget *parent)
{
    auto *label = new QLabel(parent);
    label->setObjectName(objectName);
    label->setWordWrap(true);
    label->setTextFormat(Qt::PlainText);
    QPalette palette = label->palette();
    palette.setColor(QPalette::WindowText, QColor(0xda, 0x44, 0x53));
    label->setPalette(palette);
    label->hide();
    return label;
}
} // namespace

MirrorDialog::MirrorDialog(const QList<MirrorConfig> &others, QWidget *parent)
    : QDialog(parent)
    , m_others(others)
    , m_mirrorsFolder(QDir::homePath() + QStringLiteral("/Mirrors"))
{
    setObjectName(QStringLiteral("mirrorDialog"));
    setWindowTitle(tr("Add Mirror", "@title:window"));
    setAccessibleName(windowTitle());

    auto *form = new QFormLayout;

    m_name = new QLineEdit(this);
    m_name->setObjectName(QStringLiteral("nameEdit"));
    m_nameProblem = problemLabel(QStringLiteral("nameProblem"), this);
    auto *nameLabel = new QLabel(tr("&Name:", "@label:textbox"), this);
    nameLabel->setBuddy(m_name);
    m_name->setAccessibleName(tr("Name", "@label:textbox accessible"));
    form->addRow(nameLabel, m_name);
    form->addRow(QString(), m_nameProblem);

    m_source = new QLineEdit(this);
    m_source->setObjectName(QStringLiteral("sourceEdit"));
    m_source->setAccessibleName(tr("Source folder", "@label:textbox accessible"));
    m_sourceBrowse = new QPushButton(tr("Browse…", "@action:button choose the source folder"), this);
    m_sourceBrowse->setObjectName(QStringLiteral("sourceBrowseButton"));
    m_sourceBrowse->setAccessibleName(tr("Choose the source folder", "@action:button accessible"));
    auto *sourceRow = new QHBoxLayout;
    sourceRow->addWidget(m_source, 1);
    sourceRow->addWidget(m_sourceBrowse);
    auto *sourceLabel = new QLabel(tr("&Source folder:", "@label:textbox"), this);
    sourceLabel->setBuddy(m_source);
    m_sourceProblem = problemLabel(QStringLiteral("sourceProblem"), this);
    form->addRow(sourceLabel, sourceRow);
    form->addRow(QString(), m_sourceProblem);

    m_mountPoint = new QLineEdit(this);
    m_mountPoint->setObjectName(QStringLiteral("mountPointEdit"));
    m_mountPoint->setAccessibleName(tr("Mount point", "@label:textbox accessible"));
    m_mountPointBrowse = new QPushButton(tr("Browse…", "@action:button choose the mount point"), this);
    m_mountPointBrowse->setObjectName(QStringLiteral("mountPointBrowseButton"));
    m_mountPointBrowse->setAccessibleName(tr("Choose the mount point", "@action:button accessible"));
    m_createMountPoint = new QPushButton(tr("Create under ~/Mirrors", "@action:button"), this);
    m_createMountPoint->setObjectName(QStringLiteral("createMountPointButton"));
    m_createMountPoint->setAccessibleName(m_createMountPoint->text());
    auto *mountRow = new QHBoxLayout;
    mountRow->addWidget(m_mountPoint, 1);
    mountRow->addWidget(m_mountPointBrowse);
    mountRow->addWidget(m_createMountPoint);
    auto *mountLabel = new QLabel(tr("&Mount point:", "@label:textbox"), this);
    mountLabel->setBuddy(m_mountPoint);
    m_mountPointProblem = problemLabel(QStringLiteral("mountPointProblem"), this);
    form->addRow(mountLabel, mountRow);
    form->addRow(QString(), m_mountPointProblem);

    m_readOnly = new QCheckBox(tr("&Read-only", "@option:check"), this);
    m_readOnly->setObjectName(QStringLiteral("readOnlyCheck"));
    m_readOnly->setAccessibleName(tr("Read-only", "@option:check accessible"));
    form->addRow(QString(), m_readOnly);

    m_passthrough = new QComboBox(this);
    m_passthrough->setObjectName(QStringLiteral("passthroughCombo"));
    m_passthrough->addItem(tr("Automatic (kernel passthrough when available)", "@item:inlistbox"), QStringLiteral("auto"));
    m_passthrough->addItem(tr("Always kernel passthrough", "@item:inlistbox"), QStringLiteral("on"));
    m_passthrough->addItem(tr("Never (data through the daemon)", "@item:inlistbox"), QStringLiteral("off"));
    m_passthrough->setAccessibleName(tr("Data path", "@label:listbox accessible"));
    m_passthrough->view()->setAccessibleName(m_passthrough->accessibleName()); // its popup list
    auto *passthroughLabel = new QLabel(tr("&Data path:", "@label:listbox"), this);
    passthroughLabel->setBuddy(m_passthrough);
    form->addRow(passthroughLabel, m_passthrough);

    m_mountAtLogin = new QCheckBox(tr("Mount at &login", "@option:check"), this);
    m_mountAtLogin->setObjectName(QStringLiteral("mountAtLoginCheck"));
    m_mountAtLogin->setAccessibleName(tr("Mount at login", "@option:check accessible"));
    form->addRow(QString(), m_mountAtLogin);

    m_mountWhenAvailable = new QCheckBox(tr("Mount when the source is a&vailable", "@option:check"), this);
    m_mountWhenAvailable->setObjectName(QStringLiteral("mountWhenAvailableCheck"));
    m_mountWhenAvailable->setAccessibleName(tr("Mount when the source is available", "@option:check accessible"));
    m_mountWhenAvailable->setToolTip(
        tr("Waits while the source folder or its drive is missing, mounts as soon as it appears and unmounts when it goes away.", "@info:tooltip"));
    m_mountWhenAvailable->setAccessibleDescription(m_mountWhenAvailable->toolTip());
    form->addRow(QString(), m_mountWhenAvailable);

    m_unmountOnLock = new QCheckBox(tr("Unmount when the screen loc&ks", "@option:check"), this);
    m_unmountOnLock->setObjectName(QStringLiteral("unmountOnLockCheck"));
    m_unmountOnLock->setAccessibleName(tr("Unmount when the screen locks", "@option:check accessible"));
    form->addRow(QString(), m_unmountOnLock);

    m_mountOnUnlock = new QCheckBox(tr("Mount again on &unlock", "@option:check"), this);
    m_mountOnUnlock->setObjectName(QStringLiteral("mountOnUnlockCheck"));
    m_mountOnUnlock->setAccessibleName(tr("Mount again when the screen is unlocked", "@option:check accessible"));
    m_mountOnUnlock->setEnabled(false);
    // Under the option it depends on.
    auto *unlockRow = new QHBoxLayout;
    unlockRow->addSpacing(style()->pixelMetric(QStyle::PM_IndicatorWidth) + style()->pixelMetric(QStyle::PM_CheckBoxLabelSpacing));
    unlockRow->addWidget(m_mountOnUnlock, 1);
    form->addRow(QString(), unlockRow);

    m_idleMinutes = new QSpinBox(this);
    m_idleMinutes->setObjectName(QStringLiteral("idleMinutesSpin"));
    m_idleMinutes->setRange(0, MirrorConfig::MaxIdleMinutes);
    m_idleMinutes->setSpecialValueText(tr("Never", "@item:valuesuffix unmount when idle: never"));
    m_idleMinutes->setSuffix(tr(" min", "@item:valuesuffix minutes"));
    m_idleMinutes->setAccessibleName(tr("Unmount after this many minutes without activity", "@label:spinbox accessible"));
    // Its text field, which Tab reaches inside it, reads with the same name.
    if (auto *field = m_idleMinutes->findChild<QLineEdit *>()) {
        field->setAccessibleName(m_idleMinutes->accessibleName());
    }
    auto *idleLabel = new QLabel(tr("Unmount when &idle for:", "@label:spinbox"), this);
    idleLabel->setBuddy(m_idleMinutes);
    form->addRow(idleLabel, m_idleMinutes);

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_buttons->setObjectName(QStringLiteral("buttonBox"));
    m_buttons->button(QDialogButtonBox::Ok)->setObjectName(QStringLiteral("okButton"));
    m_buttons->button(QDialogButtonBox::Ok)->setAccessibleName(tr("OK", "@action:button accessible"));
    m_buttons->button(QDialogButtonBox::Cancel)->setObjectName(QStringLiteral("cancelButton"));
    m_buttons->button(QDialogButtonBox::Cancel)->setAccessibleName(tr("Cancel", "@action:button accessible"));

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addStretch();
    layout->addWidget(m_buttons);

    setTabOrder(m_name, m_source);
    setTabOrder(m_source, m_sourceBrowse);
    setTabOrder(m_sourceBrowse, m_mountPoint);
    setTabOrder(m_mountPoint, m_mountPointBrowse);
    setTabOrder(m_mountPointBrowse, m_createMountPoint);
    setTabOrder(m_createMountPoint, m_readOnly);
    setTabOrder(m_readOnly, m_passthrough);
    setTabOrder(m_passthrough, m_mountAtLogin);
    setTabOrder(m_mountAtLogin, m_mountWhenAvailable);
    setTabOrder(m_mountWhenAvailable, m_unmountOnLock);
    setTabOrder(m_unmountOnLock, m_mountOnUnlock);
    setTabOrder(m_mountOnUnlock, m_idleMinutes);

    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    for (QLineEdit *edit : {m_name, m_source, m_mountPoint}) {
        connect(edit, &QLineEdit::textChanged, this, &MirrorDialog::validate);
    }
    connect(m_sourceBrowse, &QPushButton::clicked, this, [this]() {
        browse(m_source, tr("Choose the Folder to Mirror", "@title:window"));
    });
    connect(m_mountPointBrowse, &QPushButton::clicked, this, [this]() {
        browse(m_mountPoint, tr("Choose an Empty Folder for the Mirror", "@title:window"));
    });
    connect(m_createMountPoint, &QPushButton::clicked, this, &MirrorDialog::createUnderMirrors);
    // A source that is not there yet is fine for a mirror that waits for it.
    connect(m_mountWhenAvailable, &QCheckBox::toggled, this, &MirrorDialog::validate);
    connect(m_unmountOnLock, &QCheckBox::toggled, m_mountOnUnlock, &QWidget::setEnabled);
    resize(640, sizeHint().height());
    validate();
}

void MirrorDialog::setConfig(const MirrorConfig &config, bool mounted)
{
    setWindowTitle(tr("Edit Mirror", "@title:window"));
    setAccessibleName(windowTitle());
    m_mounted = mounted;
    m_name->setText(config.name);
    m_source->setText(config.source);
    m_mountPoint->setText(config.mountPoint);
    m_readOnly->setChecked(config.readOnly);
    m_passthrough->setCurrentIndex(std::max(0, m_passthrough->findData(config.passthrough)));
    m_mountAtLogin->setChecked(config.mountAtLogin);
    m_mountWhenAvailable->setChecked(config.mountWhenAvailable);
    m_unmountOnLock->setChecked(config.unmountOnLock);
    m_mountOnUnlock->setChecked(config.mountOnUnlock);
    m_idleMinutes->setValue(config.idleMinutes);
    m_loadedSource = config.source;
    m_loadedSourceVolume = config.sourceVolume;
    // A mounted mirror keeps its paths; unmount it to move it.
    m_source->setReadOnly(mounted);
    m_mountPoint->setReadOnly(mounted);
    m_sourceBrowse->setEnabled(!mounted);
    m_mountPointBrowse->setEnabled(!mounted);
    m_createMountPoint->setEnabled(!mounted);
    validate();
}

void MirrorDialog::setMirrorsFolder(const QString &folder)
{
    m_mirrorsFolder = folder;
}

MirrorConfig MirrorDialog::config() const
{
    MirrorConfig c;
    c.name = m_name->text().trimmed();
    c.source = MirrorValidation::resolvePath(m_source->text());
    c.mountPoint = MirrorValidation::resolvePath(m_mountPoint->text());
    c.readOnly = m_readOnly->isChecked();
    c.passthrough = m_passthrough->currentData().toString();
    c.mountAtLogin = m_mountAtLogin->isChecked();
    c.mountWhenAvailable = m_mountWhenAvailable->isChecked();
    c.unmountOnLock = m_unmountOnLock->isChecked();
    c.mountOnUnlock = c.unmountOnLock && m_mountOnUnlock->isChecked();
    c.idleMinutes = m_idleMinutes->value();
    if (c.source == m_loadedSource) {
        c.sourceVolume = m_loadedSourceVolume;
    }
    return c;
}

bool MirrorDialog::isValid() const
{
    return m_valid;
}

void MirrorDialog::showProblem(QLabel *label, const QString &problem)
{
    label->setText(problem);
    label->setVisible(!problem.isEmpty());
}

void MirrorDialog::validate()
{
    const auto problems = MirrorValidation::validate(config(), m_others, m_mounted);
    showProblem(m_nameProblem, problems.name);
    showProblem(m_sourceProblem, problems.source);
    showProblem(m_mountPointProblem, problems.mountPoint);
    // A screen reader hears the problem with the field.
    m_name->setAccessibleDescription(problems.name);
    m_source->setAccessibleDescription(problems.source);
    m_mountPoint->setAccessibleDescription(problems.mountPoint);
    m_valid = problems.ok();
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(m_valid);
}

void MirrorDialog::browse(QLineEdit *edit, const QString &title)
{
    const QString start = edit->text().isEmpty() ? QDir::homePath() : MirrorValidation::resolvePath(edit->text());
    const QString folder = QFileDialog::getExistingDirectory(this, title, start);
    if (!folder.isEmpty()) {
        edit->setText(folder);
    }
}

void MirrorDialog::createUnderMirrors()
{
    QString name = m_name->text().trimmed();
    if (name.isEmpty()) {
        name = QFileInfo(MirrorValidation::resolvePath(m_source->text())).fileName();
    }
    name.replace(QLatin1Char('/'), QLatin1Char('_'));
    if (name.isEmpty() || name == QLatin1String(".") || name == QLatin1String("..")) {
        name = tr("mirror", "@item default folder name under ~/Mirrors");
    }
    QString path = m_mirrorsFolder + QLatin1Char('/') + name;
    // Never reuse a folder that has something in it.
    for (int n = 2; QFileInfo::exists(path) && !QDir(path).isEmpty(); ++n) {
        path = m_mirrorsFolder + QLatin1Char('/') + name + QStringLiteral("-%1").arg(n);
    }
    QDir().mkpath(path);
    m_mountPoint->setText(path);
}

} // namespace PassMirror
