// SPDX-License-Identifier: GPL-2.0-or-later
#include "passmirrorctl.h"

#include <QCoreApplication>

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("passmirrorctl"));
    QCoreApplication::setApplicationVersion(QStringLiteral(PASSMIRROR_VERSION));
    QByteArrayList arguments;
    for (int i = 1; i < argc; ++i) {
        arguments.append(QByteArray(argv[i])); // raw: paths need not be valid in any encoding
    }
    QTextStream out(stdout);
    QTextStream err(stderr);
    return PassMirror::Ctl::run(arguments, out, err);
}
