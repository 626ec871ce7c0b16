// SPDX-License-Identifier: GPL-2.0-or-later
// passmirrord's command line (options.h), from tables: every option in each
// form it takes, the defaults, and every kind of usage error. The end-to-end
// tests start the daemon with a handful of argument lists; here each rule is
// held on its own, and a refusal must be MirrorError::Usage with a message
// that names what the person typed wrong, since that line is all they see.
#include "options.h"

#include <QMap>
#include <QStringList>
#include <QTest>

#include <limits>

using namespace PassMirror;

namespace
{

std::vector<std::string> toArguments(const QStringList &list)
{
    std::vector<std::string> arguments;
    for (const QString &argument : list) {
        arguments.push_back(argument.toStdString());
    }
    return arguments;
}

QString yesNo(bool value)
{
    return value ? QStringLiteral("true") : QStringLiteral("false");
}

QString modeName(Stats::PassthroughMode mode)
{
    switch (mode) {
    case Stats::PassthroughMode::Auto:
        return QStringLiteral("auto");
    case Stats::PassthroughMode::On:
        return QStringLiteral("on");
    case Stats::PassthroughMode::Off:
        return QStringLiteral("off");
    }
    return QStringLiteral("?");
}

QString modeName(IoUringMode mode)
{
    switch (mode) {
    case IoUringMode::Auto:
        return QStringLiteral("auto");
    case IoUringMode::On:
        return QStringLiteral("on");
    case IoUringMode::Off:
        return QStringLiteral("off");
    }
    return QStringLiteral("?");
}

// Every field of Options as text, so a row that changes the wrong field fails.
QMap<QString, QString> describe(const Options &options)
{
    return {
        {QStringLiteral("source"), QString::fromStdString(options.source)},
        {QStringLiteral("mountPoint"), QString::fromStdString(options.mountPoint)},
        {QStringLiteral("owner"), options.owner ? QString::fromStdString(*options.owner) : QStringLiteral("<none>")},
        {QStringLiteral("shared"), yesNo(options.shared)},
        {QStringLiteral("readOnly"), yesNo(options.readOnly)},
        {QStringLiteral("passthrough"), modeName(options.passthrough)},
        {QStringLiteral("ioUring"), modeName(options.ioUring)},
        {QStringLiteral("statsFile"), options.statsFile ? QString::fromStdString(*options.statsFile) : QStringLiteral("<none>")},
        {QStringLiteral("foreground"), yesNo(options.foreground)},
        {QStringLiteral("readyFd"), QString::number(options.readyFd)},
        {QStringLiteral("maxInodeFds"), QString::number(options.maxInodeFds)},
        {QStringLiteral("debug"), yesNo(options.debug)},
        {QStringLiteral("help"), yesNo(options.help)},
        {QStringLiteral("version"), yesNo(options.version)},
    };
}

// What `passmirrord /src /mnt` gives: every default.
QMap<QString, QString> defaults()
{
    return {
        {QStringLiteral("source"), QStringLiteral("/src")},
        {QStringLiteral("mountPoint"), QStringLiteral("/mnt")},
        {QStringLiteral("owner"), QStringLiteral("<none>")},
        {QStringLiteral("shared"), QStringLiteral("false")},
        {QStringLiteral("readOnly"), QStringLiteral("false")},
        {QStringLiteral("passthrough"), QStringLiteral("auto")},
        {QStringLiteral("ioUring"), QStringLiteral("auto")},
        {QStringLiteral("statsFile"), QStringLiteral("<none>")},
        {QStringLiteral("foreground"), QStringLiteral("false")},
        {QStringLiteral("readyFd"), QStringLiteral("-1")},
        {QStringLiteral("maxInodeFds"), QStringLiteral("0")},
        {QStringLiteral("debug"), QStringLiteral("false")},
        {QStringLiteral("help"), QStringLiteral("false")},
        {QStringLiteral("version"), QStringLiteral("false")},
    };
}

QStringList paths(QStringList arguments)
{
    return arguments << QStringLiteral("/src") << QStringLiteral("/mnt");
}

} // namespace

class OptionsTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    // Each row: the arguments, and "field=value" for every field that differs
    // from defaults(). All other fields must keep their defaults.
    void shouldParseEachOption_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QStringList>("changes");
        const auto row = [](const char *name, const QStringList &arguments, const QStringList &changes) {
            QTest::newRow(name) << arguments << changes;
        };
        const QString sizeMax = QString::number(std::numeric_limits<std::size_t>::max());

        row("defaults", paths({}), {});
        row("owner by name", paths({QStringLiteral("--owner=tester")}), {QStringLiteral("owner=tester")});
        row("owner by uid", paths({QStringLiteral("--owner=1000")}), {QStringLiteral("owner=1000")});
        row("owner keeps a later =", paths({QStringLiteral("--owner=a=b")}), {QStringLiteral("owner=a=b")});
        row("shared", paths({QStringLiteral("--shared")}), {QStringLiteral("shared=true")});
        row("read-only", paths({QStringLiteral("--read-only")}), {QStringLiteral("readOnly=true")});
        row("foreground", paths({QStringLiteral("--foreground")}), {QStringLiteral("foreground=true")});
        row("debug", paths({QStringLiteral("--debug")}), {QStringLiteral("debug=true")});
        row("passthrough auto", paths({QStringLiteral("--passthrough=auto")}), {});
        row("passthrough on", paths({QStringLiteral("--passthrough=on")}), {QStringLiteral("passthrough=on")});
        row("passthrough off", paths({QStringLiteral("--passthrough=off")}), {QStringLiteral("passthrough=off")});
        row("io-uring auto", paths({QStringLiteral("--io-uring=auto")}), {});
        row("io-uring on", paths({QStringLiteral("--io-uring=on")}), {QStringLiteral("ioUring=on")});
        row("io-uring off", paths({QStringLiteral("--io-uring=off")}), {QStringLiteral("ioUring=off")});
        row("stats-file", paths({QStringLiteral("--stats-file=/run/x y.stats")}), {QStringLiteral("statsFile=/run/x y.stats")});
        row("ready-fd 3", paths({QStringLiteral("--ready-fd=3")}), {QStringLiteral("readyFd=3")});
        row("ready-fd 1017", paths({QStringLiteral("--ready-fd=1017")}), {QStringLiteral("readyFd=1017")});
        row("max-inode-fds 0", paths({QStringLiteral("--max-inode-fds=0")}), {});
        row("max-inode-fds 1", paths({QStringLiteral("--max-inode-fds=1")}), {QStringLiteral("maxInodeFds=1")});
        row("max-inode-fds largest", paths({QStringLiteral("--max-inode-fds=") + sizeMax}), {QStringLiteral("maxInodeFds=") + sizeMax});
        row("every option at once",
            paths({QStringLiteral("--owner=tester"),
                   QStringLiteral("--shared"),
                   QStringLiteral("--read-only"),
                   QStringLiteral("--passthrough=off"),
                   QStringLiteral("--io-uring=on"),
                   QStringLiteral("--stats-file=/s"),
                   QStringLiteral("--foreground"),
                   QStringLiteral("--ready-fd=9"),
                   QStringLiteral("--max-inode-fds=64"),
                   QStringLiteral("--debug")}),
            {QStringLiteral("owner=tester"),
             QStringLiteral("shared=true"),
             QStringLiteral("readOnly=true"),
             QStringLiteral("passthrough=off"),
             QStringLiteral("ioUring=on"),
             QStringLiteral("statsFile=/s"),
             QStringLiteral("foreground=true"),
             QStringLiteral("readyFd=9"),
             QStringLiteral("maxInodeFds=64"),
             QStringLiteral("debug=true")});
        row("the last of a repeated option wins",
            paths({QStringLiteral("--passthrough=on"), QStringLiteral("--passthrough=off"), QStringLiteral("--owner=a"), QStringLiteral("--owner=b")}),
            {QStringLiteral("passthrough=off"), QStringLiteral("owner=b")});
        row("options between and after the paths",
            {QStringLiteral("--shared"), QStringLiteral("/src"), QStringLiteral("--debug"), QStringLiteral("/mnt"), QStringLiteral("--read-only")},
            {QStringLiteral("shared=true"), QStringLiteral("debug=true"), QStringLiteral("readOnly=true")});
        row("paths with spaces",
            {QStringLiteral("/my files"), QStringLiteral("/my mirror")},
            {QStringLiteral("source=/my files"), QStringLiteral("mountPoint=/my mirror")});
        row("a lone dash is a path", {QStringLiteral("-"), QStringLiteral("/mnt")}, {QStringLiteral("source=-")});
        row("after -- options are paths",
            {QStringLiteral("--"), QStringLiteral("-source"), QStringLiteral("--shared")},
            {QStringLiteral("source=-source"), QStringLiteral("mountPoint=--shared")});
        row("options before -- still count",
            {QStringLiteral("--debug"), QStringLiteral("--"), QStringLiteral("/src"), QStringLiteral("--x")},
            {QStringLiteral("debug=true"), QStringLiteral("mountPoint=--x")});
        // --help and --version need no paths, and take any number of them.
        row("help alone", {QStringLiteral("--help")}, {QStringLiteral("help=true"), QStringLiteral("source="), QStringLiteral("mountPoint=")});
        row("version alone", {QStringLiteral("--version")}, {QStringLiteral("version=true"), QStringLiteral("source="), QStringLiteral("mountPoint=")});
        row("help with one path",
            {QStringLiteral("/src"), QStringLiteral("--help")},
            {QStringLiteral("help=true"), QStringLiteral("source="), QStringLiteral("mountPoint=")});
        row("version with three paths",
            {QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c"), QStringLiteral("--version")},
            {QStringLiteral("version=true"), QStringLiteral("source="), QStringLiteral("mountPoint=")});
    }
    void shouldParseEachOption()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QStringList, changes);
        QMap<QString, QString> expected = defaults();
        for (const QString &change : std::as_const(changes)) {
            const qsizetype equals = change.indexOf(QLatin1Char('='));
            QVERIFY2(equals > 0 && expected.contains(change.left(equals)), qPrintable(QStringLiteral("bad row: ") + change));
            expected[change.left(equals)] = change.mid(equals + 1);
        }

        const auto parsed = parseOptions(toArguments(arguments));
        if (const auto *problem = std::get_if<Failure>(&parsed)) {
            QFAIL(qPrintable(QStringLiteral("refused: ") + QString::fromStdString(problem->message)));
        }
        const QMap<QString, QString> found = describe(std::get<Options>(parsed));
        QCOMPARE(found.keys(), expected.keys());
        for (auto it = expected.cbegin(); it != expected.cend(); ++it) {
            QVERIFY2(found.value(it.key()) == it.value(),
                     qPrintable(it.key() + QStringLiteral(": got \"") + found.value(it.key()) + QStringLiteral("\", expected \"") + it.value()
                                + QStringLiteral("\"")));
        }
    }

    // Each row: the arguments and what the message must name (the argument
    // as typed, or the option whose value is wrong).
    void shouldRefuseUsageErrors_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QStringList>("named");
        const auto row = [](const char *name, const QStringList &arguments, const QStringList &named) {
            QTest::newRow(name) << arguments << named;
        };
        const auto one = [](const char *text) {
            return QStringList{QString::fromLatin1(text)};
        };

        // Unknown options.
        row("unknown long option", paths(one("--bogus")), one("--bogus"));
        row("unknown short option", paths(one("-x")), one("-x"));
        row("long option with one dash", paths(one("-shared")), one("-shared"));
        row("options are case-sensitive", paths(one("--Shared")), one("--Shared"));
        row("a flag takes no value", paths(one("--shared=yes")), one("--shared=yes"));
        row("read-only takes no value", paths(one("--read-only=1")), one("--read-only=1"));
        row("prefix of an option", paths(one("--own=tester")), one("--own=tester"));
        row("help takes no value", one("--help=yes"), one("--help=yes"));
        row("version takes no value", one("--version=1"), one("--version=1"));
        row("help does not excuse a typo", {QStringLiteral("--help"), QStringLiteral("--bogus")}, one("--bogus"));
        row("version does not excuse a typo", {QStringLiteral("--version"), QStringLiteral("-v")}, one("-v"));
        // Missing values: without "=", or with nothing after it.
        for (const char *option : {"--owner", "--stats-file", "--ready-fd", "--max-inode-fds", "--passthrough", "--io-uring"}) {
            row(qPrintable(QStringLiteral("%1 without a value").arg(QLatin1String(option))), paths(one(option)), one(option));
            const QByteArray empty = QByteArray(option) + '=';
            row(qPrintable(QStringLiteral("%1= empty").arg(QLatin1String(option))), paths(one(empty.constData())), one(option));
        }
        // Bad numbers: plain decimal only, in range.
        for (const char *value : {"abc", "-1", "+3", "0x3", " 3", "3 ", "3.0", "3k", "0", "2", "99999999999"}) {
            const QByteArray argument = QByteArray("--ready-fd=") + value;
            row(argument.constData(), paths(one(argument.constData())), one("--ready-fd"));
        }
        for (const char *value : {"-1", "+1", "1k", " 1", "0x10", "1e3", "18446744073709551616", "99999999999999999999999"}) {
            const QByteArray argument = QByteArray("--max-inode-fds=") + value;
            row(argument.constData(), paths(one(argument.constData())), one("--max-inode-fds"));
        }
        // Bad modes: the message names the option and the value.
        for (const char *value : {"yes", "ON", "Off", "1", "auto,on"}) {
            for (const char *option : {"--passthrough", "--io-uring"}) {
                const QByteArray argument = QByteArray(option) + '=' + value;
                row(argument.constData(), paths(one(argument.constData())), {QString::fromLatin1(option), QString::fromLatin1(value)});
            }
        }
        // The paths: exactly two.
        row("no paths", {}, {QStringLiteral("SOURCE"), QStringLiteral("MOUNTPOINT")});
        row("only options", one("--shared"), {QStringLiteral("SOURCE"), QStringLiteral("MOUNTPOINT")});
        row("one path", one("/src"), {QStringLiteral("SOURCE"), QStringLiteral("MOUNTPOINT")});
        // A folder name with a space, unquoted, is the usual way to get here.
        row("three paths", {QStringLiteral("/home/ann/My"), QStringLiteral("Files"), QStringLiteral("/mnt")}, one("/mnt"));
        row("three paths after --", {QStringLiteral("--"), QStringLiteral("/src"), QStringLiteral("/mnt"), QStringLiteral("--extra")}, one("--extra"));
    }
    void shouldRefuseUsageErrors()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QStringList, named);
        const auto parsed = parseOptions(toArguments(arguments));
        QVERIFY2(std::holds_alternative<Failure>(parsed), "accepted");
        const Failure &problem = std::get<Failure>(parsed);
        QCOMPARE(static_cast<int>(problem.error), static_cast<int>(MirrorError::Usage));
        const QString message = QString::fromStdString(problem.message);
        for (const QString &name : std::as_const(named)) {
            QVERIFY2(message.contains(name), qPrintable(QStringLiteral("\"%1\" does not name \"%2\"").arg(message, name)));
        }
        // Where to read more.
        QVERIFY2(message.contains(QLatin1String("passmirrord --help")), qPrintable(message));
        QVERIFY2(!message.contains(QLatin1Char('\n')), "one line");
    }

    // A value-taking option written the way many tools take it ("--owner
    // tester") must not read as an option passmirrord lacks: --help lists it.
    void shouldNotCallAKnownOptionUnknown_data()
    {
        QTest::addColumn<QString>("option");
        for (const char *option : {"--owner", "--stats-file", "--ready-fd", "--max-inode-fds", "--passthrough", "--io-uring"}) {
            QTest::newRow(option) << QString::fromLatin1(option);
        }
    }
    void shouldNotCallAKnownOptionUnknown()
    {
        QFETCH(QString, option);
        const auto parsed = parseOptions(toArguments({option, QStringLiteral("value"), QStringLiteral("/src"), QStringLiteral("/mnt")}));
        QVERIFY(std::holds_alternative<Failure>(parsed));
        const QString message = QString::fromStdString(std::get<Failure>(parsed).message);
        QVERIFY2(message.contains(option + QLatin1Char('=')), qPrintable(message));
        QVERIFY2(!message.contains(QLatin1String("unknown")), qPrintable(message));
    }

    // Every option the parser takes is in --help, with its form.
    void shouldDescribeEveryOptionInTheUsageText_data()
    {
        QTest::addColumn<QString>("form");
        QTest::addColumn<QString>("argument");
        const auto row = [](const char *form, const char *argument) {
            QTest::newRow(form) << QString::fromLatin1(form) << QString::fromLatin1(argument);
        };
        row("--owner=USER|UID", "--owner=tester");
        row("--shared", "--shared");
        row("--read-only", "--read-only");
        row("--passthrough=auto|on|off", "--passthrough=on");
        row("--io-uring=auto|on|off", "--io-uring=off");
        row("--stats-file=PATH", "--stats-file=/s");
        row("--foreground", "--foreground");
        row("--ready-fd=N", "--ready-fd=5");
        row("--max-inode-fds=N", "--max-inode-fds=5");
        row("--debug", "--debug");
        row("--help", "--help");
        row("--version", "--version");
    }
    void shouldDescribeEveryOptionInTheUsageText()
    {
        QFETCH(QString, form);
        QFETCH(QString, argument);
        // The form in the text is one the parser takes.
        QVERIFY(std::holds_alternative<Options>(parseOptions(toArguments(paths({argument})))));
        const QString usage = QString::fromStdString(usageText());
        QVERIFY2(usage.contains(QLatin1String("  ") + form + QLatin1Char(' ')), qPrintable(form));
        QVERIFY(usage.startsWith(QLatin1String("Usage: passmirrord SOURCE MOUNTPOINT")));
    }
};

QTEST_GUILESS_MAIN(OptionsTest)
#include "optionstest.moc"
