// SPDX-License-Identifier: GPL-2.0-or-later
#include "detailspanel.h"

#include "mirrorlistmodel.h"
#include "rateplot.h"

#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QTableWidget>
#include <QVBoxLayout>

namespace PassMirror
{

namespace
{
QLabel *valueLabel(const QString &objectName, QWidget *parent)
{
    auto *label = new QLabel(parent);
    label->setObjectName(objectName);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    label->setTextFormat(Qt::PlainText);
    label->setWordWrap(true);
    return label;
}
} // namespace

QString DetailsPanel::transportText(Stats::Transport transport)
{
    // What the daemon reports it really uses: libfuse falls back to /dev/fuse
    // when the ring cannot start, whatever was asked for.
    switch (transport) {
    case Stats::Transport::DevFuse:
        return tr("/dev/fuse", "@info FUSE transport (a device file name)");
    case Stats::Transport::IoUring:
        return tr("FUSE over io_uring", "@info FUSE transport");
    case Stats::Transport::Unknown:
        break;
    }
    return tr("Not known yet", "@info FUSE transport not reported yet");
}

DetailsPanel::DetailsPanel(MirrorListModel *model, QWidget *parent)
    : QWidget(parent)
    , m_model(model)
{
    setObjectName(QStringLiteral("detailsPanel"));
    setAccessibleName(tr("Mirror details", "@info:accessible"));

    m_title = valueLabel(QStringLiteral("detailsTitle"), this);
    QFont titleFont = m_title->font();
    titleFont.setBold(true);
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.2);
    m_title->setFont(titleFont);

    m_state = valueLabel(QStringLiteral("detailsState"), this);
    m_source = valueLabel(QStringLiteral("detailsSource"), this);
    m_mountPoint = valueLabel(QStringLiteral("detailsMountPoint"), this);
    m_dataPath = valueLabel(QStringLiteral("detailsDataPath"), this);
    m_transport = valueLabel(QStringLiteral("detailsTransport"), this);
    m_openNow = valueLabel(QStringLiteral("detailsOpenNow"), this);
    m_bytes = valueLabel(QStringLiteral("detailsBytes"), this);
    m_opens = valueLabel(QStringLiteral("detailsOpens"), this);

    auto *form = new QFormLayout;
    const std::pair<QString, QLabel *> rows[] = {
        {tr("State:", "@label"), m_state},
        {tr("Source:", "@label"), m_source},
        {tr("Mount point:", "@label"), m_mountPoint},
        {tr("Data path:", "@label"), m_dataPath},
        {tr("Requests via:", "@label how FUSE requests reach the daemon"), m_transport},
        {tr("Open now:", "@label files and folders open in the mirror"), m_openNow},
        {tr("Bytes:", "@label"), m_bytes},
        {tr("Opens served:", "@label"), m_opens},
    };
    for (const auto &[text, value] : rows) {
        auto *label = new QLabel(text, this);
        label->setBuddy(value);
        value->setAccessibleName(text.chopped(1));
        form->addRow(label, value);
    }

    m_operations = new QTableWidget(static_cast<int>(Stats::OperationCount), 3, this);
    m_operations->setObjectName(QStringLiteral("operationsTable"));
    m_operations->setAccessibleName(tr("Requests and errors per operation", "@info:accessible table"));
    m_operations->setHorizontalHeaderLabels({tr("Operation", "@title:column"), tr("Requests", "@title:column"), tr("Errors", "@title:column")});
    m_operations->verticalHeader()->hide();
    m_operations->horizontalHeader()->setObjectName(QStringLiteral("operationsHeader"));
    m_operations->horizontalHeader()->setAccessibleName(tr("Operation columns", "@info:accessible"));
    m_operations->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_operations->setSelectionMode(QAbstractItemView::NoSelection);
    // One Tab stop: arrows move inside. With Tab walking the cells, Tab never
    // left the table (it wraps from the last cell to the first).
    m_operations->setTabKeyNavigation(false);
    m_operations->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_operations->verticalHeader()->setDefaultSectionSize(m_operations->fontMetrics().height() + 4);
    for (int i = 0; i < static_cast<int>(Stats::OperationCount); ++i) {
        const auto name = Stats::OperationNames[static_cast<std::size_t>(i)];
        m_operations->setItem(i, 0, new QTableWidgetItem(QString::fromLatin1(name.data(), static_cast<qsizetype>(name.size()))));
        for (int column = 1; column < 3; ++column) {
            auto *item = new QTableWidgetItem;
            item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
            m_operations->setItem(i, column, item);
        }
    }

