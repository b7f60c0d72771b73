#pragma once

#include <string>

#include "cite/index.hpp"

namespace cite::indexer {

// Brings the index in `index_dir` up to date with the corpus under `corpus_root`
// (see cite::Index::update for the contract).
UpdateReport update_index(const std::string& index_dir, const std::string& corpus_root,
                          const UpdateOptions& options);

}  // namespace cite::indexer
