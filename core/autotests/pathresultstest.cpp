// SPDX-License-Identifier: GPL-2.0-or-later
// The path rules as the Qt processes see them: paths off D-Bus, outcomes as
// MirrorResults naming the role of the path they are about.
#include "pathresults.h"

#include <QTest>

using namespace PassMirror;
using namespace PassMirror::PathRules;

Q_DECLARE_METATYPE(PassMirror::MirrorError)
Q_DECLARE_METATYPE(PassMirror::ErrorRole)

class PathResultsTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void shouldTakePathsFromVariants_data()
    {
        QTest::addColumn<QVariant>("value");
        QTest::addColumn<MirrorError>("expected");
        QTest::newRow("string") << QVariant(QStringLiteral("/a")) << MirrorError::None;
        QTest::newRow("bytes") << QVariant(QByteArray("/a")) << MirrorError::None;
        QTest::newRow("lone surrogate") << QVariant(QString(QChar(0xd800))) << MirrorError::PathInvalid;
        QTest::newRow("int") << QVariant(5) << MirrorError::Usage;
        QTest::newRow("list") << QVariant(QStringList{QStringLiteral("/a")}) << MirrorError::Usage;
        QTest::newRow("invalid") << QVariant() << MirrorError::Usage;
    }
    void shouldTakePathsFromVariants()
    {
        QFETCH(QVariant, value);
        QFETCH(MirrorError, expected);
        const auto result = pathFromVariant(value, Role::MountPoint);
        const MirrorError got = std::holds_alternative<QByteArray>(result) ? MirrorError::None : std::get<MirrorResult>(result).error;
        QCOMPARE(got, expected);
        if (got != MirrorError::None) {
            QCOMPARE(std::get<MirrorResult>(result).role, ErrorRole::MountPoint);
        }
    }

    void shouldKeepTheRoleOfASyntaxProblem_data()
    {
        QTest::addColumn<QByteArray>("path");
        QTest::addColumn<int>("role");
        QTest::addColumn<MirrorError>("expected");
        QTest::addColumn<ErrorRole>("expectedRole");
        QTest::newRow("good source") << QByteArray("/a//b/") << int(Role::Source) << MirrorError::None << ErrorRole::None;
        QTest::newRow("relative source") << QByteArray("a") << int(Role::Source) << MirrorError::PathInvalid << ErrorRole::Source;
        QTest::newRow("dotdot mount point") << QByteArray("/a/..") << int(Role::MountPoint) << MirrorError::PathInvalid << ErrorRole::MountPoint;
    }
    void shouldKeepTheRoleOfASyntaxProblem()
    {
        QFETCH(QByteArray, path);
        QFETCH(int, role);
        QFETCH(MirrorError, expected);
        QFETCH(ErrorRole, expectedRole);
        const MirrorResult result = checkSyntax(path, static_cast<Role>(role));
        QCOMPARE(result.error, expected);
        QCOMPARE(result.role, expectedRole);
        QCOMPARE(result.message.isEmpty(), expected == MirrorError::None);
    }

    void shouldNormalizeBytes()
    {
        QCOMPARE(normalize(QByteArray("//a///b//")), QByteArray("/a/b"));
        QCOMPARE(normalize(QByteArray("/")), QByteArray("/"));
    }
};

QTEST_GUILESS_MAIN(PathResultsTest)
#include "pathresultstest.moc"
