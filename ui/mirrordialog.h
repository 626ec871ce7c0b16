// SPDX-License-Identifier: GPL-2.0-or-later
// Add or edit a mirror: name, source and mount point (with folder pickers and
// "Create under ~/Mirrors"), read-only, passthrough mode, mount at login, and
// following the session: mount when the source is available, unmount when
// the screen locks (and mount again on unlock), unmount when idle.
// Validates as the person types (MirrorValidation: base's PathRules, through
// core's pathresults); OK stays disabled until every field is valid.
#pragma once

#include "mirrorconfig.h"

#include <QDialog>

class QCheckBox;
class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;

namespace PassMirror
{

class MirrorDialog : public QDialog
{
    Q_OBJECT
public:
    // `others`: the other saved mirrors (names and mount points must differ).
    explicit MirrorDialog(const QList<MirrorConfig> &others, QWidget *parent = nullptr);
    // Edit: starts from `config`; `mounted` relaxes the empty-folder rule.
    void setConfig(const MirrorConfig &config, bool mounted);

    // With resolved paths.
    [[nodiscard]] MirrorConfig config() const;
    [[nodiscard]] bool isValid() const;

    // Where "Create under ~/Mirrors" makes folders (tests point it elsewhere).
    void setMirrorsFolder(const QString &folder);

public Q_SLOTS:
    void validate();

private:
    void browse(QLineEdit *edit, const QString &title);
    void createUnderMirrors();
    static void showProblem(QLabel *label, const QString &problem);

    QList<MirrorConfig> m_others;
    bool m_mounted = false;
    bool m_valid = false;
    QString m_mirrorsFolder;

    QLineEdit *m_name;
    QLabel *m_nameProblem;
    QLineEdit *m_source;
    QPushButton *m_sourceBrowse;
    QLabel *m_sourceProblem;
    QLineEdit *m_mountPoint;
    QPushButton *m_mountPointBrowse;
    QPushButton *m_createMountPoint;
    QLabel *m_mountPointProblem;
    QCheckBox *m_readOnly;
    QComboBox *m_passthrough;
    QCheckBox *m_mountAtLogin;
    QCheckBox *m_mountWhenAvailable;
    QCheckBox *m_unmountOnLock;
    QCheckBox *m_mountOnUnlock;
    QSpinBox *m_idleMinutes;
    QDialogButtonBox *m_buttons;
    // Kept while the source stays the same (see MirrorConfig::sourceVolume).
    QString m_loadedSource;
    QString m_loadedSourceVolume;
};

} // namespace PassMirror
