// SPDX-License-Identifier: GPL-2.0-or-later
// passmirrord's log: one line per message on standard error, whatever the
// message quotes (a path, the kernel's own words).
#include "log.h"

#include "uniquefd.h"

#include <QTest>

#include <fcntl.h>
#include <unistd.h>

using namespace PassMirror;

class LogTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void shouldWriteOneLinePerMessage_data()
    {
        QTest::addColumn<QByteArray>("message");
        QTest::addColumn<QByteArray>("line");
        QTest::newRow("plain") << QByteArray("cannot detach the mount on /home/ann/m") << QByteArray("passmirrord: cannot detach the mount on /home/ann/m\n");
        QTest::newRow("newline") << QByteArray("a\npassmirrord: forged") << QByteArray("passmirrord: a\\npassmirrord: forged\n");
        QTest::newRow("escape") << QByteArray("/m/\x1b[2J") << QByteArray("passmirrord: /m/\\x1b[2J\n");
        QTest::newRow("UTF-8") << QByteArray("/home/ann/Fotos-\xc3\xa4") << QByteArray("passmirrord: /home/ann/Fotos-\xc3\xa4\n");
    }
    void shouldWriteOneLinePerMessage()
    {
        QFETCH(QByteArray, message);
        QFETCH(QByteArray, line);
        int fds[2];
        QCOMPARE(::pipe2(fds, O_CLOEXEC | O_NONBLOCK), 0);
        const UniqueFd readEnd(fds[0]);
        const UniqueFd saved(::dup(STDERR_FILENO));
        QVERIFY(::dup2(fds[1], STDERR_FILENO) == STDERR_FILENO);
        ::close(fds[1]);
        logError(message.toStdString());
        ::dup2(saved.get(), STDERR_FILENO);
        char buffer[512];
        const ssize_t got = ::read(readEnd.get(), buffer, sizeof buffer);
        QCOMPARE(QByteArray(buffer, got > 0 ? got : 0), line);
    }
};

QTEST_GUILESS_MAIN(LogTest)
#include "logtest.moc"
