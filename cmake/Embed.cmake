# Compiles the schema TOML files under src/schema/data/ into the binary as string constants,
# so the kqlint executable needs no data files at run time.
file(GLOB KQ_SCHEMA_TOML CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/src/schema/data/*.toml)
set(KQ_EMBED_CPP ${CMAKE_BINARY_DIR}/generated/schema_data.cpp)
add_custom_command(
  OUTPUT ${KQ_EMBED_CPP}
  COMMAND ${CMAKE_COMMAND} -DOUT=${KQ_EMBED_CPP} "-DINPUTS=${KQ_SCHEMA_TOML}"
          -P ${CMAKE_SOURCE_DIR}/cmake/embed_files.cmake
  DEPENDS ${KQ_SCHEMA_TOML} ${CMAKE_SOURCE_DIR}/cmake/embed_files.cmake
  COMMENT "Embedding schema data"
  VERBATIM)
add_library(kq_schema_data STATIC ${KQ_EMBED_CPP})
target_include_directories(kq_schema_data PUBLIC ${CMAKE_SOURCE_DIR}/src)
