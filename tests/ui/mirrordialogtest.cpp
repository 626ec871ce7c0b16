// SPDX-License-Identifier: GPL-2.0-or-later
// The Add/Edit dialog on real folders: each of core's path rules gives its
// own message as the person types, and OK stays disabled until all is valid.
#include "mirrordialog.h"
#include "mirrorvalidation.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <unistd.h>

using namespace PassMirror;

class MirrorDialogTest : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString t; // m_dir.path(), symlinks resolved

    QString expand(QString path) const
    {
        return path.replace(QStringLiteral("$T"), t);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        t = MirrorValidation::resolvePath(m_dir.path());
        for (const char *folder : {"src", "src/inner", "mnt", "mnt2", "full", "others", "mnt/../x"}) {
            QDir().mkpath(t + QLatin1Char('/') + QLatin1String(folder));
        }
        QFile file(t + QStringLiteral("/full/thing"));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.close();
        QFile plain(t + QStringLiteral("/file"));
        QVERIFY(plain.open(QIODevice::WriteOnly));
        plain.close();
        QVERIFY(QFile::link(t + QStringLiteral("/src"), t + QStringLiteral("/srclink")));
        if (getuid() == 0) {
            QVERIFY(::chown(QFile::encodeName(t + QStringLiteral("/others")).constData(), 4242, 4242) == 0);
        }
    }

    void shouldShowEachRuleWithItsOwnMessage_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("source");
        QTest::addColumn<QString>("mountPoint");
        QTest::addColumn<QString>("nameProblem");
        QTest::addColumn<QString>("sourceProblem");
        QTest::addColumn<QString>("mountPointProblem");

        const QString none;
        QTest::newRow("valid") << "docs" << "$T/src" << "$T/mnt" << none << none << none;
        QTest::newRow("trailing slashes are fine") << "docs" << "$T/src/" << "$T//mnt/" << none << none << none;
        QTest::newRow("symlinked source is resolved") << "docs" << "$T/srclink" << "$T/mnt" << none << none << none;
        QTest::newRow("no name") << "  " << "$T/src" << "$T/mnt" << "Give the mirror a name." << none << none;
        QTest::newRow("duplicate name") << "taken" << "$T/src" << "$T/mnt" << "Another mirror already has this name." << none << none;
        QTest::newRow("empty source") << "docs" << "" << "$T/mnt" << none << "Choose the folder to mirror." << none;
        QTest::newRow("empty mount point") << "docs" << "$T/src" << "" << none << none << "Choose an empty folder to show the mirror in.";
        QTest::newRow("relative source") << "docs" << "src" << "$T/mnt" << none << "The source must be an absolute path (starting with /)." << none;
        QTest::newRow("relative mount point") << "docs" << "$T/src" << "mnt" << none << none << "The mount point must be an absolute path (starting with /).";
        QTest::newRow("dot dot in a missing path") << "docs" << "$T/nothere/../src" << "$T/mnt" << none << "The source path must not contain \".\" or \"..\"." << none;
        QTest::newRow("name too long") << "docs" << "$T/" + QString(300, QLatin1Char('a')) << "$T/mnt" << none << "The source path or one of its names is too long." << none;
        QTest::newRow("missing source") << "docs" << "$T/nothere" << "$T/mnt" << none << "The source folder does not exist." << none;
        QTest::newRow("source is a file") << "docs" << "$T/file" << "$T/mnt" << none << "The source is not a folder." << none;
        QTest::newRow("missing mount point") << "docs" << "$T/src" << "$T/nothere" << none << none
                                             << "The mount point does not exist; create it or use \"Create under ~/Mirrors\".";
        QTest::newRow("mount point is a file") << "docs" << "$T/src" << "$T/file" << none << none << "The mount point is not a folder.";
        QTest::newRow("mount point not empty") << "docs" << "$T/src" << "$T/full" << none << none << "The mount point is not empty; use an empty folder.";
        QTest::newRow("mount point used by another mirror") << "docs" << "$T/src" << "$T/mnt2" << none << none << "Another mirror already uses this mount point.";
        QTest::newRow("mount point inside source") << "docs" << "$T/src" << "$T/src/inner" << none << none
                                                   << "The mount point is inside the source folder; the mirror would contain itself.";
        QTest::newRow("same folder") << "docs" << "$T/mnt" << "$T/mnt" << none << none << "The mount point is inside the source folder; the mirror would contain itself.";
        QTest::newRow("source inside mount point") << "docs" << "$T/src/inner" << "$T/src" << none << none << "The mount point is not empty; use an empty folder.";
        QTest::newRow("everything wrong") << "" << "x" << "" << "Give the mirror a name." << "The source must be an absolute path (starting with /)."
                                          << "Choose an empty folder to show the mirror in.";
        if (getuid() == 0) {
            QTest::newRow("mount point of someone else") << "docs" << "$T/src" << "$T/others" << none << none
                                                         << "The mount point belongs to someone else; use a folder of your own.";
        }
    }

    void shouldShowEachRuleWithItsOwnMessage()
    {
        QFETCH(QString, name);
        QFETCH(QString, source);
        QFETCH(QString, mountPoint);
        QFETCH(QString, nameProblem);
        QFETCH(QString, sourceProblem);
        QFETCH(QString, mountPointProblem);

        MirrorConfig taken;
        taken.name = QStringLiteral("taken");
        taken.source = t + QStringLiteral("/src");
        taken.mountPoint = t + QStringLiteral("/mnt2");
        MirrorDialog dialog({taken});
        auto *ok = dialog.findChild<QPushButton *>(QStringLiteral("okButton"));
        QVERIFY(ok);
        QVERIFY(!ok->isEnabled()); // empty at first

        // As typed, one key at a time for the name.
        QTest::keyClicks(dialog.findChild<QLineEdit *>(QStringLiteral("nameEdit")), name);
        dialog.findChild<QLineEdit *>(QStringLiteral("sourceEdit"))->setText(expand(source));
        dialog.findChild<QLineEdit *>(QStringLiteral("mountPointEdit"))->setText(expand(mountPoint));

        QCOMPARE(dialog.findChild<QLabel *>(QStringLiteral("nameProblem"))->text(), nameProblem);
        QCOMPARE(dialog.findChild<QLabel *>(QStringLiteral("sourceProblem"))->text(), sourceProblem);
        QCOMPARE(dialog.findChild<QLabel *>(QStringLiteral("mountPointProblem"))->text(), mountPointProblem);
        QCOMPARE(dialog.findChild<QLabel *>(QStringLiteral("sourceProblem"))->isVisibleTo(&dialog), !sourceProblem.isEmpty());
        const bool valid = nameProblem.isEmpty() && sourceProblem.isEmpty() && mountPointProblem.isEmpty();
        QCOMPARE(ok->isEnabled(), valid);
        QCOMPARE(dialog.isValid(), valid);
    }

    void shouldReturnTheConfigWithResolvedPaths()
    {
        MirrorDialog dialog({});
        dialog.findChild<QLineEdit *>(QStringLiteral("nameEdit"))->setText(QStringLiteral("docs"));
        dialog.findChild<QLineEdit *>(QStringLiteral("sourceEdit"))->setText(t + QStringLiteral("/srclink/"));
        dialog.findChild<QLineEdit *>(QStringLiteral("mountPointEdit"))->setText(t + QStringLiteral("//mnt"));
        dialog.findChild<QCheckBox *>(QStringLiteral("readOnlyCheck"))->setChecked(true);
        auto *combo = dialog.findChild<QComboBox *>(QStringLiteral("passthroughCombo"));
        combo->setCurrentIndex(combo->findData(QStringLiteral("off")));
        dialog.findChild<QCheckBox *>(QStringLiteral("mountAtLoginCheck"))->setChecked(true);
        QSignalSpy accepted(&dialog, &QDialog::accepted);
        dialog.findChild<QPushButton *>(QStringLiteral("okButton"))->click();
        QCOMPARE(accepted.count(), 1);
        const MirrorConfig c = dialog.config();
        QCOMPARE(c.name, QStringLiteral("docs"));
        QCOMPARE(c.source, t + QStringLiteral("/src"));
        QCOMPARE(c.mountPoint, t + QStringLiteral("/mnt"));
        QVERIFY(c.readOnly);
        QCOMPARE(c.passthrough, QStringLiteral("off"));
        QVERIFY(c.mountAtLogin);
    }

    void shouldCreateAnEmptyMountPointUnderMirrors()
    {
        MirrorDialog dialog({});
        dialog.setMirrorsFolder(t + QStringLiteral("/Mirrors"));
        dialog.findChild<QLineEdit *>(QStringLiteral("sourceEdit"))->setText(t + QStringLiteral("/full"));
        dialog.findChild<QPushButton *>(QStringLiteral("createMountPointButton"))->click();
        // Named after the source folder when there is no name yet; never a folder with content.
        QCOMPARE(dialog.findChild<QLineEdit *>(QStringLiteral("mountPointEdit"))->text(), t + QStringLiteral("/Mirrors/full"));
        QVERIFY(QDir(t + QStringLiteral("/Mirrors/full")).exists());
        QFile f(t + QStringLiteral("/Mirrors/full/x"));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.close();
        dialog.findChild<QPushButton *>(QStringLiteral("createMountPointButton"))->click();
        QCOMPARE(dialog.findChild<QLineEdit *>(QStringLiteral("mountPointEdit"))->text(), t + QStringLiteral("/Mirrors/full-2"));
        QCOMPARE(dialog.findChild<QLabel *>(QStringLiteral("mountPointProblem"))->text(), QString());
    }

    void shouldKeepPathsOfAMountedMirror()
    {
        MirrorConfig config;
        config.name = QStringLiteral("docs");
        config.source = t + QStringLiteral("/src");
        config.mountPoint = t + QStringLiteral("/full"); // not empty: as a mounted mirror is
        MirrorDialog dialog({});
        dialog.setConfig(config, true);
        QVERIFY(dialog.isValid());
        QVERIFY(dialog.findChild<QLineEdit *>(QStringLiteral("mountPointEdit"))->isReadOnly());
        QVERIFY(!dialog.findChild<QPushButton *>(QStringLiteral("sourceBrowseButton"))->isEnabled());
    }
};

QTEST_MAIN(MirrorDialogTest)
#include "mirrordialogtest.moc"
