// SPDX-License-Identifier: GPL-2.0-or-later
// The floor daemon's whole filesystem: a tree of names and attributes in
// memory behind one mutex (the bench's threads each work in their own
// directory, and every operation here takes well under a microsecond).
// File contents are not stored; only sizes are.
#pragma once

#include <cerrno>
#include <ctime>
#include <map>
#include <mutex>
#include <string>
#include <sys/stat.h>
#include <unordered_map>

#include <fuse_lowlevel.h>

namespace PassMirror::Bench
{

class FloorTree
{
public:
    FloorTree(uid_t uid, gid_t gid)
    {
        Node &root = m_nodes[FUSE_ROOT_ID];
        root.attributes = makeAttributes(FUSE_ROOT_ID, S_IFDIR | 0755, uid, gid);
    }

    int lookup(fuse_ino_t parent, const std::string &name, struct stat &out)
    {
        std::lock_guard lock(m_mutex);
        Node *directory = directoryNode(parent);
        if (directory == nullptr) {
            return ENOTDIR;
        }
        const auto child = directory->children.find(name);
        if (child == directory->children.end()) {
            return ENOENT;
        }
        out = m_nodes.at(child->second).attributes;
        return 0;
    }

    int getattr(fuse_ino_t ino, struct stat &out)
    {
        std::lock_guard lock(m_mutex);
        const auto node = m_nodes.find(ino);
        if (node == m_nodes.end()) {
            return ENOENT;
        }
        out = node->second.attributes;
        return 0;
    }

    int setattr(fuse_ino_t ino, const struct stat &changes, int toSet, struct stat &out)
    {
        std::lock_guard lock(m_mutex);
        const auto node = m_nodes.find(ino);
        if (node == m_nodes.end()) {
            return ENOENT;
        }
        struct stat &attributes = node->second.attributes;
        if ((toSet & FUSE_SET_ATTR_MODE) != 0) {
            attributes.st_mode = (attributes.st_mode & S_IFMT) | (changes.st_mode & 07777);
        }
        if ((toSet & FUSE_SET_ATTR_SIZE) != 0) {
            attributes.st_size = changes.st_size;
        }
        if ((toSet & FUSE_SET_ATTR_MTIME) != 0) {
            attributes.st_mtim = changes.st_mtim;
        }
        out = attributes;
        return 0;
    }

    int create(fuse_ino_t parent, const std::string &name, mode_t mode, uid_t uid, gid_t gid, struct stat &out)
    {
        std::lock_guard lock(m_mutex);
        Node *directory = directoryNode(parent);
        if (directory == nullptr) {
            return ENOTDIR;
        }
        if (directory->children.contains(name)) {
            return EEXIST;
        }
        const fuse_ino_t ino = m_nextIno++;
        directory->children.emplace(name, ino);
        Node &node = m_nodes[ino];
        node.attributes = makeAttributes(ino, mode, uid, gid);
        out = node.attributes;
        return 0;
    }

    // Unlinked nodes are forgotten at once: the floor never reuses an inode
    // number, and an open file of a removed name is only sized, never read.
    int remove(fuse_ino_t parent, const std::string &name, bool directoryWanted)
    {
        std::lock_guard lock(m_mutex);
        Node *directory = directoryNode(parent);
        if (directory == nullptr) {
            return ENOTDIR;
        }
        const auto child = directory->children.find(name);
        if (child == directory->children.end()) {
            return ENOENT;
        }
        const Node &node = m_nodes.at(child->second);
        const bool isDirectory = S_ISDIR(node.attributes.st_mode);
        if (isDirectory != directoryWanted) {
            return directoryWanted ? ENOTDIR : EISDIR;
        }
        if (isDirectory && !node.children.empty()) {
            return ENOTEMPTY;
        }
        m_nodes.erase(child->second);
        directory->children.erase(child);
        return 0;
    }

    int rename(fuse_ino_t parent, const std::string &name, fuse_ino_t newParent, const std::string &newName)
    {
        std::lock_guard lock(m_mutex);
        Node *from = directoryNode(parent);
        Node *to = directoryNode(newParent);
        if (from == nullptr || to == nullptr) {
            return ENOTDIR;
        }
        const auto child = from->children.find(name);
        if (child == from->children.end()) {
            return ENOENT;
        }
        const fuse_ino_t moved = child->second;
        from->children.erase(child);
        const auto [target, inserted] = to->children.try_emplace(newName, moved);
        if (!inserted) {
            m_nodes.erase(target->second);
            target->second = moved;
        }
        return 0;
    }

    void extend(fuse_ino_t ino, off_t end)
    {
        std::lock_guard lock(m_mutex);
        const auto node = m_nodes.find(ino);
        if (node != m_nodes.end() && node->second.attributes.st_size < end) {
            node->second.attributes.st_size = end;
        }
    }

    // Calls visit(name, attributes, nextOffset) from `offset` (the count of
    // entries already returned) until it returns false.
    template<typename Visit>
    int forEachChild(fuse_ino_t ino, off_t offset, Visit visit)
    {
        std::lock_guard lock(m_mutex);
        Node *directory = directoryNode(ino);
        if (directory == nullptr) {
            return ENOTDIR;
        }
        off_t index = 0;
        for (const auto &[name, childIno] : directory->children) {
            if (index++ < offset) {
                continue;
            }
            if (!visit(name, m_nodes.at(childIno).attributes, index)) {
                break;
            }
        }
        return 0;
    }

private:
    struct Node {
        struct stat attributes{};
        std::map<std::string, fuse_ino_t> children;
    };

    static struct stat makeAttributes(fuse_ino_t ino, mode_t mode, uid_t uid, gid_t gid)
    {
        struct stat attributes{};
        attributes.st_ino = ino;
        attributes.st_mode = mode;
        attributes.st_nlink = S_ISDIR(mode) ? 2 : 1;
        attributes.st_uid = uid;
        attributes.st_gid = gid;
        attributes.st_blksize = 4096;
        timespec now{};
        clock_gettime(CLOCK_REALTIME, &now);
        attributes.st_atim = attributes.st_mtim = attributes.st_ctim = now;
        return attributes;
    }

    Node *directoryNode(fuse_ino_t ino)
    {
        const auto node = m_nodes.find(ino);
        if (node == m_nodes.end() || !S_ISDIR(node->second.attributes.st_mode)) {
            return nullptr;
        }
        return &node->second;
    }

    std::mutex m_mutex;
    std::unordered_map<fuse_ino_t, Node> m_nodes;
    fuse_ino_t m_nextIno = FUSE_ROOT_ID + 1;
};

} // namespace PassMirror::Bench
