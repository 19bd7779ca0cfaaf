# Generates the C++ lexer and parser from grammar/*.g4 into the build tree at build time.
# Debian's antlr4 tool (4.7.2) must be run through its wrapper script; the packaged
# antlr4-generator CMake helper calls `java -jar`, which fails there, so we call it ourselves.
find_program(ANTLR4_TOOL antlr4 REQUIRED)
set(KQ_GRAMMAR_OUT ${CMAKE_BINARY_DIR}/generated/grammar)
set(KQ_GRAMMAR_SRCS
  ${KQ_GRAMMAR_OUT}/KqlLexer.cpp ${KQ_GRAMMAR_OUT}/KqlParser.cpp)
add_custom_command(
  OUTPUT ${KQ_GRAMMAR_SRCS} ${KQ_GRAMMAR_OUT}/KqlLexer.h ${KQ_GRAMMAR_OUT}/KqlParser.h
  COMMAND ${CMAKE_COMMAND} -E make_directory ${KQ_GRAMMAR_OUT}
  COMMAND ${ANTLR4_TOOL} -Dlanguage=Cpp -no-listener -no-visitor -package kqlgen
          -o ${KQ_GRAMMAR_OUT} -Xexact-output-dir
          ${CMAKE_SOURCE_DIR}/grammar/KqlLexer.g4 ${CMAKE_SOURCE_DIR}/grammar/KqlParser.g4
  DEPENDS ${CMAKE_SOURCE_DIR}/grammar/KqlLexer.g4 ${CMAKE_SOURCE_DIR}/grammar/KqlParser.g4
  COMMENT "Generating KQL lexer and parser with ANTLR"
  VERBATIM)
add_library(kq_grammar STATIC ${KQ_GRAMMAR_SRCS})
target_include_directories(kq_grammar SYSTEM PUBLIC ${KQ_GRAMMAR_OUT} /usr/include/antlr4-runtime)
target_link_libraries(kq_grammar PUBLIC antlr4_shared)
# Generated code is not ours to warn about.
target_compile_options(kq_grammar PRIVATE -w)
# The 4.7.2 tool emits u8"..." literals into std::string, which C++20 (char8_t) rejects.
set_target_properties(kq_grammar PROPERTIES CXX_STANDARD 17)
