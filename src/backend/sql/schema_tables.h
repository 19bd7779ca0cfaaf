#pragma once
// Source-table columns for the SQL backend, from the embedded schema.
#include "backend/sql/generator.h"

namespace kql::schema {
class Schema;
}

namespace kql::sql {

// A TableLookup over `schema` (which must outlive it).
TableLookup schema_table_lookup(const schema::Schema& schema);

}  // namespace kql::sql
