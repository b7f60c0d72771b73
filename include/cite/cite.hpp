#pragma once

// cite: a full-text search and citation index. Everything an embedding program needs.
#include "cite/check.hpp"
#include "cite/citation.hpp"
#include "cite/error.hpp"
#include "cite/index.hpp"
#include "cite/json.hpp"
