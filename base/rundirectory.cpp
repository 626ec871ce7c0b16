// SPDX-License-Identifier: GPL-2.0-or-later
#include "rundirectory.h"

#ifndef PASSMIRROR_RUN_DIR
#define PASSMIRROR_RUN_DIR "/run/passmirror"
#endif

namespace PassMirror
{

std::string runDirectory()
{
    return PASSMIRROR_RUN_DIR;
}

std::string registryDirectory()
{
    return runDirectory() + "/mirrors";
}

std::string statsDirectory()
{
    return runDirectory() + "/stats";
}

std::string mountRecordDirectory()
{
    return runDirectory() + "/mounts";
}

} // namespace PassMirror
