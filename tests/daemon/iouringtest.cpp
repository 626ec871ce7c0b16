// SPDX-License-Identifier: GPL-2.0-or-later
// passmirrord --io-uring: the stats file names the transport really in use.
//
// Built against libfuse 3.17 (Debian 13, CI), `on` must refuse with a reason
// and mount nothing, and auto must say /dev/fuse whatever the kernel switch
// says. Built against libfuse >= 3.18 (the Debian testing root), the rows
// that flip /sys/module/fuse/parameters/enable_uring run too: Y gives
// io_uring, N falls back to /dev/fuse. The switch is restored afterwards.

#include "credentials.h"
#include "fileutil.h"
#include "mirrorerror.h"
#include "mirrorprocess.h"
#include "mountinfo.h"
#include "runas.h"
#include "statsreader.h"

#include <QTest>

#include <optional>

using namespace PassMirror;
using namespace PassMirror::Test;
using namespace std::chrono_literals;

namespace
{

constexpr const char *EnableUring = "/sys/module/fuse/parameters/enable_uring";
constexpr bool BuiltWithIoUring = PASSMIRROR_HAVE_FUSE_IO_URING != 0;

std::optional<bool> kernelSwitch()
{
    const auto value = readFile(EnableUring);
    if (!value || value->empty()) {
        return std::nullopt;
    }
    return value->front() == 'Y';
}

bool setKernelSwitch(bool on)
{
    return writeFile(EnableUring, on ? "Y" : "N", 0644, 0) == 0 && kernelSwitch() == on;
}

// Sets the system-wide switch for one test and puts it back.
class ScopedKernelSwitch
{
public:
    explicit ScopedKernelSwitch(bool on)
        : m_before(kernelSwitch())
    {
        m_ok = m_before.has_value() && setKernelSwitch(on);
    }
    ~ScopedKernelSwitch()
    {
        if (m_before) {
            (void)setKernelSwitch(*m_before);
        }
    }
    ScopedKernelSwitch(const ScopedKernelSwitch &) = delete;
    ScopedKernelSwitch &operator=(const ScopedKernelSwitch &) = delete;
    [[nodiscard]] bool ok() const
    {
        return m_ok;
    }

private:
    std::optional<bool> m_before;
    bool m_ok = false;
};

const char *transportLabel(Stats::Transport transport)
{
    switch (transport) {
    case Stats::Transport::DevFuse:
        return "/dev/fuse";
    case Stats::Transport::IoUring:
        return "io_uring";
    case Stats::Transport::Unknown:
        break;
    }
    return "unknown";
}

// Writes, reads back and lists a file through the mirror as the owner.
Outcome useTheMirror(const std::string &mountPoint)
{
    return runAs(Tester, [&] {
        const std::string path = mountPoint + "/through-the-ring";
        const std::string data = pattern(12, 300001);
        if (writeFile(path, data) != 0) {
            return Outcome::failure("write", errno);
        }
        if (readFile(path) != data) {
            return Outcome::failure("read back differs", errno);
        }
        const auto names = listDirectory(mountPoint);
        if (!names || names->size() != 1) {
            return Outcome::failure("listing: " + (names ? join(*names) : std::string("failed")), errno);
        }
        return Outcome::success();
    });
}

} // namespace

class IoUringTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void shouldRefuseAnUnknownMode()
    {
        MirrorOptions options;
        options.extraArguments = {"--io-uring=sometimes"};
        MirrorProcess mirror(options);
        QVERIFY(!mirror.start());
        QCOMPARE(mirror.reportedError(), std::optional<int>(int(MirrorError::Usage)));
        QVERIFY2(mirror.errorString().find("--io-uring must be auto, on or off") != std::string::npos, mirror.errorString().c_str());
        QVERIFY(mountsBelow(mirror.scratchPath()).empty());
    }

    // What a person running Debian 13's libfuse sees when asking for it.
    void shouldRefuseOnWithoutLibfuse318()
    {
        if (BuiltWithIoUring) {
            QSKIP("built against libfuse >= 3.18: shouldServeTheTransportTheSwitchAllows covers on");
        }
        MirrorOptions options;
        options.extraArguments = {"--io-uring=on"};
        MirrorProcess mirror(options);
        QVERIFY(!mirror.start());
        QCOMPARE(mirror.reportedError(), std::optional<int>(int(MirrorError::IoUringUnavailable)));
        QVERIFY2(mirror.errorString().find("needs a build against 3.18") != std::string::npos, mirror.errorString().c_str());
        QVERIFY(mountsBelow(mirror.scratchPath()).empty());
        QVERIFY(!isMountPoint(mirror.mountPoint()));
    }

    void shouldServeTheTransportTheSwitchAllows_data()
    {
        QTest::addColumn<bool>("kernelSwitch");
        QTest::addColumn<QByteArray>("mode");
        QTest::addColumn<QByteArray>("passthrough");
        QTest::addColumn<bool>("shared");
        // nullptr: the mount is refused with IoUringUnavailable.
        QTest::addColumn<QByteArray>("expected");

        const QByteArray ring = BuiltWithIoUring ? "io_uring" : "/dev/fuse";
        QTest::newRow("switch Y, auto, passthrough on") << true << QByteArray("auto") << QByteArray("on") << false << ring;
        QTest::newRow("switch Y, auto, passthrough off") << true << QByteArray("auto") << QByteArray("off") << false << ring;
        // Every request reads the caller's groups; libfuse cancels the
        // ring's threads at unmount (a thread_local fd once aborted it then).
        QTest::newRow("switch Y, auto, shared") << true << QByteArray("auto") << QByteArray("on") << true << ring;
        QTest::newRow("switch Y, off") << true << QByteArray("off") << QByteArray("on") << false << QByteArray("/dev/fuse");
        QTest::newRow("switch N, auto") << false << QByteArray("auto") << QByteArray("on") << false << QByteArray("/dev/fuse");
        if (BuiltWithIoUring) {
            QTest::newRow("switch Y, on") << true << QByteArray("on") << QByteArray("on") << false << QByteArray("io_uring");
            QTest::newRow("switch N, on") << false << QByteArray("on") << QByteArray("on") << false << QByteArray();
        }
    }

    void shouldServeTheTransportTheSwitchAllows()
    {
        QFETCH(bool, kernelSwitch);
        QFETCH(QByteArray, mode);
        QFETCH(QByteArray, passthrough);
        QFETCH(bool, shared);
        QFETCH(QByteArray, expected);

        ScopedKernelSwitch scopedSwitch(kernelSwitch);
        QVERIFY2(scopedSwitch.ok(), "cannot set /sys/module/fuse/parameters/enable_uring (kernel without CONFIG_FUSE_IO_URING?)");

        MirrorOptions options;
        options.passthrough = passthrough.toStdString();
        options.shared = shared;
        options.extraArguments = {"--io-uring=" + mode.toStdString()};
        MirrorProcess mirror(options);
        const bool started = mirror.start();
        if (expected.isEmpty()) {
            QVERIFY(!started);
            QCOMPARE(mirror.reportedError(), std::optional<int>(int(MirrorError::IoUringUnavailable)));
            QVERIFY2(mirror.errorString().find("enable_uring") != std::string::npos, mirror.errorString().c_str());
            QVERIFY(mountsBelow(mirror.scratchPath()).empty());
            return;
        }
        QVERIFY2(started, mirror.errorString().c_str());
        QCOMPARE(transportLabel(mirror.stats().sample().transport), expected.constData());

        const Outcome used = useTheMirror(mirror.mountPoint());
        QVERIFY2(used.succeeded(), used.describe().c_str());
        QCOMPARE(readFile(mirror.sourcePath() + "/through-the-ring"), std::optional<std::string>(pattern(12, 300001)));
        if (passthrough == "on") {
            QVERIFY2(mirror.stats().sample().passthroughOpens > 0, "no open was served by kernel passthrough");
        }
        // Requests kept coming on the same transport.
        QCOMPARE(transportLabel(mirror.stats().sample().transport), expected.constData());
        // And the server ends cleanly when asked to.
        const ExitStatus ended = mirror.terminate();
        QVERIFY2(ended.exited && ended.code == 0, ended.describe().c_str());
    }
};

QTEST_GUILESS_MAIN(IoUringTest)
#include "iouringtest.moc"
