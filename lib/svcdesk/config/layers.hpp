#pragma once
// The layered TOML tree behind a Config, for `config show` (private to lib/).

#include <svcdesk/config/config.hpp>
#include <svcdesk/config/tree.hpp>

namespace svcdesk::config_detail {

// Reads the built-in text and every source present, lowest precedence first.
Tree config_tree(const ConfigSources& sources);

} // namespace svcdesk::config_detail
