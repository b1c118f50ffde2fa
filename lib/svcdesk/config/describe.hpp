#pragma once
// The effective configuration, value by value, with the layer each value came from
// (`svcdesk config show`, like ccache --show-config).

#include <svcdesk/config/config.hpp>

#include <string>
#include <vector>

namespace svcdesk {

struct ConfigEntry {
    std::string key;    // dotted TOML path, e.g. sla.rules."complaint.product".respond
    std::string value;  // the value as TOML text, on one line
    std::string origin; // built-in, /etc, XDG, SVCDESK_CONFIG or --config
    std::string file;   // the layer's file, "<built-in>" for the compiled-in text
    int line = 0;       // line in that file
};

// Every leaf value of the merged layers, sorted by key; arrays (including arrays of tables such
// as [[desks]]) are one value, since a layer replaces them whole. Throws Error(internal) with
// FILE:LINE:COL for a file that does not parse.
std::vector<ConfigEntry> describe_config(const ConfigSources& sources);

} // namespace svcdesk
