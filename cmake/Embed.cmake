# Compiles data files into the binary as byte arrays, so the kqlint executable needs no data
# files at run time. kq_embed_files(TARGET HEADER NAMESPACE GLOB...) makes a static library
# TARGET defining `std::span<const EmbeddedFile> NAMESPACE::embedded_files()` (declared in
# HEADER, which also defines EmbeddedFile).
function(kq_embed_files target header namespace)
  file(GLOB _inputs CONFIGURE_DEPENDS ${ARGN})
  set(_out ${CMAKE_BINARY_DIR}/generated/${target}.cpp)
  add_custom_command(
    OUTPUT ${_out}
    COMMAND ${CMAKE_COMMAND} -DOUT=${_out} "-DINPUTS=${_inputs}" -DHEADER=${header}
            -DNAMESPACE=${namespace} -P ${CMAKE_SOURCE_DIR}/cmake/embed_files.cmake
    DEPENDS ${_inputs} ${CMAKE_SOURCE_DIR}/cmake/embed_files.cmake
    COMMENT "Embedding data files into ${target}"
    VERBATIM)
  add_library(${target} STATIC ${_out})
  target_include_directories(${target} PUBLIC ${CMAKE_SOURCE_DIR}/src)
endfunction()

kq_embed_files(kq_schema_data schema/embedded.h kql::schema ${CMAKE_SOURCE_DIR}/src/schema/data/*.toml)
kq_embed_files(kq_lint_docs lint/embedded_docs.h kql::lint ${CMAKE_SOURCE_DIR}/src/lint/docs/*.toml)
kq_embed_files(kq_zeek_data backend/zeek/embedded_data.h kql::zeek ${CMAKE_SOURCE_DIR}/src/backend/zeek/data/*.toml)