    m_plot = new RatePlot(this);

    auto *top = new QHBoxLayout;
    auto *left = new QVBoxLayout;
    left->addWidget(m_title);
    left->addLayout(form);
    left->addWidget(m_plot, 1);
    top->addLayout(left, 3);
    top->addWidget(m_operations, 2);
    setLayout(top);

    connect(m_model, &MirrorListModel::sampled, this, &DetailsPanel::refresh);
    connect(m_model, &MirrorListModel::historyAppended, m_plot, qOverload<>(&QWidget::update));
    connect(m_model, &QAbstractItemModel::dataChanged, this, [this](const QModelIndex &topLeft, const QModelIndex &bottomRight) {
        if (m_row >= topLeft.row() && m_row <= bottomRight.row()) {
            refresh();
        }
    });
    connect(m_model, &QAbstractItemModel::rowsRemoved, this, [this]() {
        setRow(-1);
    });
    connect(m_model, &QAbstractItemModel::modelReset, this, [this]() {
        setRow(-1);
    });
    setRow(-1);
}

void DetailsPanel::setRow(int row)
{
    m_row = row < m_model->rowCount() ? row : -1;
    m_plot->setHistory(m_model->history(m_row));
    refresh();
}

void DetailsPanel::setText(QLabel *label, const QString &text)
{
    if (label->text() != text) {
        label->setText(text);
    }
}

void DetailsPanel::refresh()
{
    const QLocale locale;
    if (m_row < 0) {
        setText(m_title, tr("No mirror selected", "@info"));
        for (QLabel *label : {m_state, m_source, m_mountPoint, m_dataPath, m_transport, m_openNow, m_bytes, m_opens}) {
            setText(label, QString());
        }
        for (int i = 0; i < m_operations->rowCount(); ++i) {
            m_operations->item(i, 1)->setText(QString());
            m_operations->item(i, 2)->setText(QString());
        }
        return;
    }
    const QModelIndex index = m_model->index(m_row, 0);
    setText(m_title, index.data(MirrorListModel::NameRole).toString());
    QString state = index.data(MirrorListModel::StateTextRole).toString();
    const QString error = index.data(MirrorListModel::ErrorTextRole).toString();
    if (!error.isEmpty()) {
        state = tr("%1 — %2", "@info state — why").arg(state, error);
    }
    setText(m_state, state);
    setText(m_source, index.data(MirrorListModel::SourceRole).toString());
    setText(m_mountPoint, index.data(MirrorListModel::MountPointRole).toString());
    setText(m_dataPath, MirrorListModel::dataPathText(static_cast<MirrorListModel::DataPath>(index.data(MirrorListModel::DataPathRole).toInt())));

    const auto snapshot = m_model->snapshot(m_row);
    if (!snapshot) {
        for (QLabel *label : {m_transport, m_openNow, m_bytes, m_opens}) {
            setText(label, QString());
        }
        return;
    }
    setText(m_transport, transportText(snapshot->transport));
    setText(m_openNow,
            tr("%1 files, %2 folders", "@info open now")
                .arg(locale.toString(static_cast<qulonglong>(snapshot->openFiles)), locale.toString(static_cast<qulonglong>(snapshot->openDirectories))));
    setText(
        m_bytes,
        tr("%1 read, %2 written through the daemon", "@info")
            .arg(locale.formattedDataSize(static_cast<qint64>(snapshot->bytesRead)), locale.formattedDataSize(static_cast<qint64>(snapshot->bytesWritten))));
    setText(m_opens,
            tr("%1 by kernel passthrough, %2 in userspace, %3 fell back", "@info")
                .arg(locale.toString(static_cast<qulonglong>(snapshot->passthroughOpens)),
                     locale.toString(static_cast<qulonglong>(snapshot->userspaceOpens)),
                     locale.toString(static_cast<qulonglong>(snapshot->passthroughFallbacks))));
    for (int i = 0; i < m_operations->rowCount(); ++i) {
        const QString requests = locale.toString(static_cast<qulonglong>(snapshot->requests[static_cast<std::size_t>(i)]));
        const QString errors = locale.toString(static_cast<qulonglong>(snapshot->errors[static_cast<std::size_t>(i)]));
        if (m_operations->item(i, 1)->text() != requests) {
            m_operations->item(i, 1)->setText(requests);
        }
        if (m_operations->item(i, 2)->text() != errors) {
            m_operations->item(i, 2)->setText(errors);
        }
    }
}

} // namespace PassMirror
