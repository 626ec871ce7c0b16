// SPDX-License-Identifier: GPL-2.0-or-later
#include "capabilities.h"

#include <algorithm>
#include <cerrno>
#include <memory>
#include <type_traits>

namespace PassMirror
{

namespace
{

struct CapFree {
    void operator()(cap_t caps) const
    {
        cap_free(caps);
    }
};
using Caps = std::unique_ptr<std::remove_pointer_t<cap_t>, CapFree>;

bool contains(std::span<const cap_value_t> set, cap_value_t capability)
{
    return std::ranges::find(set, capability) != set.end();
}

} // namespace

bool hasEffectiveCapability(cap_value_t capability)
{
    const Caps caps(cap_get_proc());
    cap_flag_value_t value = CAP_CLEAR;
    return caps && cap_get_flag(caps.get(), capability, CAP_EFFECTIVE, &value) == 0 && value == CAP_SET;
}

CheckResult dropBoundingAndAmbientExcept(std::span<const cap_value_t> keep)
{
    for (cap_value_t capability = 0; capability <= CAP_LAST_CAP; ++capability) {
        if (!contains(keep, capability) && CAP_IS_SUPPORTED(capability) && cap_drop_bound(capability) != 0) {
            return failure(MirrorError::Internal, withErrno("cannot drop capabilities from the bounding set", errno));
        }
    }
    if (cap_reset_ambient() != 0 && errno != EINVAL) {
        return failure(MirrorError::Internal, withErrno("cannot clear ambient capabilities", errno));
    }
    return std::nullopt;
}

CheckResult setCapabilities(std::span<const cap_value_t> keep, bool effective)
{
    const Caps caps(cap_init());
    if (!caps) {
        return failure(MirrorError::Internal, withErrno("cannot allocate a capability set", errno));
    }
    for (const cap_value_t capability : keep) {
        for (const cap_flag_t set : {CAP_PERMITTED, CAP_EFFECTIVE}) {
            if ((set == CAP_PERMITTED || effective) && cap_set_flag(caps.get(), set, 1, &capability, CAP_SET) != 0) {
                return failure(MirrorError::Internal, withErrno("cannot build the capability set", errno));
            }
        }
    }
    if (cap_set_proc(caps.get()) != 0) {
        return failure(MirrorError::NotPermitted, withErrno("cannot drop capabilities", errno));
    }
    return std::nullopt;
}

std::variant<std::optional<cap_value_t>, Failure> capabilityBeyond(std::span<const cap_value_t> keep)
{
    const Caps caps(cap_get_proc());
    if (!caps) {
        return failure(MirrorError::Internal, withErrno("cannot read back the capabilities", errno));
    }
    for (cap_value_t capability = 0; capability <= CAP_LAST_CAP; ++capability) {
        if (!CAP_IS_SUPPORTED(capability)) {
            continue;
        }
        cap_flag_value_t effective = CAP_CLEAR;
        cap_flag_value_t permitted = CAP_CLEAR;
        cap_flag_value_t inheritable = CAP_CLEAR;
        cap_get_flag(caps.get(), capability, CAP_EFFECTIVE, &effective);
        cap_get_flag(caps.get(), capability, CAP_PERMITTED, &permitted);
        cap_get_flag(caps.get(), capability, CAP_INHERITABLE, &inheritable);
        if (effective == CAP_SET || inheritable == CAP_SET || (permitted == CAP_SET && !contains(keep, capability))) {
            return std::optional<cap_value_t>(capability);
        }
    }
    return std::optional<cap_value_t>();
}

} // namespace PassMirror
