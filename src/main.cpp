#include "cli/app.h"

int main(int argc, char** argv) { return kql::cli::run(argc, argv); }
