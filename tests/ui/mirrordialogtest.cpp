// SPDX-License-Identifier: GPL-2.0-or-later
// The Add/Edit dialog on real folders: each of base's path rules gives its
// own message as the person types, and OK stays disabled until all is valid.
#include "mirrordialog.h"
#include "application.h"
#include "focuswalk.h"
#include "mirrorlistmodel.h"
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
#include <QTranslator>

#include <unistd.h>

using namespace PassMirror;
using namespace Qt::StringLiterals;

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
        for (const char *folder : {"src", "src/inner", "mnt", "mnt2", "full", "others", "mnt/../x", "mnt\nx", "src\x1b[2J"}) {
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
        QTest::newRow("valid") << u"docs"_s << u"$T/src"_s << u"$T/mnt"_s << none << none << none;
        QTest::newRow("trailing slashes are fine") << u"docs"_s << u"$T/src/"_s << u"$T//mnt/"_s << none << none << none;
        QTest::newRow("symlinked source is resolved") << u"docs"_s << u"$T/srclink"_s << u"$T/mnt"_s << none << none << none;
        QTest::newRow("no name") << u"  "_s << u"$T/src"_s << u"$T/mnt"_s << u"Give the mirror a name."_s << none << none;
        QTest::newRow("duplicate name") << u"taken"_s << u"$T/src"_s << u"$T/mnt"_s << u"Another mirror already has this name."_s << none << none;
        QTest::newRow("empty source") << u"docs"_s << u""_s << u"$T/mnt"_s << none << u"Choose the folder to mirror."_s << none;
        QTest::newRow("empty mount point") << u"docs"_s << u"$T/src"_s << u""_s << none << none << u"Choose an empty folder to show the mirror in."_s;
        QTest::newRow("relative source") << u"docs"_s << u"src"_s << u"$T/mnt"_s << none << u"The source must be an absolute path (starting with /)."_s << none;
        QTest::newRow("relative mount point") << u"docs"_s << u"$T/src"_s << u"mnt"_s << none << none
                                              << u"The mount point must be an absolute path (starting with /)."_s;
        QTest::newRow("dot dot in a missing path") << u"docs"_s << u"$T/nothere/../src"_s << u"$T/mnt"_s << none
                                                   << u"The source path must not contain \".\" or \"..\"."_s << none;
        QTest::newRow("name too long") << u"docs"_s << u"$T/"_s + QString(300, QLatin1Char('a')) << u"$T/mnt"_s << none
                                       << u"The source path or one of its names is too long."_s << none;
        // Real folders, empty and the person's: only their names are wrong.
        QTest::newRow("newline in the mount point") << u"docs"_s << u"$T/src"_s << u"$T/mnt\nx"_s << none << none
                                                    << u"The mount point path contains a control character (such as a line break or a tab)."_s;
        QTest::newRow("escape in the source") << u"docs"_s << u"$T/src\x1b[2J"_s << u"$T/mnt"_s << none
                                              << u"The source path contains a control character (such as a line break or a tab)."_s << none;
        QTest::newRow("missing source") << u"docs"_s << u"$T/nothere"_s << u"$T/mnt"_s << none << u"The source folder does not exist."_s << none;
        QTest::newRow("source is a file") << u"docs"_s << u"$T/file"_s << u"$T/mnt"_s << none << u"The source is not a folder."_s << none;
        QTest::newRow("missing mount point") << u"docs"_s << u"$T/src"_s << u"$T/nothere"_s << none << none
                                             << u"The mount point does not exist; create it or use \"Create under ~/Mirrors\"."_s;
        QTest::newRow("mount point is a file") << u"docs"_s << u"$T/src"_s << u"$T/file"_s << none << none << u"The mount point is not a folder."_s;
        QTest::newRow("mount point not empty") << u"docs"_s << u"$T/src"_s << u"$T/full"_s << none << none
                                               << u"The mount point is not empty; use an empty folder."_s;
        QTest::newRow("mount point used by another mirror")
            << u"docs"_s << u"$T/src"_s << u"$T/mnt2"_s << none << none << u"Another mirror already uses this mount point."_s;
        QTest::newRow("mount point inside source") << u"docs"_s << u"$T/src"_s << u"$T/src/inner"_s << none << none
                                                   << u"The mount point is inside the source folder; the mirror would contain itself."_s;
        QTest::newRow("same folder") << u"docs"_s << u"$T/mnt"_s << u"$T/mnt"_s << none << none
                                     << u"The mount point is inside the source folder; the mirror would contain itself."_s;
        QTest::newRow("source inside mount point") << u"docs"_s << u"$T/src/inner"_s << u"$T/src"_s << none << none
                                                   << u"The mount point is not empty; use an empty folder."_s;
        QTest::newRow("everything wrong") << u""_s << u"x"_s << u""_s << u"Give the mirror a name."_s
                                          << u"The source must be an absolute path (starting with /)."_s << u"Choose an empty folder to show the mirror in."_s;
        if (getuid() == 0) {
            QTest::newRow("mount point of someone else")
                << u"docs"_s << u"$T/src"_s << u"$T/others"_s << none << none << u"The mount point belongs to someone else; use a folder of your own."_s;
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

    void shouldTranslateForTheSystemLocale_data()
    {
        QTest::addColumn<QString>("locale");
        QTest::addColumn<QString>("mounted");
        QTest::addColumn<QString>("notEmpty");

        QTest::newRow("de") << u"de_DE"_s << u"Eingehängt"_s << u"Der Einhängepunkt ist nicht leer; verwenden Sie einen leeren Ordner."_s;
        QTest::newRow("fr") << u"fr_FR"_s << u"Monté"_s << u"Le point de montage n'est pas vide ; utilisez un dossier vide."_s;
        QTest::newRow("es") << u"es_ES"_s << u"Montado"_s << u"El punto de montaje no está vacío; use una carpeta vacía."_s;
        QTest::newRow("C") << u"C"_s << u"Mounted"_s << u"The mount point is not empty; use an empty folder."_s;
    }

    void shouldTranslateForTheSystemLocale()
    {
        QFETCH(QString, locale);
        QFETCH(QString, mounted);
        QFETCH(QString, notEmpty);
        const auto translators = QCoreApplication::instance()->findChildren<QTranslator *>();
        for (QTranslator *translator : translators) {
            QCoreApplication::removeTranslator(translator);
            delete translator;
        }
        QLocale::setDefault(QLocale(locale));
        Application::installTranslations();
        QCOMPARE(MirrorListModel::stateText(MirrorListModel::State::Mounted), mounted);
        MirrorDialog dialog({});
        dialog.findChild<QLineEdit *>(QStringLiteral("nameEdit"))->setText(QStringLiteral("docs"));
        dialog.findChild<QLineEdit *>(QStringLiteral("sourceEdit"))->setText(t + QStringLiteral("/src"));
        dialog.findChild<QLineEdit *>(QStringLiteral("mountPointEdit"))->setText(t + QStringLiteral("/full"));
        QCOMPARE(dialog.findChild<QLabel *>(QStringLiteral("mountPointProblem"))->text(), notEmpty);
        QLocale::setDefault(QLocale::c());
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

    // Tab from the name: every control once, in reading order, then back to the name;
    // Shift+Tab the same stops backwards. Disabled ones (a mounted mirror's
    // path buttons, OK while invalid) are passed over.
    void shouldWalkTheDialogWithTab_data()
    {
        QTest::addColumn<int>("kind"); // 0 add, 1 edit, 2 edit a mounted mirror
        QTest::addColumn<QStringList>("expected");
        const QStringList fields{u"sourceEdit"_s,
                                 u"sourceBrowseButton"_s,
                                 u"mountPointEdit"_s,
                                 u"mountPointBrowseButton"_s,
                                 u"createMountPointButton"_s,
                                 u"readOnlyCheck"_s,
                                 u"passthroughCombo"_s,
                                 u"mountAtLoginCheck"_s,
                                 u"mountWhenAvailableCheck"_s,
                                 u"unmountOnLockCheck"_s,
                                 // "Mount again on unlock" is off until "unmount on lock" is on.
                                 u"idleMinutesSpin"_s};
        QTest::newRow("add") << 0 << fields + QStringList{u"cancelButton"_s, u"nameEdit"_s};
        QTest::newRow("edit") << 1 << fields + QStringList{u"okButton"_s, u"cancelButton"_s, u"nameEdit"_s};
        QTest::newRow("edit mounted") << 2
                                      << QStringList{u"sourceEdit"_s,
                                                     u"mountPointEdit"_s,
                                                     u"readOnlyCheck"_s,
                                                     u"passthroughCombo"_s,
                                                     u"mountAtLoginCheck"_s,
                                                     u"mountWhenAvailableCheck"_s,
                                                     u"unmountOnLockCheck"_s,
                                                     u"idleMinutesSpin"_s,
                                                     u"okButton"_s,
                                                     u"cancelButton"_s,
                                                     u"nameEdit"_s};
    }

    void shouldWalkTheDialogWithTab()
    {
        QFETCH(int, kind);
        QFETCH(QStringList, expected);
        MirrorDialog dialog({});
        if (kind > 0) {
            MirrorConfig config;
            config.name = QStringLiteral("docs");
            config.source = t + QStringLiteral("/src");
            config.mountPoint = t + (kind == 2 ? QStringLiteral("/full") : QStringLiteral("/mnt"));
            dialog.setConfig(config, kind == 2);
        }
        dialog.show();
        QVERIFY(QTest::qWaitForWindowActive(&dialog));
        auto *name = dialog.findChild<QLineEdit *>(QStringLiteral("nameEdit"));
        name->setFocus();
        QTRY_COMPARE(QApplication::focusWidget(), name);
        const QList<QWidget *> forward = FocusWalk::walk(false, 100);
        QCOMPARE(FocusWalk::names(forward).join(u' '), expected.join(u' '));
        const QList<QWidget *> backward = FocusWalk::walk(true, 100);
        QList<QWidget *> reversed(forward.crbegin() + 1, forward.crend());
        reversed << name;
        QCOMPARE(FocusWalk::names(backward).join(u' '), FocusWalk::names(reversed).join(u' '));
    }

    // Every widget Tab can reach has a name a screen reader reads, also the
    // hidden ones (the problem labels, a mounted mirror's disabled buttons).
    void shouldNameEveryFocusableWidget_data()
    {
        QTest::addColumn<bool>("edit");
        QTest::newRow("add") << false;
        QTest::newRow("edit mounted") << true;
    }

    void shouldNameEveryFocusableWidget()
    {
        QFETCH(bool, edit);
        MirrorDialog dialog({});
        if (edit) {
            MirrorConfig config;
            config.name = QStringLiteral("docs");
            config.source = t + QStringLiteral("/src");
            config.mountPoint = t + QStringLiteral("/full");
            dialog.setConfig(config, true);
        }
        QStringList unnamed = FocusWalk::unnamedFocusable(&dialog);
        QVERIFY2(unnamed.isEmpty(), qPrintable(unnamed.join(u", "_s)));
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        unnamed = FocusWalk::unnamedFocusable(&dialog);
        QVERIFY2(unnamed.isEmpty(), qPrintable(unnamed.join(u", "_s)));
    }
};

QTEST_MAIN(MirrorDialogTest)
#include "mirrordialogtest.moc"
